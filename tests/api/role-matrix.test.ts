// Every action of the contract, called by every kind of caller over the demo township, against
// a table written out by hand (not derived from the contract's access lists, so a wrong list
// fails here). 'ok' means the call answered ok: true for a valid input built from the demo
// data; a number is the HTTP status of the refusal, and a refused call changes nothing.
// Then grid scope: 柳家村's grid worker acting on anything of 石坪村 is FORBIDDEN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actions, type ActionName } from '../../contract'
import type { RankEntry } from '../../contract/board'
import { shanghaiDay } from '../../contract/time'
import { NOW } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { timeLimit } from '../helpers/store-adapters'
import { tinyPng } from '../helpers/images'

const roleNames = ['anonymous', 'visitor', 'resident', 'gridWorker', 'admin'] as const
type RoleName = (typeof roleNames)[number]
type Expect = 'ok' | 400 | 401 | 403 | 404 | 409

const OK = 'ok'
const N = 401 // not signed in
const F = 403 // the role may not
const C = 409 // the caller's state does not allow it (e.g. not bound to a household)
const B = 400 // the local server cannot do it at all (no cloud storage)

/** The accounts of the demo seed playing each role. */
const demo: Record<Exclude<RoleName, 'anonymous'>, string> = {
  visitor: 'demo-visitor',
  resident: 'demo-resident-1', // 柳家村, household hh-01-010
  gridWorker: 'demo-grid-1', // 柳家村's two grids
  admin: 'demo-admin',
}

