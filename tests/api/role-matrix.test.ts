// Every action of the contract, called by every kind of caller: allowed exactly when the
// contract says so, and a refused call leaves every table exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actions, type ActionName } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const callers = {
  anonymous: null,
  visitor: who.visitor,
  resident: who.residentA,
  gridWorker: who.gridA,
  admin: who.admin,
} as const
type CallerKind = keyof typeof callers

const csv = Buffer.from(
  '村名,村民小组,户主姓名,门牌号,家庭人口\n甲村,一组,新来户,东街99号,2\n',
).toString('base64')

describe('role matrix of every action', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}
  let fresh = 0
  /** A notice grid worker A wrote, for the actions that edit one's own notice. */
  let gridNotice = ''

  /** A new user with a pending request on a household of grid A, for approve/reject. */
  const pendingRequest = async () => {
    const token = await api.login(`applicant-${++fresh}`)
    const res = await api.data<{ id: string }>(
      'bindings.request',
      {
        by: 'roster',
        villageId: 'vil-a',
        headName: '王芳',
        houseNo: '东街3号',
        relation: 'member',
      },
      token,
    )
    return res.id
  }

  const inputs: Record<string, () => Promise<object> | object> = {
    'me.get': () => ({}),
    'me.updateProfile': () => ({ nickname: '新昵称' }),
    'villages.list': () => ({}),
    'users.search': () => ({ keyword: '' }),
    'staff.list': () => ({}),
    'staff.appoint': () => ({ userId: `u-${who.residentB}`, role: 'gridWorker' }),
    'staff.dismiss': () => ({ userId: `u-${who.gridB}` }),
    'admin.claim': () => ({ code: 'WRONGCODE' }),
    'places.tree': () => ({}),
    'places.create': () => ({ kind: 'group', villageId: 'vil-b', name: `新组${++fresh}` }),
    'places.rename': () => ({ kind: 'group', id: 'vil-b-g1', name: `改名${++fresh}` }),
    'places.archive': () => ({ kind: 'group', id: 'vil-b-g1', archived: false }),
    'grids.assignWorker': () => ({ gridId: 'vil-a-grid', userId: `u-${who.gridA}` }),
    'grids.removeWorker': () => ({ gridId: 'vil-b-grid', userId: `u-${who.gridB}` }),
    'households.list': () => ({}),
    'households.get': () => ({ id: 'hh-a2' }),
    'households.update': () => ({ id: 'hh-a2', size: 4 }),
    'households.invite': () => ({ householdId: 'hh-a2' }),
    'roster.preview': () => ({ fileName: 'r.csv', content: csv }),
    'roster.commit': () => ({ fileName: 'r.csv', content: csv }),
    'roster.export': () => ({}),
    // Before bindings.unbind, which unbinds resident A (resident-only actions need the binding).
    'campaigns.get': () => ({ id: 'c-town' }),
    'campaigns.save': () => ({
      type: 'custom',
      customTypeName: '孝老爱亲',
      title: `孝老爱亲评选${++fresh}`,
      villageId: null,
      nominationStartsAt: '2026-12-01T00:00:00Z',
      reviewStartsAt: '2026-12-08T00:00:00Z',
      votingStartsAt: '2026-12-10T00:00:00Z',
      votingEndsAt: '2026-12-17T00:00:00Z',
      publicityEndsAt: '2026-12-24T00:00:00Z',
      rules: {
        nominators: 'residents',
        selfNomination: false,
        nominationsPerHousehold: 1,
        votesPerDay: 3,
        votesPerCandidatePerDay: 1,
        counting: 'perPerson',
        winners: 3,
      },
    }),
    // c-a is in nomination: closing 'review' is a CONFLICT that changes nothing.
    'campaigns.closePhase': () => ({ id: 'c-a', phase: 'review', reason: '测试提前结束' }),
    'campaigns.nominees': () => ({ campaignId: 'c-town', name: '王' }),
    'campaigns.nominate': () => ({
      campaignId: 'c-a',
      householdId: 'hh-a4',
      story: '十几年如一日照顾邻居家的老人，大家都称赞。',
    }),
    'campaigns.nominations': () => ({}),
    'campaigns.review': () => ({ id: 'nom-a-pending', decision: 'reject', reason: '材料不全' }),
    'campaigns.decline': () => ({ id: 'nom-a-pending' }),
    'campaigns.candidates': () => ({ campaignId: 'c-town' }),
    'campaigns.vote': () => ({ campaignId: 'c-town', candidateId: 'nom-town-1' }),
    'campaigns.assistees': () => ({ campaignId: 'c-town' }),
    'campaigns.assistVote': () => ({
      campaignId: 'c-town',
      candidateId: 'nom-town-2',
      residentId: `u-${who.residentA}`,
    }),
    'campaigns.votes': () => ({ campaignId: 'c-town' }),
    'campaigns.invalidateVote': () => ({ voteId: 'vote-b-1', reason: '测试作废' }),
    'campaigns.integrity': () => ({ campaignId: 'c-town' }),
    'campaigns.results': () => ({ campaignId: 'c-town' }),
    'campaigns.object': () => ({ campaignId: 'c-town', text: '我对结果有异议，请核实。' }),
    'campaigns.objections': () => ({ campaignId: 'c-town' }),
    'campaigns.export': () => ({ campaignId: 'c-town' }),
    'campaigns.subscribe': () => ({ campaignId: 'c-town', on: true }),
    'campaigns.subscription': () => ({}),
    'notify.outbox': () => ({}),
    'me.votes': () => ({}),
    'me.nominations': () => ({}),
    'bindings.request': () => ({
      by: 'roster',
      villageId: 'vil-a',
      headName: '李大强',
      houseNo: '东街2号',
      relation: 'member',
    }),
    'bindings.cancel': () => ({}),
    'bindings.unbind': () => ({}),
    'bindings.pending': () => ({}),
    'bindings.approve': async () => ({ id: await pendingRequest() }),
    'bindings.reject': async () => ({ id: await pendingRequest(), reason: '信息不符' }),
    'bindings.revoke': () => ({ id: `b-${who.residentB}`, reason: '已迁出' }),
    'auth.devAccounts': () => ({}),
    'auth.devLogin': () => ({ openid: `matrix-${++fresh}` }),
    'notices.list': () => ({}),
    'notices.get': () => ({ id: 'n-town' }),
    'notices.reach': () => ({ noticeId: 'n-a' }),
    'notices.create': () => ({
      columnId: 'col-news',
      title: `甲村通知${++fresh}`,
      body: '这是一条写给甲村的测试通知正文。',
      scope: { kind: 'villages', villageIds: ['vil-a'] },
    }),
    'notices.update': () => ({ id: gridNotice, title: `改过的标题${++fresh}` }),
    'notices.publish': () => ({ id: gridNotice }),
    'notices.withdraw': () => ({ id: gridNotice }),
    'notices.mine': () => ({}),
    'notices.getEditable': () => ({ id: gridNotice }),
    'notices.setAdopted': () => ({ id: 'n-a', adopted: true }),
    'media.upload': () => ({ fileName: 'a.png', kind: 'image', content: 'iVBORw0KGgo=' }),
    // The local server has no cloud storage: signed-in callers get BAD_INPUT, others 401/403.
    'media.uploadSlot': () => ({ kind: 'image', ext: 'jpg' }),
    'media.register': () => ({ fileID: 'cloud://env-1.bucket/media/2026-11/med_none.jpg' }),
    'content.words': () => ({}),
    'content.setWords': () => ({ words: ['测试敏感词'] }),
    'filing.table': () => ({ month: '2026-11' }),
    'filing.notices': () => ({ month: '2026-11', villageId: 'vil-a' }),
    'filing.settings': () => ({}),
    'filing.setSettings': () => ({ minimum: 2, countWeight: 1, adoptedWeight: 3 }),
    'filing.export': () => ({ month: '2026-11' }),
    'board.rounds': () => ({}),
    'board.ranking': () => ({ roundId: 'r-pub' }),
    'board.list': () => ({ roundId: 'r-pub', list: 'red' }),
    'board.villages': () => ({ roundId: 'r-pub' }),
    'board.round': () => ({ id: 'r-pub' }),
    'board.openRound': () => ({ month: '2026-12' }),
    'board.publish': () => ({ roundId: 'r-open' }),
    'board.inspectables': () => ({ roundId: 'r-open' }),
    'board.inspect': () => ({
      roundId: 'r-open',
      householdId: 'hh-a2',
      items: [
        { criterionId: 'crit-a', points: 60 },
        { criterionId: 'crit-b', points: 35, note: '门前有杂物' },
      ],
      clientId: `matrix-inspect-${++fresh}`,
    }),
    'board.inspection': () => ({ roundId: 'r-pub', householdId: 'hh-b1' }),
    'board.appeal': () => ({ roundId: 'r-pub', text: '院子当天已经清理干净了' }),
    'board.appeals': () => ({}),
    'board.myAppeals': () => ({}),
    'board.decideAppeal': () => ({ id: 'apl-none', decision: 'reject', reason: '与事实不符' }),
    'board.history': () => ({}),
    'board.export': () => ({ roundId: 'r-pub' }),
    'board.printable': () => ({ roundId: 'r-pub', villageId: 'vil-a' }),
    'board.consent': () => ({}),
    'board.setConsent': () => ({ showNameOnRed: true }),
    'rubrics.current': () => ({}),
    'rubrics.list': () => ({}),
    'rubrics.save': () => ({
      name: `检查标准${++fresh}`,
      criteria: [
        { category: '庭院', name: '庭院整洁', maxPoints: 60, deductionPerItem: 5 },
        { category: '垃圾', name: '垃圾分类', maxPoints: 40, deductionPerItem: 5 },
      ],
    }),
    'campaigns.list': () => ({}),
    'columns.list': () => ({}),
    'columns.manage': () => ({}),
    'columns.create': () => ({ name: `栏目${++fresh}` }),
    'columns.rename': () => ({ id: 'col-affairs', name: `改名${++fresh}` }),
    // Every column as it is now (earlier calls may have added some), in reverse.
    'columns.reorder': () => ({
      ids: api
        .rows('columns')
        .sort((a, b) => Number(b.sort) - Number(a.sort))
        .map((c) => String(c.id ?? c._id)),
    }),
    'columns.setHidden': () => ({ id: 'col-hidden', hidden: true }),
  }

  /** Everything stored, to prove that a refused call changed nothing. */
  const dump = () => api.dumpAll()

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(callers))
      if (openid) tokens[openid] = await api.login(openid)
    const written = await api.data<{ id: string }>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '网格员写的通知',
        body: '网格员写给甲村的一条通知正文。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
      },
      tokens[who.gridA],
    )
    gridNotice = written.id
  })
  afterAll(async () => {
    await api.close()
  })

  const names = Object.keys(inputs) as ActionName[]
  for (const name of names) {
    it(`${name}: allowed exactly for ${JSON.stringify(actions[name].access)}`, async () => {
      const access = actions[name].access
      for (const kind of Object.keys(callers) as CallerKind[]) {
        const openid = callers[kind]
        const allowed =
          access === 'public' ||
          (kind !== 'anonymous' && (access as readonly string[]).includes(kind))
        const input = await inputs[name]?.()
        const before = dump()
        const { status, body } = await api.post(name, input, openid ? tokens[openid] : undefined)
        const verdict = `${name} as ${kind}: ${status} ${JSON.stringify(body)}`
        if (allowed) {
          expect([401, 403, 500], verdict).not.toContain(status)
        } else {
          expect(status, verdict).toBe(kind === 'anonymous' ? 401 : 403)
          expect(dump(), `${name} as ${kind} wrote something`).toBe(before)
        }
      }
    })
  }

  it('covers every action of the contract', () => {
    expect([...names].sort()).toEqual(Object.keys(actions).sort())
  })
})
