// A write whose answer was lost, sent again with the same Idempotency-Key: the server answers
// what it did the first time and writes nothing twice (both Store adapters: projects api and
// api-cloud). Each rule here would let a second, new write through, so a duplicate would show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import type { CampaignDetail } from '../../contract/campaigns'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const iso = (ms: number) => new Date(ms).toISOString()

describe('retried writes', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}
  let keys = 0
  const newKey = () => `retry-key-${++keys}-abcdef`

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const as = (openid: string) => tokens[openid]
  /** The same request sent twice under one key, the first answer lost on the way. */
  async function twice<T>(action: string, input: object, openid: string, key = newKey()) {
    const first = await api.post<T>(action, input, as(openid), key)
    const second = await api.post<T>(action, input, as(openid), key)
    return { first, second, key }
  }
  const auditOf = (action: string) => api.rows('audit_log').filter((r) => r.action === action)

  /** A campaign of village A in voting, where a resident may vote 5 times a day, 5 for one. */
  async function votingCampaign(): Promise<{ campaignId: string; candidateId: string }> {
    const c = await api.data<CampaignDetail>(
      'campaigns.save',
      {
        type: 'goodNeighbor',
        title: '重试测试评选',
        villageId: 'vil-a',
        nominationStartsAt: iso(now),
        reviewStartsAt: iso(now + DAY),
        votingStartsAt: iso(now + 2 * DAY),
        votingEndsAt: iso(now + 5 * DAY),
        publicityEndsAt: iso(now + 8 * DAY),
        rules: {
          nominators: 'residents',
          selfNomination: false,
          nominationsPerHousehold: 1,
          votesPerDay: 5,
          votesPerCandidatePerDay: 5,
          counting: 'perPerson',
          liveCounts: true,
          winners: 1,
        },
      },
      as(who.admin),
    )
    const nominated = await twice<{ id: string }>(
      'campaigns.nominate',
      { campaignId: c.id, householdId: 'hh-a3', story: '常年帮邻居照看老人和孩子，大家都说好。' },
      who.residentA,
    )
    // The nomination: one record, and the retry is told it succeeded (not "already nominated").
    expect(nominated.first.body).toEqual(nominated.second.body)
    if (!nominated.first.body.ok) throw new Error(nominated.first.body.error.message)
    const nominationId = nominated.first.body.data.id
    expect(
      api.rows('nominations').filter((n) => n.campaign_id === c.id || n.campaignId === c.id),
    ).toHaveLength(1)
    now += DAY
    await api.data('campaigns.review', { id: nominationId, decision: 'approve' }, as(who.gridA))
    now += DAY
    return { campaignId: c.id, candidateId: nominationId }
  }

  it('a vote retried with its key is counted once; a new key is a new vote', async () => {
    const { campaignId, candidateId } = await votingCampaign()
    const votes = () =>
      api.rows('votes').filter((v) => (v.campaign_id ?? v.campaignId) === campaignId)
    const vote = { campaignId, candidateId }

    const { first, second } = await twice<ActionOutput<'campaigns.vote'>>(
      'campaigns.vote',
      vote,
      who.residentA,
    )
    expect(first.body.ok).toBe(true)
    expect(second.body).toEqual(first.body)
    expect(votes()).toHaveLength(1)
    expect(auditOf('campaigns.vote')).toHaveLength(1)

    // The rules allow a second vote today: a new key (a new tap) is one.
    const again = await api.post('campaigns.vote', vote, as(who.residentA), newKey())
    expect(again.body.ok).toBe(true)
    expect(votes()).toHaveLength(2)
    expect(auditOf('campaigns.vote')).toHaveLength(2)
  })

  it('a key sent again with another input is refused and writes nothing', async () => {
    const { campaignId, candidateId } = await votingCampaign()
    const key = newKey()
    const first = await api.post(
      'campaigns.vote',
      { campaignId, candidateId },
      as(who.residentA),
      key,
    )
    expect(first.body.ok).toBe(true)
    const before = api.dumpAll()
    const reused = await api.post(
      'campaigns.vote',
      { campaignId, candidateId: 'nom-other' },
      as(who.residentA),
      key,
    )
    expect(reused.status).toBe(400)
    expect(reused.body).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '这个请求编号已经用于另一项提交，请重新操作' },
    })
    expect(api.dumpAll()).toBe(before)
  })

  it('one key is one caller’s: another resident with the same key votes for themselves', async () => {
    const { campaignId, candidateId } = await votingCampaign()
    const key = newKey()
    const a = await api.post('campaigns.vote', { campaignId, candidateId }, as(who.residentA), key)
    const gridVote = await api.post(
      'campaigns.assistVote',
      { campaignId, candidateId, residentId: 'u-t-res-a' },
      as(who.gridA),
      key,
    )
    expect(a.body.ok).toBe(true)
    expect(gridVote.body.ok).toBe(true)
    expect(gridVote.body).not.toEqual(a.body)
  })

  it('an inspection retried with its key is one inspection, with one audit entry', async () => {
    const input = {
      roundId: 'r-open',
      householdId: 'hh-a4',
      items: [
        { criterionId: 'crit-a', points: 40, note: '' },
        { criterionId: 'crit-b', deductions: 2, note: '' },
      ],
      photos: [],
      clientId: 'retry-inspection-0001',
    }
    const inspections = () =>
      api.rows('inspections').filter((i) => (i.household_id ?? i.householdId) === 'hh-a4')
    const before = inspections().length
    const { first, second } = await twice('board.inspect', input, who.gridA)
    expect(first.body.ok).toBe(true)
    expect(second.body).toEqual(first.body)
    expect(inspections()).toHaveLength(before + 1)
    expect(auditOf('board.inspect')).toHaveLength(1)
  })

  it('a notice published and retried is published once, with one audit entry', async () => {
    const draft = await api.data<{ id: string }>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '重试发布的通知',
        body: '明天上午村委会开会，请各户派一人参加。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
        publish: 'draft',
      },
      as(who.gridA),
    )
    const { first, second } = await twice('notices.publish', { id: draft.id }, who.gridA)
    expect(first.body.ok).toBe(true)
    expect(second.body).toEqual(first.body)
    expect(
      auditOf('notices.publish').filter((r) => String(r.target ?? '').includes(draft.id)),
    ).toHaveLength(1)
  })

  it('a key that is not a plain token is refused before anything runs', async () => {
    const bad = await api.post('notices.withdraw', { id: 'n-1' }, as(who.admin), 'bad key!')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      ok: false,
      error: { message: '请求编号格式不正确，请重新操作' },
    })
  })
})