// prettier-ignore
/** Expected answer per action, in the order: anonymous, visitor, resident, gridWorker, admin. */
const expected: Record<ActionName, readonly [Expect, Expect, Expect, Expect, Expect]> = {
  'auth.devAccounts':        [OK, OK, OK, OK, OK],
  'auth.devLogin':           [OK, OK, OK, OK, OK],
  'auth.logout':             [N, OK, OK, OK, OK],
  'me.get':                  [OK, OK, OK, OK, OK],
  'me.updateProfile':        [N, OK, OK, OK, OK],
  'villages.list':           [OK, OK, OK, OK, OK],
  'users.search':            [N, F, F, F, OK],
  'staff.list':              [N, F, F, F, OK],
  'staff.appoint':           [N, F, F, F, OK],
  'staff.dismiss':           [N, F, F, F, OK],
  'users.endSessions':       [N, F, F, F, OK],
  // The demo already has an admin: the setup code is spent for everybody.
  'admin.claim':             [N, C, C, C, C],
  'places.tree':             [N, F, F, F, OK],
  'places.create':           [N, F, F, F, OK],
  'places.rename':           [N, F, F, F, OK],
  'places.archive':          [N, F, F, F, OK],
  'grids.assignWorker':      [N, F, F, F, OK],
  'grids.removeWorker':      [N, F, F, F, OK],
  'households.list':         [N, F, F, OK, OK],
  'households.get':          [N, F, F, OK, OK],
  'households.update':       [N, F, F, OK, OK],
  'households.invite':       [N, F, F, OK, OK],
  'roster.preview':          [N, F, F, F, OK],
  'roster.commit':           [N, F, F, F, OK],
  'roster.export':           [N, F, F, F, OK],
  'bindings.request':        [N, OK, C, OK, OK],
  'bindings.cancel':         [N, OK, C, OK, OK],
  'bindings.unbind':         [N, C, OK, C, C],
  'bindings.pending':        [N, F, F, OK, OK],
  'bindings.approve':        [N, F, F, OK, OK],
  'bindings.reject':         [N, F, F, OK, OK],
  'bindings.revoke':         [N, F, F, F, OK],
  'columns.list':            [OK, OK, OK, OK, OK],
  'columns.manage':          [N, F, F, F, OK],
  'columns.create':          [N, F, F, F, OK],
  'columns.rename':          [N, F, F, F, OK],
  'columns.reorder':         [N, F, F, F, OK],
  'columns.setHidden':       [N, F, F, F, OK],
  'notices.list':            [OK, OK, OK, OK, OK],
  'notices.get':             [OK, OK, OK, OK, OK],
  'notices.open':            [OK, OK, OK, OK, OK],
  'notices.mine':            [N, F, F, OK, OK],
  'notices.getEditable':     [N, F, F, OK, OK],
  'notices.create':          [N, F, F, OK, OK],
  'notices.update':          [N, F, F, OK, OK],
  'notices.publish':         [N, F, F, OK, OK],
  'notices.withdraw':        [N, F, F, OK, OK],
  'notices.reach':           [N, F, F, OK, OK],
  'notices.setAdopted':      [N, F, F, F, OK],
  'content.words':           [N, F, F, F, OK],
  'content.setWords':        [N, F, F, F, OK],
  'media.upload':            [N, OK, OK, OK, OK],
  // Cloud storage only: the local server answers BAD_INPUT to every signed-in caller.
  'media.uploadSlot':        [N, B, B, B, B],
  'media.register':          [N, B, B, B, B],
  'media.held':              [N, F, F, F, OK],
  'media.settle':            [N, F, F, F, 404],
  'rubrics.current':         [N, F, F, OK, OK],
  'rubrics.list':            [N, F, F, F, OK],
  'rubrics.save':            [N, F, F, F, OK],
  'board.rounds':            [OK, OK, OK, OK, OK],
  'board.round':             [OK, OK, OK, OK, OK],
  'board.ranking':           [OK, OK, OK, OK, OK],
  'board.list':              [OK, OK, OK, OK, OK],
  'board.villages':          [OK, OK, OK, OK, OK],
  'board.openRound':         [N, F, F, F, OK],
  'board.publishPreview':    [N, F, F, F, OK],
  'board.publish':           [N, F, F, F, OK],
  'board.withdraw':          [N, F, F, F, OK],
  'board.inspectables':      [N, F, F, OK, OK],
  'board.inspect':           [N, F, F, OK, OK],
  'board.inspection':        [OK, OK, OK, OK, OK],
  'board.appeal':            [N, C, OK, C, C],
  'board.appeals':           [N, F, F, OK, OK],
  'board.myAppeals':         [N, OK, OK, OK, OK],
  'board.decideAppeal':      [N, F, F, OK, OK],
  'board.history':           [N, C, OK, OK, OK],
  'board.export':            [N, F, F, F, OK],
  'board.printable':         [N, F, F, OK, OK],
  'board.consent':           [N, C, OK, C, C],
  'board.setConsent':        [N, C, OK, C, C],
  'campaigns.list':          [OK, OK, OK, OK, OK],
  'campaigns.get':           [OK, OK, OK, OK, OK],
  'campaigns.save':          [N, F, F, F, OK],
  'campaigns.closePhase':    [N, F, F, F, OK],
  'campaigns.nominees':      [N, F, OK, OK, OK],
  'campaigns.nominate':      [N, F, OK, OK, OK],
  'campaigns.nominations':   [N, F, F, OK, OK],
  'campaigns.review':        [N, F, F, OK, OK],
  'campaigns.decline':       [N, F, OK, F, F],
  'campaigns.candidates':    [OK, OK, OK, OK, OK],
  'campaigns.vote':          [N, F, OK, F, F],
  'campaigns.assistees':     [N, F, F, OK, OK],
  'campaigns.assistVote':    [N, F, F, OK, OK],
  'campaigns.votes':         [N, F, F, F, OK],
  'campaigns.invalidateVote':[N, F, F, F, OK],
  'campaigns.integrity':     [N, F, F, F, OK],
  'campaigns.results':       [OK, OK, OK, OK, OK],
  'campaigns.object':        [N, F, OK, F, F],
  'campaigns.objections':    [N, F, F, F, OK],
  'campaigns.export':        [N, F, F, F, OK],
  'campaigns.subscribe':     [N, F, OK, F, F],
  'campaigns.subscription':  [N, OK, OK, OK, OK],
  'notify.outbox':           [N, F, F, F, OK],
  'me.votes':                [N, OK, OK, OK, OK],
  'me.nominations':          [N, OK, OK, OK, OK],
  'filing.table':            [N, F, F, F, OK],
  'filing.notices':          [N, F, F, F, OK],
  'filing.settings':         [N, F, F, F, OK],
  'filing.setSettings':      [N, F, F, F, OK],
  'filing.export':           [N, F, F, F, OK],
  'activities.list':         [OK, OK, OK, OK, OK],
  'activities.get':          [OK, OK, OK, OK, OK],
  'activities.save':         [N, F, F, OK, OK],
  'activities.cancel':       [N, F, F, OK, OK],
  'activities.signUp':       [N, F, OK, F, F],
  'activities.cancelSignup': [N, F, OK, F, F],
  'activities.signups':      [N, F, F, OK, OK],
  'activities.resolveCode':  [N, F, F, OK, OK],
  'activities.checkIn':      [N, F, F, OK, OK],
  'activities.adjustHours':  [N, F, F, OK, OK],
  'activities.toNotice':     [N, F, F, OK, OK],
  'activities.me':           [N, OK, OK, OK, OK],
  'activities.mine':         [N, OK, OK, OK, OK],
  // demo-resident-1's household: its own, its grid worker's and the admin's to read; a
  // visitor is told it is not there.
  'activities.householdHours': [N, 404, OK, OK, OK],
  'activities.monthly':      [N, F, F, OK, OK],
  'activities.export':       [N, F, F, OK, OK],
  'doorplates.open':         [OK, OK, OK, OK, OK],
  'doorplates.print':        [N, F, F, OK, OK],
  'doorplates.reissue':      [N, F, F, OK, OK],
  // Only a bound household has awards: everyone else is told to bind first.
  'me.awards':               [N, C, OK, C, C],
  'broadcast.script':        [N, F, F, OK, OK],
  'broadcast.saveScript':    [N, F, F, OK, OK],
  'broadcast.schedule':      [N, F, F, F, OK],
  'broadcast.unschedule':    [N, F, F, F, OK],
  'broadcast.plays':         [N, F, F, OK, OK],
  'broadcast.markPlayed':    [N, F, F, OK, OK],
  'broadcast.month':         [N, F, F, F, OK],
}

const iso = (ms: number) => new Date(ms).toISOString()
const DAY = 86_400_000

/** What an input builder may use: the running server, the caller's role and token, helpers. */
interface Ctx {
  role: RoleName
  token: string | undefined
}

