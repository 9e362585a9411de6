// 新时代文明实践 over HTTP on both Store adapters: staff create, edit and cancel activities of a
// 文明实践站; residents in scope sign up and cancel, with a waiting list that moves up in
// order; staff check people in from the list or by their personal code; the timer credits
// hours when an activity ends and sends the day-before reminder; hours adjusted with a reason
// are audited; 我的志愿, a household's record, a village's month with its .xlsx export, and
// one tap from an activity to a notice draft that counts for 信息报送 once published.
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, DAY, HOUR, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'
import { tinyPng } from '../helpers/images'

type Detail = ActionOutput<'activities.get'>
type Row = ActionOutput<'activities.resolveCode'>

const iso = (ms: number) => new Date(ms).toISOString()
/** 2026-11-28 09:00–11:45 in Asia/Shanghai: 2 h 45 min, credited as 3 hours. */
const START = NOW + 2 * DAY - HOUR
const END = START + 2 * HOUR + 45 * 60_000
const DEADLINE = START - 12 * HOUR

describe('新时代文明实践: activities and volunteer hours', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    now = NOW
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const as = (openid: string) => tokens[openid]
  const call = <T>(openid: string, action: string, input: object) =>
    api.data<T>(action, input, as(openid))
  const fields = (overrides: object = {}) => ({
    station: '甲村新时代文明实践站',
    type: 'volunteer',
    title: '清扫村道志愿服务',
    description: '一起清扫村道、清理沟渠，工具由村委会准备。',
    place: '甲村村委会门口',
    startsAt: iso(START),
    endsAt: iso(END),
    signupDeadline: iso(DEADLINE),
    capacity: 2,
    scope: { kind: 'villages', villageIds: ['vil-a'] },
    ...overrides,
  })
  const create = (overrides: object = {}, openid: string = who.gridA) =>
    call<Detail>(openid, 'activities.save', fields(overrides))
  /** A new resident of 甲村 (or `villageHousehold`), bound by the admin; answers the token. */
  let fresh = 0
  const resident = async (householdId = 'hh-a2') => {
    const openid = `vol-${++fresh}`
    const token = await api.login(openid)
    const h = { 'hh-a2': ['李大强', '东街2号'], 'hh-a3': ['王芳', '东街3号'] }[householdId] as [
      string,
      string,
    ]
    const { id } = await api.data<{ id: string }>(
      'bindings.request',
      { by: 'roster', villageId: 'vil-a', headName: h[0], houseNo: h[1], relation: 'member' },
      token,
    )
    await call(who.admin, 'bindings.approve', { id })
    tokens[openid] = token
    return openid
  }
  const outbox = () =>
    api.app.store.unitOfWork(() => api.app.store.notify.outbox({ limit: 50 }), 'read')

  it('a grid worker creates an activity for their village; only that village sees it', async () => {
    const a = await create()
    expect(a).toMatchObject({
      typeLabel: '志愿服务',
      state: 'open',
      capacity: 2,
      signedCount: 0,
      hours: 3,
      villages: [{ id: 'vil-a', name: '甲村' }],
      canManage: true,
    })
    expect((await call<Detail>(who.residentA, 'activities.get', { id: a.id })).me).toMatchObject({
      status: null,
      canSignUp: true,
    })
    const other = await api.post('activities.get', { id: a.id }, as(who.residentB))
    expect(other.status).toBe(404)
    const list = await call<{ items: { id: string }[] }>(who.residentB, 'activities.list', {})
    expect(list.items.map((i) => i.id)).not.toContain(a.id)
    // The township's activities are the township's: not a grid worker's, nor another village's.
    const town = await api.post(
      'activities.save',
      fields({ scope: { kind: 'township' } }),
      as(who.gridA),
    )
    expect(town.status).toBe(403)
    expect(
      (
        await api.post(
          'activities.save',
          fields({ scope: { kind: 'villages', villageIds: ['vil-b'] } }),
          as(who.gridA),
        )
      ).status,
    ).toBe(403)
    const byAdmin = await create({ scope: { kind: 'township' } }, who.admin)
    expect(
      (await call<Detail>(who.residentB, 'activities.get', { id: byAdmin.id })).me.canSignUp,
    ).toBe(true)
  })

  it('refuses bad times and sizes in plain words, writing nothing', async () => {
    const cases: [object, string, string][] = [
      [{ endsAt: iso(START) }, 'endsAt', '结束时间须晚于开始时间'],
      [{ startsAt: iso(NOW - 1) }, 'startsAt', '开始时间须晚于现在'],
      [{ signupDeadline: iso(START + 1) }, 'signupDeadline', '报名截止时间不能晚于开始时间'],
      [{ capacity: 0 }, 'capacity', '名额至少为 1'],
      [{ capacity: 501 }, 'capacity', '名额最多为 500'],
      [{ title: '' }, 'title', '标题至少 2 个字'],
    ]
    for (const [overrides, path, message] of cases) {
      const before = api.dumpAll(['audit_log'])
      const res = await api.post('activities.save', fields(overrides), as(who.gridA))
      expect(res.status, JSON.stringify(overrides)).toBe(400)
      if (res.body.ok) throw new Error('accepted')
      expect(res.body.error.message).toBe(message)
      expect(res.body.error.details?.fields?.[0]?.path).toBe(path)
      expect(api.dumpAll(['audit_log'])).toBe(before)
    }
  })

  it('capacity 2: two sign up, the third waits; a cancellation moves the first waiting up and tells them', async () => {
    const a = await create()
    const r = [who.residentA, await resident(), await resident('hh-a3'), await resident()]
    const states = []
    for (const openid of r)
      states.push((await call<Detail>(openid, 'activities.signUp', { id: a.id })).me)
    expect(states.map((m) => [m.status, m.waitingPosition])).toEqual([
      ['signed', null],
      ['signed', null],
      ['waiting', 1],
      ['waiting', 2],
    ])
    // Twice is refused, and changes nothing.
    expect((await api.post('activities.signUp', { id: a.id }, as(r[0] as string))).status).toBe(409)
    const after = await call<Detail>(who.gridA, 'activities.get', { id: a.id })
    expect([after.signedCount, after.waitingCount]).toEqual([2, 2])
    // The second signed cancels: the first waiting (r[2]) moves up, r[3] is now first in line.
    await call(r[1] as string, 'activities.cancelSignup', { id: a.id })
    expect((await call<Detail>(r[2] as string, 'activities.get', { id: a.id })).me.status).toBe(
      'signed',
    )
    expect((await call<Detail>(r[3] as string, 'activities.get', { id: a.id })).me).toMatchObject({
      status: 'waiting',
      waitingPosition: 1,
    })
    const promoted = (await outbox()).items.filter((o) => o.event === 'activityPromoted')
    expect(promoted).toHaveLength(1)
    expect(promoted[0]?.title).toBe('清扫村道志愿服务：候补转为报名')
    // Raising the capacity to 3 moves r[3] up too.
    await call(who.gridA, 'activities.save', { ...fields({ capacity: 3 }), id: a.id })
    expect((await call<Detail>(r[3] as string, 'activities.get', { id: a.id })).me.status).toBe(
      'signed',
    )
    // Lowering it below the 3 signed up is refused.
    const lower = await api.post(
      'activities.save',
      { ...fields({ capacity: 2 }), id: a.id },
      as(who.gridA),
    )
    expect(lower.status).toBe(400)
    if (!lower.body.ok) expect(lower.body.error.message).toBe('已有 3 人报名，名额不能少于 3')
  })

  it('signing up closes at the deadline, to the millisecond; cancelling closes at the start', async () => {
    const a = await create()
    now = DEADLINE - 1
    expect((await call<Detail>(who.residentA, 'activities.signUp', { id: a.id })).me.status).toBe(
      'signed',
    )
    const late = await resident()
    now = DEADLINE
    const refused = await api.post('activities.signUp', { id: a.id }, as(late))
    expect(refused.status).toBe(409)
    if (!refused.body.ok) expect(refused.body.error.message).toBe('报名已截止')
    now = START
    expect(
      (await api.post('activities.cancelSignup', { id: a.id }, as(who.residentA))).status,
    ).toBe(409)
    now = START - 1
    expect(
      (await call<Detail>(who.residentA, 'activities.cancelSignup', { id: a.id })).me.status,
    ).toBe('cancelled')
  })

  it('check-in by the personal code, hours credited by the timer at the end, adjusted with a reason', async () => {
    const a = await create()
    const other = await resident()
    await call(who.residentA, 'activities.signUp', { id: a.id })
    await call(other, 'activities.signUp', { id: a.id })
    const mine = await call<{ code: string | null; totalHours: number }>(
      who.residentA,
      'activities.me',
      {},
    )
    expect(mine.code).toMatch(/^V[\w-]{12}$/)
    expect(mine.code).not.toContain('t-res-a')
    expect(mine.totalHours).toBe(0)
    // Too early to check in (before 2 hours before the start).
    now = START - 2 * HOUR - 1
    const early = await api.post(
      'activities.resolveCode',
      { activityId: a.id, code: mine.code },
      as(who.gridA),
    )
    expect(early.status).toBe(200)
    const row = (early.body.ok ? early.body.data : null) as Row
    expect(row.name).toBe('昵称-t-res-a')
    expect(
      (await api.post('activities.checkIn', { activityId: a.id, signupId: row.id }, as(who.gridA)))
        .status,
    ).toBe(409)
    now = START + HOUR
    // A resident cannot resolve codes, and a stranger's code is not on the list.
    expect(
      (
        await api.post(
          'activities.resolveCode',
          { activityId: a.id, code: mine.code },
          as(who.residentA),
        )
      ).status,
    ).toBe(403)
    expect(
      (await api.post('activities.resolveCode', { activityId: a.id, code: 'Vnope' }, as(who.gridA)))
        .status,
    ).toBe(404)
    const checked = await call<Row>(who.gridA, 'activities.checkIn', {
      activityId: a.id,
      signupId: row.id,
    })
    expect(checked).toMatchObject({ checkedIn: true, hours: null })
    // Before the end the timer credits nothing.
    now = END - 1
    expect((await api.app.tick()).activitiesCredited).toBe(0)
    now = END
    expect((await api.app.tick()).activitiesCredited).toBe(1)
    expect((await api.app.tick()).activitiesCredited).toBe(0)
    const me = await call<{ totalHours: number; activityCount: number }>(
      who.residentA,
      'activities.me',
      {},
    )
    expect([me.totalHours, me.activityCount]).toEqual([3, 1])
    const myList = await call<{ items: { hours: number | null; checkedIn: boolean }[] }>(
      who.residentA,
      'activities.mine',
      {},
    )
    expect(myList.items.map((i) => [i.checkedIn, i.hours])).toEqual([[true, 3]])
    // Not checked in: no hours.
    expect((await call<Detail>(other, 'activities.get', { id: a.id })).me.hours).toBeNull()
    // Adjusted to 2.5 hours with a reason: the audit keeps before, after and the reason.
    const adjusted = await call<Row>(who.gridA, 'activities.adjustHours', {
      activityId: a.id,
      signupId: row.id,
      hours: 2.5,
      reason: '提前半小时离开',
    })
    expect(adjusted).toMatchObject({ hours: 2.5, adjustReason: '提前半小时离开' })
    const entry = acceptedWrites(await api.app.store.audit.recent(20)).find(
      (e) => e.action === 'activities.adjustHours',
    )
    expect(entry).toMatchObject({
      target: `signup:${row.id}`,
      before: { hours: 3 },
      after: { hours: 2.5, reason: '提前半小时离开' },
    })
    expect(
      (
        await api.post(
          'activities.adjustHours',
          { activityId: a.id, signupId: row.id, hours: 1.2, reason: '测试' },
          as(who.gridA),
        )
      ).status,
    ).toBe(400)
  })

  it('a household’s hours: for the household, its grid worker and admins, for nobody else', async () => {
    const a = await create({ capacity: 5 })
    await call(who.residentA, 'activities.signUp', { id: a.id })
    const code = (await call<{ code: string }>(who.residentA, 'activities.me', {})).code
    now = START
    const row = await call<Row>(who.gridA, 'activities.resolveCode', { activityId: a.id, code })
    await call(who.gridA, 'activities.checkIn', { activityId: a.id, signupId: row.id })
    now = END + 1
    await api.app.tick()
    for (const openid of [who.residentA, who.gridA, who.admin]) {
      const h = await call<{ totalHours: number; people: number; recent: { title: string }[] }>(
        openid,
        'activities.householdHours',
        { householdId: 'hh-a1' },
      )
      expect([h.totalHours, h.people, h.recent[0]?.title]).toEqual([3, 1, '清扫村道志愿服务'])
    }
    for (const openid of [who.residentB, who.gridB, who.visitor])
      expect(
        (await api.post('activities.householdHours', { householdId: 'hh-a1' }, as(openid))).status,
      ).toBe(404)
  })

  it('a village’s month: hours and participants in 门牌号 order, exported as .xlsx', async () => {
    const a = await create({ capacity: 5 })
    const r2 = await resident('hh-a3')
    for (const openid of [who.residentA, r2]) await call(openid, 'activities.signUp', { id: a.id })
    now = START
    const list = await call<{ items: Row[] }>(who.gridA, 'activities.signups', { activityId: a.id })
    for (const s of list.items)
      await call(who.gridA, 'activities.checkIn', { activityId: a.id, signupId: s.id })
    now = END
    await api.app.tick()
    const table = await call<ActionOutput<'activities.monthly'>>(who.gridA, 'activities.monthly', {
      month: '2026-11',
      villageId: 'vil-a',
    })
    expect(table).toMatchObject({ totalHours: 6, participants: 2, activities: 1 })
    expect(table.rows.map((r) => [r.houseNo, r.hours])).toEqual([
      ['东街1号', 3],
      ['东街3号', 3],
    ])
    const page1 = await call<ActionOutput<'activities.monthly'>>(who.gridA, 'activities.monthly', {
      month: '2026-11',
      villageId: 'vil-a',
      limit: 1,
    })
    expect(page1.rows.map((r) => r.houseNo)).toEqual(['东街1号'])
    const page2 = await call<ActionOutput<'activities.monthly'>>(who.gridA, 'activities.monthly', {
      month: '2026-11',
      villageId: 'vil-a',
      limit: 1,
      cursor: page1.nextCursor,
    })
    expect([page2.rows.map((r) => r.houseNo), page2.nextCursor]).toEqual([['东街3号'], null])
    // December has none; 乙村's grid worker may not read 甲村.
    expect(
      (
        await call<ActionOutput<'activities.monthly'>>(who.admin, 'activities.monthly', {
          month: '2026-12',
          villageId: 'vil-a',
        })
      ).totalHours,
    ).toBe(0)
    expect(
      (
        await api.post(
          'activities.monthly',
          { month: '2026-11', villageId: 'vil-a' },
          as(who.gridB),
        )
      ).status,
    ).toBe(403)
    const file = await call<{ fileName: string; content: string }>(who.admin, 'activities.export', {
      month: '2026-11',
      villageId: 'vil-a',
    })
    expect(file.fileName).toBe('甲村志愿时长-2026年11月.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1)
    expect(values(1)).toEqual(['门牌号', '户主', '参加人', '参加活动数', '志愿时长（小时）'])
    expect(values(2)).toEqual(['东街1号', '张小明', '昵称-t-res-a', 1, 3])
    expect(values(4)).toEqual(['合计', '', '2 人', 1, 6])
  })

  it('cancelling tells everyone signed up or waiting the reason; the reminder goes the day before', async () => {
    const a = await create({ capacity: 1 })
    const b = await create({ capacity: 3, title: '道德讲堂：说说好家风', type: 'moralClass' })
    const waiting = await resident()
    await call(who.residentA, 'activities.signUp', { id: a.id })
    await call(waiting, 'activities.signUp', { id: a.id })
    await call(who.residentA, 'activities.signUp', { id: b.id })
    const cancelled = await call<Detail>(who.gridA, 'activities.cancel', {
      id: a.id,
      reason: '天气预报有大雨',
    })
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: '天气预报有大雨' })
    const told = (await outbox()).items.filter((o) => o.event === 'activityCancelled')
    expect(told.map((o) => o.body)).toEqual([
      '原定 11月28日 09:00 在甲村村委会门口的活动已取消。原因：天气预报有大雨',
      '原定 11月28日 09:00 在甲村村委会门口的活动已取消。原因：天气预报有大雨',
    ])
    // b starts at START: its reminder is due from START - 24 h, once; a (cancelled) gets none.
    now = START - DAY - 1
    expect((await api.app.tick()).activitiesReminded).toBe(0)
    now = START - DAY
    expect((await api.app.tick()).activitiesReminded).toBe(1)
    expect((await api.app.tick()).activitiesReminded).toBe(0)
    const reminders = (await outbox()).items.filter((o) => o.event === 'activityReminder')
    expect(reminders.map((o) => o.title)).toEqual(['明天的活动：道德讲堂：说说好家风'])
    // Nobody signs up for a cancelled activity.
    expect((await api.post('activities.signUp', { id: a.id }, as(await resident()))).status).toBe(
      409,
    )
  })

  it('after the activity, one tap makes a notice draft with its pictures; published, it counts for the village', async () => {
    const png = tinyPng().toString('base64')
    const photo = await call<{ url: string }>(who.gridA, 'media.upload', {
      fileName: 'a.png',
      kind: 'image',
      content: png,
    })
    const a = await create({ pictures: [photo.url] })
    expect((await api.post('activities.toNotice', { id: a.id }, as(who.gridA))).status).toBe(409)
    now = END
    const { noticeId } = await call<{ noticeId: string }>(who.gridA, 'activities.toNotice', {
      id: a.id,
    })
    // Twice gives the same draft.
    expect(await call(who.gridA, 'activities.toNotice', { id: a.id })).toEqual({ noticeId })
    const draft = await call<ActionOutput<'notices.getEditable'>>(
      who.gridA,
      'notices.getEditable',
      { id: noticeId },
    )
    expect(draft).toMatchObject({ status: 'draft', title: '清扫村道志愿服务', images: [photo.url] })
    const before = await call<ActionOutput<'filing.table'>>(who.admin, 'filing.table', {
      month: '2026-11',
    })
    await call(who.gridA, 'notices.publish', { id: noticeId })
    const after = await call<ActionOutput<'filing.table'>>(who.admin, 'filing.table', {
      month: '2026-11',
    })
    const count = (t: typeof before) => t.rows.find((r) => r.village.id === 'vil-a')?.count
    expect((count(after) ?? 0) - (count(before) ?? 0)).toBe(1)
    // A resident may not.
    expect((await api.post('activities.toNotice', { id: a.id }, as(who.residentA))).status).toBe(
      403,
    )
  })
})
