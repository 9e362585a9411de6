// 评选 end to end over HTTP with an injected clock: phases exact to the second, every rule,
// per-person vs per-household counting, assisted votes, invalidation, privacy of nominees.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  Candidate,
  CampaignDetail,
  CampaignResults,
  CampaignRules,
  Nomination,
} from '../../contract/campaigns'
import type { Snapshot } from '../../server/store/store'
import { buildTestTown, DAY, HOUR, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const iso = (ms: number) => new Date(ms).toISOString()

/** The test town plus a second account bound to resident A's household (hh-a1). */
function town(): Snapshot {
  const s = buildTestTown()
  s.users.push({
    id: 'u-t-res-a2',
    openid: 't-res-a2',
    nickname: '甲一户的家人',
    staffRole: null,
    createdAt: NOW - 30 * DAY,
  })
  s.bindings.push({
    id: 'b-t-res-a2',
    userId: 'u-t-res-a2',
    householdId: 'hh-a1',
    relation: 'member',
    status: 'approved',
    createdAt: NOW - 20 * DAY,
    decidedBy: null,
    decidedAt: NOW - 20 * DAY,
    reason: null,
  })
  // A member of the household nominated in c-a (hh-a3), to decline.
  s.users.push({
    id: 'u-t-res-a3',
    openid: 't-res-a3',
    nickname: '王芳家',
    staffRole: null,
    createdAt: NOW - 30 * DAY,
  })
  s.bindings.push({
    id: 'b-t-res-a3',
    userId: 'u-t-res-a3',
    householdId: 'hh-a3',
    relation: 'head',
    status: 'approved',
    createdAt: NOW - 20 * DAY,
    decidedBy: null,
    decidedAt: NOW - 20 * DAY,
    reason: null,
  })
  return s
}

const rules: CampaignRules = {
  nominators: 'residents',
  selfNomination: false,
  nominationsPerHousehold: 1,
  votesPerDay: 2,
  votesPerCandidatePerDay: 1,
  counting: 'perPerson',
  liveCounts: false,
  winners: 1,
}

describe('campaigns: phases, nominations, votes', () => {
  let api: TestApi
  let now = NOW
  const t: Record<string, string> = {}
  const openids = [
    who.admin,
    who.gridA,
    who.gridB,
    who.residentA,
    who.residentB,
    who.visitor,
    't-res-a2',
    't-res-a3',
  ]

  beforeAll(async () => {
    api = await startTestApi({ snapshot: town(), clock: () => now })
    for (const openid of openids) t[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const call = (action: string, input: object, openid: string) => api.post(action, input, t[openid])
  const ok = async <T>(action: string, input: object, openid: string) =>
    api.data<T>(action, input, t[openid])

  /** A fresh campaign for vil-a with the given rules, starting `now`. */
  async function campaign(
    overrides: Partial<typeof rules> = {},
    villageId: string | null = 'vil-a',
  ) {
    const c = await ok<CampaignDetail>(
      'campaigns.save',
      {
        type: 'goodNeighbor',
        title: '测试好邻居评选',
        villageId,
        nominationStartsAt: iso(now),
        reviewStartsAt: iso(now + DAY),
        votingStartsAt: iso(now + 2 * DAY),
        votingEndsAt: iso(now + 5 * DAY),
        publicityEndsAt: iso(now + 8 * DAY),
        rules: { ...rules, ...overrides },
      },
      who.admin,
    )
    return c
  }

  async function nominate(campaignId: string, householdId: string, openid: string = who.residentA) {
    return call(
      'campaigns.nominate',
      { campaignId, householdId, story: '多年照顾孤寡老人，邻里都称赞她热心。' },
      openid,
    )
  }

  it('runs a campaign: nominate, nothing public before approval, approve, vote, results', async () => {
    now = NOW
    const c = await campaign()
    expect(c.phase).toBe('nomination')
    expect(c.me).toMatchObject({ canNominate: true, canVote: false, votesLeftToday: null })
    const mine = await ok<CampaignDetail>('campaigns.get', { id: c.id }, who.residentA)
    expect(mine.me).toMatchObject({ canNominate: true, canVote: false, votesLeftToday: 2 })
    expect(mine.rulesText.join('')).toContain('投票结束前不公开票数')

    const made = await nominate(c.id, 'hh-a2')
    expect(made.status).toBe(200)
    const nomination = (made.body as { data: Nomination }).data
    expect(nomination).toMatchObject({ status: 'pending', number: null })

    // Nothing of the nominee is public before approval.
    const before = await ok<{ items: Candidate[] }>(
      'campaigns.candidates',
      { campaignId: c.id },
      't-res-a2',
    )
    expect(before.items).toEqual([])
    const page = JSON.stringify(await ok('campaigns.get', { id: c.id }, 't-res-a2'))
    expect(page).not.toContain('李大强')

    // Resident A's household nominated once already (limit 1); self-nomination is off.
    expect((await nominate(c.id, 'hh-a4')).body).toMatchObject({ error: { code: 'CONFLICT' } })
    expect((await nominate(c.id, 'hh-a1', 't-res-a3')).status).toBe(200)
    // Self-nomination refused for hh-a3's own member; a second nomination of hh-a2 too.
    const self = await ok<CampaignDetail>('campaigns.get', { id: c.id }, 't-res-a3')
    expect(self.me.canNominate).toBe(true)
    // A resident of another village cannot see a village campaign.
    expect((await call('campaigns.get', { id: c.id }, who.residentB)).status).toBe(404)

    // The grid worker of the nominee's grid approves; grid worker B may not.
    const wrong = await call(
      'campaigns.review',
      { id: nomination.id, decision: 'approve' },
      who.gridB,
    )
    expect(wrong.status).toBe(403)
    const approved = await ok<Nomination>(
      'campaigns.review',
      { id: nomination.id, decision: 'approve' },
      who.gridA,
    )
    expect(approved).toMatchObject({ status: 'approved', number: 1 })
    const list = await ok<{ items: Nomination[] }>(
      'campaigns.nominations',
      { campaignId: c.id, status: 'pending' },
      who.gridA,
    )
    expect(list.items).toHaveLength(1)
    const other = list.items[0] as Nomination
    const rejected = await call('campaigns.review', { id: other.id, decision: 'reject' }, who.gridA)
    expect(rejected.body).toMatchObject({ error: { code: 'BAD_INPUT' } })
    await ok('campaigns.review', { id: other.id, decision: 'approve' }, who.admin)

    const candidates = await ok<{ items: Candidate[] }>(
      'campaigns.candidates',
      { campaignId: c.id },
      who.residentA,
    )
    expect(candidates.items.map((x) => [x.number, x.household.name, x.votes])).toEqual([
      [1, '李大强', null],
      [2, '张小明', null],
    ])

    // A vote before voting opens is refused; at the exact opening second it counts.
    const [first, second] = candidates.items as [Candidate, Candidate]
    const vote = (openid: string, candidateId = first.id) =>
      call('campaigns.vote', { campaignId: c.id, candidateId }, openid)
    now = NOW + 2 * DAY - 1000
    expect((await vote(who.residentA)).body).toMatchObject({
      error: { code: 'CONFLICT', message: '投票还没有开始' },
    })
    now = NOW + 2 * DAY
    expect((await vote(who.residentA)).body).toMatchObject({
      ok: true,
      data: { votesLeftToday: 1, candidateVotesLeftToday: 0 },
    })
    // One vote per candidate per day, two per day in all.
    expect((await vote(who.residentA)).body).toMatchObject({
      error: { code: 'CONFLICT', message: '今天给这位候选的票已经投完了，可以投给其他候选' },
    })
    expect((await vote(who.residentA, second.id)).status).toBe(200)
    expect((await vote(who.residentA, second.id)).body).toMatchObject({
      error: { message: '今天的票已经投完了，明天再来' },
    })
    // Per person: the second account of the same household still has its own votes.
    expect((await vote('t-res-a2')).status).toBe(200)
    // Staff and visitors do not vote; a resident of another village cannot.
    expect((await vote(who.gridA)).status).toBe(403)
    expect((await vote(who.residentB)).status).toBe(404)
    // The next Shanghai day brings new votes (midnight +08:00).
    const midnight = Date.parse('2026-11-29T00:00:00+08:00')
    now = midnight - 1000
    expect((await vote(who.residentA)).status).toBe(409)
    now = midnight
    expect((await vote(who.residentA)).status).toBe(200)

    // Counts stay hidden during voting.
    const hidden = await ok<CampaignResults>(
      'campaigns.results',
      { campaignId: c.id },
      who.residentA,
    )
    expect(hidden).toMatchObject({ rows: null, hiddenReason: '投票结束后公布票数' })

    // The last second of voting counts; one second after close is refused.
    const end = NOW + 5 * DAY
    now = end - 1000
    expect((await vote('t-res-a2', second.id)).status).toBe(200)
    now = end + 1000
    expect((await vote('t-res-a2')).body).toMatchObject({ error: { message: '投票已结束' } })

    const results = await ok<CampaignResults>(
      'campaigns.results',
      { campaignId: c.id },
      who.residentA,
    )
    expect(results).toMatchObject({ final: true, validVotes: 5, invalidatedVotes: 0, winners: 1 })
    expect(
      results.rows?.map((r) => [r.rank, r.candidate.number, r.candidate.votes, r.winner]),
    ).toEqual([
      [1, 1, 3, true],
      [2, 2, 2, false],
    ])
    // The tally equals the valid vote records.
    const records = await ok<{ items: { invalidation: unknown }[] }>(
      'campaigns.votes',
      { campaignId: c.id, limit: 50 },
      who.admin,
    )
    expect(records.items.filter((v) => v.invalidation === null)).toHaveLength(5)
  })

  it('applies who may nominate and whether a household may nominate itself', async () => {
    now = NOW
    const closed = await campaign({ selfNomination: false })
    expect((await nominate(closed.id, 'hh-a1')).body).toMatchObject({
      error: { code: 'BAD_INPUT', message: '本次评选不能提名自己家' },
    })
    const open = await campaign({ selfNomination: true })
    expect((await nominate(open.id, 'hh-a1')).status).toBe(200)
    const staffOnly = await campaign({ nominators: 'gridWorkers' })
    const detail = await ok<CampaignDetail>('campaigns.get', { id: staffOnly.id }, who.residentA)
    expect(detail.me).toMatchObject({
      canNominate: false,
      nominateBlockedReason: '本次评选由网格员提名',
    })
    expect((await nominate(staffOnly.id, 'hh-a2')).status).toBe(403)
    expect((await nominate(staffOnly.id, 'hh-a2', who.gridA)).status).toBe(200)
    // Outside the nomination phase nobody nominates.
    now = NOW + DAY
    expect((await nominate(open.id, 'hh-a4')).body).toMatchObject({
      error: { code: 'CONFLICT', message: '现在不在提名时间内' },
    })
  })

  it('counts per household: two accounts of one household share the allowance', async () => {
    now = NOW
    const c = await campaign({ counting: 'perHousehold', votesPerDay: 1 })
    const n = (await nominate(c.id, 'hh-a2')).body as { data: Nomination }
    await ok('campaigns.review', { id: n.data.id, decision: 'approve' }, who.gridA)
    now = NOW + 2 * DAY
    const vote = (openid: string) =>
      call('campaigns.vote', { campaignId: c.id, candidateId: n.data.id }, openid)
    expect((await vote(who.residentA)).status).toBe(200)
    expect((await vote('t-res-a2')).body).toMatchObject({
      error: { message: '今天的票已经投完了，明天再来' },
    })
    const detail = await ok<CampaignDetail>('campaigns.get', { id: c.id }, 't-res-a2')
    expect(detail.me).toMatchObject({ canVote: false, votesLeftToday: 0 })
    expect((await vote('t-res-a3')).status).toBe(200)
  })

  it('assisted votes count as the resident’s, marked with the helper; invalidation is logged and shown', async () => {
    now = NOW
    const c = await campaign({ liveCounts: true })
    const n = (await nominate(c.id, 'hh-a2')).body as { data: Nomination }
    await ok('campaigns.review', { id: n.data.id, decision: 'approve' }, who.gridA)
    now = NOW + 2 * DAY
    const assisted = { campaignId: c.id, candidateId: n.data.id, residentId: 'u-t-res-a3' }
    expect((await call('campaigns.assistVote', assisted, who.gridB)).status).toBe(404)
    const receipt = await ok<{ voteId: string }>('campaigns.assistVote', assisted, who.gridA)
    // It used that resident's allowance for the candidate.
    expect(
      (await call('campaigns.vote', { campaignId: c.id, candidateId: n.data.id }, 't-res-a3'))
        .status,
    ).toBe(409)
    const mine = await ok<{ items: { assistedByName: string | null }[] }>(
      'me.votes',
      {},
      't-res-a3',
    )
    expect(mine.items.map((v) => v.assistedByName)).toContain(`昵称-${who.gridA}`)

    // Live counts are shown during voting for this campaign.
    const live = await ok<{ items: Candidate[] }>(
      'campaigns.candidates',
      { campaignId: c.id },
      who.residentA,
    )
    expect(live.items[0]?.votes).toBe(1)

    const row = await ok<{ invalidation: { reason: string } | null }>(
      'campaigns.invalidateVote',
      { voteId: receipt.voteId, reason: '本人表示未委托' },
      who.admin,
    )
    expect(row.invalidation?.reason).toBe('本人表示未委托')
    expect(
      (
        await call(
          'campaigns.invalidateVote',
          { voteId: receipt.voteId, reason: '再次作废' },
          who.admin,
        )
      ).status,
    ).toBe(409)
    const results = await ok<CampaignResults>(
      'campaigns.results',
      { campaignId: c.id },
      who.residentA,
    )
    expect(results).toMatchObject({ validVotes: 0, invalidatedVotes: 1 })
    const report = await ok<{ assisted: { count: number }; totalVotes: number }>(
      'campaigns.integrity',
      { campaignId: c.id },
      who.admin,
    )
    expect(report).toMatchObject({ totalVotes: 1, assisted: { count: 0 } })
    const audit = await api.app.store.audit.recent(20)
    expect(
      audit.some(
        (a) => a.action === 'campaigns.invalidateVote' && a.target === `vote:${receipt.voteId}`,
      ),
    ).toBe(true)
  })

  it('lets the nominee household decline, and notifies it and subscribers', async () => {
    now = NOW
    const c = await campaign()
    const n = (await nominate(c.id, 'hh-a3')).body as { data: Nomination }
    const theirs = await ok<{ items: { id: string; relation: string; canDecline: boolean }[] }>(
      'me.nominations',
      {},
      't-res-a3',
    )
    expect(theirs.items.find((x) => x.id === n.data.id)).toMatchObject({
      relation: 'myHousehold',
      canDecline: true,
    })
    expect((await call('campaigns.decline', { id: n.data.id }, who.residentA)).status).toBe(404)
    const declined = await ok<Nomination>('campaigns.decline', { id: n.data.id }, 't-res-a3')
    expect(declined.status).toBe('withdrawn')
    // Withdrawn frees the household to be nominated again later, by someone else.
    expect((await nominate(c.id, 'hh-a3', 't-res-a2')).body).toMatchObject({
      error: { code: 'CONFLICT' },
    })

    await ok('campaigns.subscribe', { campaignId: c.id, on: true }, who.residentA)
    // The 我的 switch: every campaign in the resident's scope (resident B's is 乙村).
    await ok('campaigns.subscribe', { on: true }, 't-res-a2')
    await ok('campaigns.subscribe', { on: true }, who.residentB)
    expect(await ok('campaigns.subscription', {}, 't-res-a2')).toEqual({ all: true })
    expect(await ok('campaigns.subscription', {}, who.residentA)).toEqual({ all: false })
    const sentFor = async () =>
      (
        await ok<{ items: { event: string; campaignId: string | null; recipientName: string }[] }>(
          'notify.outbox',
          { limit: 50 },
          who.admin,
        )
      ).items
        .filter((o) => o.campaignId === c.id)
        .map((o) => `${o.event} ${o.recipientName}`)
        .sort()
    now = NOW + 2 * DAY
    // Reads never write: voting has opened, but only the timer announces it.
    await ok('campaigns.get', { id: c.id }, who.admin)
    await ok('campaigns.list', {}, who.residentA)
    expect(await sentFor()).toEqual(['nominated 王芳家'])
    expect((await api.app.tick()).announced).toBeGreaterThanOrEqual(1)
    // A second tick in the same phase sends nothing again.
    expect((await api.app.tick()).announced).toBe(0)
    now = NOW + 6 * DAY
    await api.app.tick()
    const forThis = await sentFor()
    expect(forThis).toEqual(
      [
        'nominated 王芳家',
        'resultsPublished 甲一户的家人',
        `resultsPublished 昵称-${who.residentA}`,
        'votingOpened 甲一户的家人',
        `votingOpened 昵称-${who.residentA}`,
      ].sort(),
    )
  })

  it('closes a phase early, logged, and accepts objections only during 公示', async () => {
    now = NOW
    const c = await campaign()
    expect(
      (
        await call(
          'campaigns.closePhase',
          { id: c.id, phase: 'voting', reason: '提前结束投票' },
          who.admin,
        )
      ).status,
    ).toBe(409)
    const review = await ok<CampaignDetail>(
      'campaigns.closePhase',
      { id: c.id, phase: 'nomination', reason: '提名已足够' },
      who.admin,
    )
    expect(review).toMatchObject({ phase: 'review', reviewStartsAt: iso(NOW) })
    const voting = await ok<CampaignDetail>(
      'campaigns.closePhase',
      { id: c.id, phase: 'review', reason: '审核完毕' },
      who.admin,
    )
    expect(voting.phase).toBe('voting')
    const text = { campaignId: c.id, text: '我认为候选事迹不实，请核实。' }
    expect((await call('campaigns.object', text, who.residentA)).status).toBe(409)
    now = NOW + HOUR
    const publicity = await ok<CampaignDetail>(
      'campaigns.closePhase',
      { id: c.id, phase: 'voting', reason: '提前结束投票' },
      who.admin,
    )
    expect(publicity).toMatchObject({ phase: 'publicity', votingEndsAt: iso(NOW + HOUR) })
    expect((await call('campaigns.object', text, who.residentA)).status).toBe(200)
    const objections = await ok<{ items: { text: string }[] }>(
      'campaigns.objections',
      { campaignId: c.id },
      who.admin,
    )
    expect(objections.items.map((o) => o.text)).toEqual([text.text])
    const audit = await api.app.store.audit.recent(30)
    expect(
      audit.filter((a) => a.action === 'campaigns.closePhase' && a.target === `campaign:${c.id}`),
    ).toHaveLength(3)
    const file = await ok<{ fileName: string; content: string }>(
      'campaigns.export',
      { campaignId: c.id },
      who.admin,
    )
    expect(file.fileName).toMatch(/\.xlsx$/)
    expect(Buffer.from(file.content, 'base64').subarray(0, 2).toString()).toBe('PK')
    // Read by exceljs, an independent reader: the sheets, their headers and the notes.
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(Buffer.from(file.content, 'base64')).buffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['评选结果', '说明', '作废票'])
    const firstRow = (name: string) =>
      (book.getWorksheet(name)?.getRow(1).values as unknown[]).slice(1)
    expect(firstRow('评选结果')).toEqual([
      '名次',
      '编号',
      '户主',
      '村',
      '村民小组',
      '有效票数',
      '结果',
    ])
    expect(firstRow('作废票')).toEqual(['票号', '候选', '投票人', '作废理由', '作废时间'])
    const notes: unknown[][] = []
    book.getWorksheet('说明')?.eachRow((row) => notes.push((row.values as unknown[]).slice(1)))
    expect(notes.map((n) => n[0])).toEqual([
      '评选',
      '类型',
      '投票时间',
      '公示截止',
      '有效票',
      '作废票',
    ])
    expect(notes[0]?.[1]).toBe(c.title)
    expect(book.getWorksheet('评选结果')?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })
})