describe('role matrix of every action, over the demo township', () => {
  let now = NOW
  let api: TestApi
  const tokens: Partial<Record<RoleName, string>> = {}
  let fresh = 0
  /** 柳家村 households (by 门牌号 order), each used by one call that needs its own. */
  let liujia: { id: string; headName: string; houseNo: string }[] = []
  let criteria: { id: string; maxPoints: number }[] = []

  const admin = () => tokens.admin as string
  const grid = () => tokens.gridWorker as string
  const data = <T>(action: string, input: object, token?: string) =>
    api.data<T>(action, input, token)
  const nextHousehold = () => {
    const h = liujia[++fresh % liujia.length]
    if (!h) throw new Error('no 柳家村 household')
    return h
  }
  /** A new user asking to be bound to a 柳家村 household; returns the request and the token. */
  const request = async () => {
    const token = await api.login(`matrix-user-${++fresh}`)
    const h = nextHousehold()
    const { id } = await data<{ id: string }>(
      'bindings.request',
      {
        by: 'roster',
        villageId: 'vil-01',
        headName: h.headName,
        houseNo: h.houseNo,
        relation: 'member',
      },
      token,
    )
    return { id, token, household: h }
  }
  /** A new resident of 柳家村, approved by the admin. */
  const newResident = async () => {
    const r = await request()
    await data('bindings.approve', { id: r.id }, admin())
    return r
  }
  const newUserId = async () => {
    const token = await api.login(`matrix-user-${++fresh}`)
    const me = await data<{ user: { id: string } }>('me.get', {}, token)
    return me.user.id
  }
  const newGridWorker = async () => {
    const userId = await newUserId()
    await data('staff.appoint', { userId, role: 'gridWorker' }, admin())
    return userId
  }
  const noticeBy = async (token: string, publish: boolean, villageId = 'vil-01') =>
    (
      await data<{ id: string }>(
        'notices.create',
        {
          columnId: 'col-notices',
          title: `村里的通知${++fresh}`,
          body: '这是一条写给本村的测试通知正文。',
          scope: { kind: 'villages', villageIds: [villageId] },
          publish: publish ? 'now' : 'draft',
        },
        token,
      )
    ).id
  const today = () => shanghaiDay(now)
  /** A new notice of 柳家村 on its loudspeaker today, scheduled by the admin: the play's id. */
  const scheduled = async () => {
    const noticeId = await noticeBy(grid(), true)
    await data('broadcast.schedule', { villageId: 'vil-01', noticeId, days: [today()] }, admin())
    return `bc:vil-01:${today()}:${noticeId}`
  }
  const csv = () =>
    Buffer.from(
      `村名,村民小组,户主姓名,门牌号,家庭人口\n柳家村,一组,新来户${++fresh},北街${fresh}号,2\n`,
    ).toString('base64')
  const campaign = (start: number) => ({
    type: 'custom',
    customTypeName: '孝老爱亲',
    title: `孝老爱亲评选${++fresh}`,
    villageId: null,
    nominationStartsAt: iso(start),
    reviewStartsAt: iso(start + 7 * DAY),
    votingStartsAt: iso(start + 9 * DAY),
    votingEndsAt: iso(start + 16 * DAY),
    publicityEndsAt: iso(start + 23 * DAY),
    rules: {
      nominators: 'residents',
      selfNomination: false,
      nominationsPerHousehold: 1,
      votesPerDay: 3,
      votesPerCandidatePerDay: 1,
      counting: 'perPerson',
      winners: 3,
    },
  })
  const pendingNomination = async () =>
    (
      await data<{ id: string }>(
        'campaigns.nominate',
        {
          campaignId: 'cmp-goodNeighbor',
          householdId: nextHousehold().id,
          story: '十几年如一日照顾邻居家的老人，大家都称赞。',
        },
        admin(),
      )
    ).id
  /** A round opened for the call, in a month no other call uses. */
  const freshRound = async () => {
    const month = `${2031 + Math.floor(fresh / 12)}-${String((fresh % 12) + 1).padStart(2, '0')}`
    fresh++
    await data('board.openRound', { month }, admin())
    return `rnd-${month}`
  }
  /** A 柳家村 activity starting at `start` (sign-up until `deadline`), as the admin saves it. */
  const activity = (start: number, deadline = start - DAY) => ({
    station: '柳家村新时代文明实践站',
    type: 'volunteer',
    title: `清扫村道${++fresh}`,
    description: '一起清扫村道。',
    place: '柳家村村委会',
    startsAt: iso(start),
    endsAt: iso(start + 2 * 3_600_000),
    signupDeadline: iso(deadline),
    capacity: 20,
    scope: { kind: 'villages', villageIds: ['vil-01'] },
  })
  const newActivity = async (start: number, deadline?: number) =>
    (await data<{ id: string }>('activities.save', activity(start, deadline), admin())).id
  const residentOne = () => tokens.resident as string
  const inspectItems = () => criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints }))

  /** A valid input from the demo data, per action and caller (built fresh for every call). */
  const inputs: Record<ActionName, (c: Ctx) => Promise<object> | object> = {
    'auth.devAccounts': () => ({}),
    'auth.devLogin': () => ({ openid: `matrix-login-${++fresh}` }),
    'auth.logout': () => ({}),
    'me.get': () => ({}),
    'me.updateProfile': () => ({ nickname: `新昵称${++fresh}` }),
    'villages.list': () => ({}),
    'users.search': () => ({ keyword: '' }),
    'staff.list': () => ({}),
    'staff.appoint': async () => ({ userId: await newUserId(), role: 'gridWorker' }),
    'staff.dismiss': async () => ({ userId: await newGridWorker() }),
    'users.endSessions': async () => ({ userId: await newUserId() }),
    'admin.claim': () => ({ code: 'WRONGCODE' }),
    'places.tree': () => ({}),
    'places.create': () => ({ kind: 'group', villageId: 'vil-02', name: `新组${++fresh}` }),
    'places.rename': () => ({ kind: 'group', id: 'vil-02-g3', name: `改名${++fresh}` }),
    'places.archive': () => ({ kind: 'group', id: 'vil-02-g3', archived: false }),
    'grids.assignWorker': async () => ({ gridId: 'vil-06-grid1', userId: await newGridWorker() }),
    'grids.removeWorker': async () => {
      const userId = await newGridWorker()
      await data('grids.assignWorker', { gridId: 'vil-06-grid2', userId }, admin())
      return { gridId: 'vil-06-grid2', userId }
    },
    'households.list': () => ({}),
    'households.get': () => ({ id: nextHousehold().id }),
    'households.update': () => ({ id: nextHousehold().id, size: 4 }),
    'households.invite': () => ({ householdId: nextHousehold().id }),
    'roster.preview': () => ({ fileName: 'r.csv', content: csv() }),
    'roster.commit': () => ({ fileName: 'r.csv', content: csv() }),
    'roster.export': () => ({}),
    'bindings.request': () => {
      const h = nextHousehold()
      return {
        by: 'roster',
        villageId: 'vil-01',
        headName: h.headName,
        houseNo: h.houseNo,
        relation: 'member',
      }
    },
    // Whoever may have a request open (not a bound resident) has one to withdraw.
    'bindings.cancel': async (c) => {
      if (c.token && c.role !== 'resident') {
        const h = nextHousehold()
        await api.post(
          'bindings.request',
          {
            by: 'roster',
            villageId: 'vil-01',
            headName: h.headName,
            houseNo: h.houseNo,
            relation: 'member',
          },
          c.token,
        )
      }
      return {}
    },
    'bindings.unbind': () => ({}),
    'bindings.pending': () => ({}),
    'bindings.approve': async () => ({ id: (await request()).id }),
    'bindings.reject': async () => ({ id: (await request()).id, reason: '信息不符' }),
    'bindings.revoke': async () => ({ id: (await newResident()).id, reason: '已迁出' }),
    'columns.list': () => ({}),
    'columns.manage': () => ({}),
    'columns.create': () => ({ name: `栏目${++fresh}` }),
    'columns.rename': () => ({ id: 'col-antiPorn', name: `改名${++fresh}` }),
    'columns.reorder': async () => ({
      ids: (await data<{ id: string }[]>('columns.manage', {}, admin())).map((c) => c.id).reverse(),
    }),
    'columns.setHidden': () => ({ id: 'col-antiPorn', hidden: false }),
    'notices.list': () => ({}),
    'notices.get': async () => ({
      id: (await data<{ items: { id: string }[] }>('notices.list', {})).items[0]?.id,
    }),
    'notices.open': async () => ({
      id: (await data<{ items: { id: string }[] }>('notices.list', {})).items[0]?.id,
    }),
    'notices.mine': () => ({}),
    'notices.getEditable': async () => ({ id: await noticeBy(grid(), false) }),
    'notices.create': () => ({
      columnId: 'col-notices',
      title: `柳家村通知${++fresh}`,
      body: '这是一条写给柳家村的测试通知正文。',
      scope: { kind: 'villages', villageIds: ['vil-01'] },
    }),
    'notices.update': async () => ({
      id: await noticeBy(grid(), false),
      title: `改过的标题${++fresh}`,
    }),
    'notices.publish': async () => ({ id: await noticeBy(grid(), false) }),
    'notices.withdraw': async () => ({ id: await noticeBy(grid(), true) }),
    'notices.reach': async () => ({ noticeId: await noticeBy(grid(), true) }),
    'notices.setAdopted': async () => ({ id: await noticeBy(grid(), true), adopted: true }),
    'content.words': () => ({}),
    'content.setWords': () => ({ words: ['测试敏感词'] }),
    'media.upload': () => ({
      fileName: 'a.png',
      kind: 'image',
      content: tinyPng().toString('base64'),
    }),
    'media.uploadSlot': () => ({ kind: 'image', ext: 'jpg' }),
    'media.register': () => ({ fileID: 'cloud://env-1.bucket/media/2026-11/med_none.jpg' }),
    'media.held': () => ({}),
    // No file waits for review in the demo data: the admin is told so.
    'media.settle': () => ({ id: 'med_none.jpg', decision: 'show' }),
    'rubrics.current': () => ({}),
    'rubrics.list': () => ({}),
    'rubrics.save': () => ({
      name: `检查标准${++fresh}`,
      criteria: [
        { category: '庭院', name: '庭院整洁', maxPoints: 60, deductionPerItem: 5 },
        { category: '垃圾', name: '垃圾分类', maxPoints: 40, deductionPerItem: 5 },
      ],
    }),
    'board.rounds': () => ({}),
    'board.round': () => ({ id: 'rnd-2026-10' }),
    'board.ranking': () => ({ roundId: 'rnd-2026-10' }),
    'board.list': () => ({ roundId: 'rnd-2026-10', list: 'red' }),
    'board.villages': () => ({ roundId: 'rnd-2026-10' }),
    'board.openRound': () => ({ month: `2030-${String((++fresh % 12) + 1).padStart(2, '0')}` }),
    'board.publishPreview': async () => ({ roundId: await freshRound() }),
    'board.publish': async () => {
      const roundId = await freshRound()
      const preview = await data<{ expect: object }>('board.publishPreview', { roundId }, admin())
      return { roundId, expect: preview.expect }
    },
    // A round published a moment ago, in its 公示 window.
    'board.withdraw': async () => {
      const roundId = await freshRound()
      const preview = await data<{ expect: object }>('board.publishPreview', { roundId }, admin())
      await data('board.publish', { roundId, expect: preview.expect }, admin())
      return { roundId, reason: '名单有误，核对后重新发布' }
    },
    'board.inspectables': () => ({ roundId: 'rnd-2026-11' }),
    'board.inspect': () => ({
      roundId: 'rnd-2026-11',
      householdId: nextHousehold().id,
      items: inspectItems(),
      clientId: `matrix-inspect-${++fresh}`,
    }),
    // A line the caller was shown: its id opens the household's page.
    'board.inspection': async (c) => {
      const page = await data<{ items: RankEntry[] }>(
        'board.list',
        { roundId: 'rnd-2026-10', list: 'red' },
        c.token,
      )
      return { roundId: 'rnd-2026-10', householdId: page.items[0]?.householdId }
    },
    'board.appeal': () => ({ roundId: 'rnd-2026-10', text: '院子当天已经清理干净了' }),
    'board.appeals': () => ({}),
    'board.myAppeals': () => ({}),
    'board.decideAppeal': async () => {
      const { token } = await newResident()
      const appeal = await data<{ id: string }>(
        'board.appeal',
        { roundId: 'rnd-2026-10', text: '院子当天已经清理干净了' },
        token,
      )
      return { id: appeal.id, decision: 'reject', reason: '与事实不符' }
    },
    'board.history': (c) =>
      c.role === 'gridWorker' || c.role === 'admin' ? { householdId: nextHousehold().id } : {},
    'board.export': () => ({ roundId: 'rnd-2026-10' }),
    'board.printable': () => ({ roundId: 'rnd-2026-10', villageId: 'vil-01' }),
    'board.consent': () => ({}),
    'board.setConsent': () => ({ showNameOnRed: true }),
    'campaigns.list': () => ({}),
    'campaigns.get': () => ({ id: 'cmp-civilizedFamily' }),
    'campaigns.save': () => campaign(NOW - DAY),
    'campaigns.closePhase': async () => {
      const { id } = await data<{ id: string }>('campaigns.save', campaign(NOW - DAY), admin())
      return { id, phase: 'nomination', reason: '测试提前结束' }
    },
    'campaigns.nominees': () => ({
      campaignId: 'cmp-goodNeighbor',
      name: nextHousehold().headName,
    }),
    'campaigns.nominate': () => ({
      campaignId: 'cmp-goodNeighbor',
      householdId: nextHousehold().id,
      story: '十几年如一日照顾邻居家的老人，大家都称赞。',
    }),
    'campaigns.nominations': () => ({}),
    'campaigns.review': async () => ({
      id: await pendingNomination(),
      decision: 'reject',
      reason: '材料不全',
    }),
    // demo-resident-1's own household was nominated for 好邻居.
    'campaigns.decline': () => ({ id: 'nom-goodNeighbor-2' }),
    'campaigns.candidates': () => ({ campaignId: 'cmp-civilizedFamily' }),
    'campaigns.vote': () => ({
      campaignId: 'cmp-civilizedFamily',
      candidateId: 'nom-civilizedFamily-1',
    }),
    'campaigns.assistees': () => ({ campaignId: 'cmp-civilizedFamily' }),
    'campaigns.assistVote': async () => {
      const { token } = await newResident()
      const me = await data<{ user: { id: string } }>('me.get', {}, token)
      return {
        campaignId: 'cmp-civilizedFamily',
        candidateId: `nom-civilizedFamily-${(++fresh % 3) + 1}`,
        residentId: me.user.id,
      }
    },
    'campaigns.votes': () => ({ campaignId: 'cmp-civilizedFamily' }),
    'campaigns.invalidateVote': async () => {
      const { token } = await newResident()
      const receipt = await data<{ voteId: string }>(
        'campaigns.vote',
        { campaignId: 'cmp-civilizedFamily', candidateId: 'nom-civilizedFamily-2' },
        token,
      )
      return { voteId: receipt.voteId, reason: '测试作废' }
    },
    'campaigns.integrity': () => ({ campaignId: 'cmp-civilizedFamily' }),
    'campaigns.results': () => ({ campaignId: 'cmp-beautifulCourtyard' }),
    'campaigns.object': () => ({
      campaignId: 'cmp-beautifulCourtyard',
      text: '我对结果有异议，请核实。',
    }),
    'campaigns.objections': () => ({ campaignId: 'cmp-beautifulCourtyard' }),
    'campaigns.export': () => ({ campaignId: 'cmp-civilizedFamily' }),
    'campaigns.subscribe': () => ({ campaignId: 'cmp-civilizedFamily', on: true }),
    'campaigns.subscription': () => ({}),
    'notify.outbox': () => ({}),
    'me.votes': () => ({}),
    'me.nominations': () => ({}),
    'filing.table': () => ({ month: '2026-11' }),
    'filing.notices': () => ({ month: '2026-11', villageId: 'vil-01' }),
    'filing.settings': () => ({}),
    'filing.setSettings': () => ({ minimum: 2, countWeight: 1, adoptedWeight: 3 }),
    'filing.export': () => ({ month: '2026-11' }),
    'activities.list': () => ({}),
    'activities.get': () => ({ id: 'act-demo-dance' }),
    'activities.save': () => activity(NOW + 3 * DAY),
    'activities.cancel': async () => ({
      id: await newActivity(NOW + 3 * DAY),
      reason: '场地临时有变',
    }),
    'activities.signUp': async () => ({ id: await newActivity(NOW + 3 * DAY) }),
    // The resident has a place to give back; the others are refused before that matters.
    'activities.cancelSignup': async (c) => {
      const id = await newActivity(NOW + 3 * DAY)
      if (c.role === 'resident' && c.token) await data('activities.signUp', { id }, c.token)
      return { id }
    },
    'activities.signups': () => ({ activityId: 'act-demo-cleanup' }),
    'activities.resolveCode': async () => ({
      activityId: 'act-demo-cleanup',
      code: (await data<{ code: string }>('activities.me', {}, residentOne())).code,
    }),
    // Starting within the hour: check-in is open; a new resident has signed up.
    'activities.checkIn': async () => {
      const activityId = await newActivity(now + 3_600_000, now + 1_800_000)
      const { token } = await newResident()
      await data('activities.signUp', { id: activityId }, token)
      const me = await data<{ user: { id: string } }>('me.get', {}, token)
      return { activityId, signupId: `${activityId}:${me.user.id}` }
    },
    'activities.adjustHours': () => ({
      activityId: 'act-demo-cleanup',
      signupId: 'act-demo-cleanup:usr-demo-resident-1',
      hours: 2,
      reason: '提前离开',
    }),
    'activities.toNotice': () => ({ id: 'act-demo-cleanup' }),
    'activities.me': () => ({}),
    'activities.mine': () => ({}),
    'activities.householdHours': () => ({ householdId: 'hh-01-010' }),
    'activities.monthly': () => ({ month: '2026-11', villageId: 'vil-01' }),
    'activities.export': () => ({ month: '2026-11', villageId: 'vil-01' }),
    // A plate of a household no other call here reissues.
    'doorplates.open': () => ({
      code: String(
        api.rows('doorplates').find((p) => p.household_id === 'hh-01-001' || p._id === 'hh-01-001')
          ?.code,
      ),
    }),
    'doorplates.print': () => ({ groupId: 'vil-01-g1', origin: 'http://127.0.0.1:8080', limit: 6 }),
    'doorplates.reissue': () => ({ householdId: nextHousehold().id }),
    'me.awards': () => ({}),
    'broadcast.script': async () => ({ noticeId: await noticeBy(grid(), true) }),
    'broadcast.saveScript': async () => ({
      noticeId: await noticeBy(grid(), true),
      script: '各位村民请注意，今晚八点在村委会开会。',
    }),
    'broadcast.schedule': async () => ({
      villageId: 'vil-01',
      noticeId: await noticeBy(grid(), true),
      days: [today()],
    }),
    'broadcast.unschedule': async () => ({ id: await scheduled() }),
    'broadcast.plays': () => ({ villageId: 'vil-01' }),
    'broadcast.markPlayed': async () => ({ id: await scheduled() }),
    'broadcast.month': () => ({ month: today().slice(0, 7) }),
  }

  /** Who plays a role for one action: a state-changing call about oneself gets its own actor. */
  const callerFor = async (name: ActionName, role: RoleName): Promise<string | undefined> => {
    if (role === 'anonymous') return undefined
    if (role === 'resident' && (name === 'bindings.unbind' || name === 'board.appeal'))
      return (await newResident()).token
    return tokens[role]
  }

  beforeAll(async () => {
    api = await startTestApi({ clock: () => now })
    for (const role of roleNames)
      if (role !== 'anonymous') tokens[role] = await api.login(demo[role])
    const page = await data<{ items: { id: string; headName: string; houseNo: string }[] }>(
      'households.list',
      { villageId: 'vil-01', limit: 50 },
      admin(),
    )
    // Not demo-resident-1's, -2's household or those the demo campaigns already nominated.
    const taken = new Set(['hh-01-010', 'hh-01-013', 'hh-01-001'])
    liujia = page.items.filter((h) => !taken.has(h.id))
    const rubric = await data<{ criteria: { id: string; maxPoints: number }[] }>(
      'rubrics.current',
      {},
      admin(),
    )
    criteria = rubric.criteria
  }, timeLimit(60_000))
  afterAll(() => api.close())

  /** Everything stored but the audit log, where refused writes are recorded on purpose. */
  const dump = () => api.dumpAll(['audit_log'])

  const names = Object.keys(expected) as ActionName[]
  for (const name of names) {
    it(`${name}: ${expected[name].join(' ')}`, async () => {
      // A minute per action, as a person would take: the matrix tests roles, not rate limits.
      now += 61_000
      for (const [i, role] of roleNames.entries()) {
        const want = expected[name][i]
        const token = await callerFor(name, role)
        const input = await inputs[name]({ role, token })
        const before = want === OK ? '' : dump()
        const refusedBefore = want === OK ? 0 : api.auditedRefusals()
        const { status, body } = await api.post(name, input, token)
        const verdict = `${name} as ${role}: ${status} ${JSON.stringify(body).slice(0, 300)}`
        if (name === 'auth.logout' && token)
          tokens[role] = await api.login(demo[role as Exclude<RoleName, 'anonymous'>])
        if (want === OK) {
          expect(body.ok, verdict).toBe(true)
        } else {
          expect(status, verdict).toBe(want)
          expect(dump(), `${name} as ${role} wrote something`).toBe(before)
          // A forbidden write by someone signed in leaves one line in the audit log, no more.
          const audited = actions[name].write && want === F ? 1 : 0
          expect(
            api.auditedRefusals() - refusedBefore,
            `${name} as ${role}: refusals audited`,
          ).toBe(audited)
        }
      }
    })
  }

  it('has a line for every action of the contract', () => {
    expect([...names].sort()).toEqual(Object.keys(actions).sort())
  })

  // Grid scope: demo-grid-1 serves 柳家村's two grids; everything below belongs to 石坪村.
  /** A 石坪村 household, a different one for each call. */
  const shiping = () => {
    const h = shipingHouseholds[++fresh % shipingHouseholds.length]
    if (!h) throw new Error('no 石坪村 household')
    return h
  }
  let shipingHouseholds: { id: string; headName: string; houseNo: string }[] = []
  /** A new user asking to be bound to a 石坪村 household (and approved, when `approve`). */
  const requestInShiping = async (approve: boolean) => {
    const token = await api.login(`scope-user-${++fresh}`)
    const h = shiping()
    const { id } = await data<{ id: string }>(
      'bindings.request',
      {
        by: 'roster',
        villageId: 'vil-02',
        headName: h.headName,
        houseNo: h.houseNo,
        relation: 'member',
      },
      token,
    )
    if (approve) await data('bindings.approve', { id }, admin())
    return { id, token }
  }
  const townCampaignInNomination = async () =>
    (await data<{ id: string }>('campaigns.save', campaign(NOW - DAY), admin())).id

  /** Each action that takes a household, grid, village, nomination, appeal or inspection. */
  const scopeCases: Partial<Record<ActionName, () => Promise<object> | object>> = {
    'households.list': () => ({ villageId: 'vil-02' }),
    'households.get': () => ({ id: shiping().id }),
    'households.update': () => ({ id: shiping().id, size: 5 }),
    'households.invite': () => ({ householdId: shiping().id }),
    'bindings.approve': async () => ({ id: (await requestInShiping(false)).id }),
    'bindings.reject': async () => ({ id: (await requestInShiping(false)).id, reason: '信息不符' }),
    'bindings.revoke': async () => ({ id: (await requestInShiping(true)).id, reason: '已迁出' }),
    'board.inspectables': () => ({ roundId: 'rnd-2026-11', groupId: 'vil-02-g1' }),
    'board.inspect': () => ({
      roundId: 'rnd-2026-11',
      householdId: shiping().id,
      items: inspectItems(),
      clientId: `scope-inspect-${++fresh}`,
    }),
    'board.inspection': () => ({ roundId: 'rnd-2026-10', householdId: shiping().id }),
    'board.history': () => ({ householdId: shiping().id }),
    'board.decideAppeal': async () => {
      const { token } = await requestInShiping(true)
      const appeal = await data<{ id: string }>(
        'board.appeal',
        { roundId: 'rnd-2026-10', text: '院子当天已经清理干净了' },
        token,
      )
      return { id: appeal.id, decision: 'reject', reason: '与事实不符' }
    },
    'board.printable': () => ({ roundId: 'rnd-2026-10', villageId: 'vil-02' }),
    'campaigns.nominate': async () => ({
      campaignId: await townCampaignInNomination(),
      householdId: shiping().id,
      story: '十几年如一日照顾邻居家的老人，大家都称赞。',
    }),
    // 石坪村's pending 好公婆 nomination (the campaign is in review).
    'campaigns.review': () => ({ id: 'nom-goodInLaws-5', decision: 'reject', reason: '材料不全' }),
    'campaigns.decline': () => ({ id: 'nom-goodInLaws-5' }),
    // demo-resident-3 lives in 石坪村.
    'campaigns.assistVote': () => ({
      campaignId: 'cmp-civilizedFamily',
      candidateId: 'nom-civilizedFamily-4',
      residentId: 'usr-demo-resident-3',
    }),
    'notices.create': () => ({
      columnId: 'col-notices',
      title: `石坪村通知${++fresh}`,
      body: '这是一条写给石坪村的测试通知正文。',
      scope: { kind: 'villages', villageIds: ['vil-02'] },
    }),
    'notices.update': async () => ({
      id: await noticeBy(grid(), false),
      scope: { kind: 'villages', villageIds: ['vil-02'] },
    }),
    'places.create': () => ({ kind: 'group', villageId: 'vil-02', name: `新组${++fresh}` }),
    'places.rename': () => ({ kind: 'group', id: 'vil-02-g1', name: `改名${++fresh}` }),
    'places.archive': () => ({ kind: 'group', id: 'vil-02-g1', archived: true }),
    'grids.assignWorker': () => ({ gridId: 'vil-02-grid1', userId: 'usr-demo-grid-1' }),
    'grids.removeWorker': () => ({ gridId: 'vil-02-grid1', userId: 'usr-demo-grid-2' }),
    'roster.export': () => ({ villageId: 'vil-02' }),
    'campaigns.save': () => ({ ...campaign(NOW - DAY), villageId: 'vil-02' }),
    'filing.notices': () => ({ month: '2026-11', villageId: 'vil-02' }),
    'activities.save': () => ({
      ...activity(NOW + 3 * DAY),
      scope: { kind: 'villages', villageIds: ['vil-02'] },
    }),
    'activities.monthly': () => ({ month: '2026-11', villageId: 'vil-02' }),
    'activities.export': () => ({ month: '2026-11', villageId: 'vil-02' }),
    'doorplates.print': () => ({ groupId: 'vil-02-g1', origin: 'http://127.0.0.1:8080' }),
    'doorplates.reissue': () => ({ householdId: shiping().id }),
    'broadcast.plays': () => ({ villageId: 'vil-02' }),
    'broadcast.schedule': async () => ({
      villageId: 'vil-02',
      noticeId: await noticeBy(grid(), true),
      days: [shanghaiDay(now)],
    }),
  }
  /** More ways in than one field: each is refused as well. */
  /** A notice 石坪村's grid worker wrote for 石坪村. */
  const shipingNotice = async (publish: boolean) =>
    noticeBy(await api.login('demo-grid-2'), publish, 'vil-02')
  const moreScopeCases: [ActionName, () => Promise<object> | object][] = [
    ['notices.getEditable', async () => ({ id: await shipingNotice(false) })],
    ['notices.update', async () => ({ id: await shipingNotice(false), title: `改过${++fresh}` })],
    ['notices.publish', async () => ({ id: await shipingNotice(false) })],
    ['notices.withdraw', async () => ({ id: await shipingNotice(true) })],
    ['households.list', () => ({ gridId: 'vil-02-grid1' })],
    // Moving a household of one's own grid into 石坪村's.
    ['households.update', () => ({ id: nextHousehold().id, gridId: 'vil-02-grid1' })],
  ]
  /** Actions whose input names a place without acting on it as staff, and why. */
  const notActingOn: Partial<Record<ActionName, string>> = {
    'bindings.request': 'the caller asks to be bound as a resident, like anybody',
    'board.openRound': 'its scope is the ranking unit (group, village, township), not a place',
    'board.ranking': 'a public read: the grid worker gets what a visitor gets',
    'board.list': 'a public read: the grid worker gets what a visitor gets',
    'activities.householdHours':
      'beyond the privacy rule it answers NOT_FOUND, not FORBIDDEN (tests/api/activities.test.ts)',
  }

  it('refuses 柳家村’s grid worker every action on 石坪村, changing nothing', async () => {
    const admins = await data<{ items: { id: string; headName: string; houseNo: string }[] }>(
      'households.list',
      { villageId: 'vil-02', limit: 50 },
      admin(),
    )
    shipingHouseholds = admins.items
    const cases: [ActionName, () => Promise<object> | object][] = [
      ...(Object.entries(scopeCases) as [ActionName, () => Promise<object> | object][]),
      ...moreScopeCases,
    ]
    for (const [name, build] of cases) {
      const input = await build()
      const before = dump()
      const refusedBefore = api.auditedRefusals()
      const { status, body } = await api.post(name, input, grid())
      const verdict = `${name} ${JSON.stringify(input).slice(0, 120)}: ${status} ${JSON.stringify(body).slice(0, 200)}`
      expect(status, verdict).toBe(403)
      expect(body, verdict).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(dump(), `${name} changed something`).toBe(before)
      expect(api.auditedRefusals() - refusedBefore, `${name}: refusal audited`).toBe(
        actions[name].write ? 1 : 0,
      )
    }
    // Some forty cases, each dumping the database twice: seconds on a busy machine.
  }, 60_000)

  it(
    'reads never write: every read action as every caller leaves every table as it was',
    async () => {
      const reads = names.filter((name) => !actions[name].write)
      const changedBy: string[] = []
      let answered = 0
      for (const name of reads) {
        for (const role of roleNames) {
          const token = role === 'anonymous' ? undefined : tokens[role]
          // Some inputs are built by writing first (a notice to read, say): that is not the read.
          const input = await inputs[name]({ role, token })
          const before = api.dumpAll()
          const { body } = await api.post(name, input, token)
          if (body.ok) answered++
          const after = api.dumpAll()
          if (after !== before) {
            const b = new Map(JSON.parse(before) as [string, unknown][])
            const tables = (JSON.parse(after) as [string, unknown][])
              .filter(([t, rows]) => JSON.stringify(rows) !== JSON.stringify(b.get(t)))
              .map(([t]) => t)
            changedBy.push(`${name} as ${role} (${tables.join(', ')})`)
          }
        }
      }
      expect(changedBy, JSON.stringify(changedBy)).toEqual([])
      // Most of the sweep was answered (not refused before it reached the store).
      expect(reads.length).toBeGreaterThan(45)
      expect(answered).toBeGreaterThan(reads.length * 2)
    },
    timeLimit(180_000),
  )

  it('has a grid-scope case for every action whose input names a household, grid, village or person', () => {
    const named = /^(householdId|gridId|villageId|groupId|residentId|scope)$/
    const takesPlace = (Object.keys(actions) as ActionName[]).filter((name) =>
      keysOf(actions[name].input).some((key) => named.test(key)),
    )
    expect(takesPlace.filter((name) => !scopeCases[name] && !notActingOn[name])).toEqual([])
  })
})

/** The field names of an input schema (objects, unions of objects, and wrappers of them). */
function keysOf(schema: unknown): string[] {
  const s = schema as {
    shape?: Record<string, unknown>
    options?: unknown[]
    def?: { in?: unknown; innerType?: unknown }
  }
  if (s.shape) return Object.keys(s.shape)
  if (Array.isArray(s.options)) return s.options.flatMap(keysOf)
  if (s.def?.in) return keysOf(s.def.in)
  if (s.def?.innerType) return keysOf(s.def.innerType)
  return []
}
