// The red and black list from inspection to publication, appeal and recovery, against the
// real router and a SQLite file; the clock moves through the 公示 window.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Ranking = ActionOutput<'board.ranking'>
type Inspection = ActionOutput<'board.inspection'>
type Appeal = ActionOutput<'board.appeal'>

/** 庭院 (crit-a) given `a` of 60 points; 垃圾 (crit-b) scoring `b` of 40, 5 off per problem. */
const items = (a: number, b: number, note = '') => {
  if ((40 - b) % 5 !== 0) throw new Error(`垃圾 cannot score ${b}`)
  return [
    { criterionId: 'crit-a', points: a, note },
    { criterionId: 'crit-b', deductions: (40 - b) / 5, note },
  ]
}
const takenAt = new Date(NOW - 3_600_000).toISOString()
/** A photo each user uploaded: photos must be the sender's own uploads. */
const photoOf = (openid: string) => ({ url: `/media/med_${openid}.jpg`, takenAt })
const photo = photoOf(who.gridA)

describe('red and black list: inspect, publish, appeal, recover', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}
  let sent = 0

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) {
      tokens[openid] = await api.login(openid)
      const user = await api.app.store.users.byOpenid(openid)
      await api.app.store.media.create({
        id: `med_${openid}.jpg`,
        ownerId: user?.id as string,
        kind: 'image',
        mime: 'image/jpeg',
        bytes: 1000,
        createdAt: NOW,
        status: 'pass',
        cloudPath: null,
        fileId: null,
        traceId: null,
        usedAt: null,
      })
    }
  })
  afterAll(() => api.close())

  const as = (openid: string) => tokens[openid]
  const inspect = (openid: string, householdId: string, a: number, b: number, clientId?: string) =>
    api.post<ActionOutput<'board.inspect'>>(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId,
        items: items(a, b, a + b < 100 ? '院内杂物' : ''),
        photos: [photoOf(openid)],
        clientId: clientId ?? `client-${++sent}-abcdef`,
      },
      as(openid),
    )
  const ranking = (openid: string | null, villageId?: string) =>
    api.data<Ranking>(
      'board.ranking',
      { roundId: 'r-open', ...(villageId ? { villageId } : {}) },
      openid ? as(openid) : undefined,
    )
  const inspection = (openid: string | null, householdId: string, roundId = 'r-open') =>
    api.post<Inspection>(
      'board.inspection',
      { roundId, householdId },
      openid ? as(openid) : undefined,
    )

  it('a grid worker scores a household of their grid with a photo', async () => {
    const { status, body } = await inspect(who.gridA, 'hh-a2', 55, 40)
    expect(status).toBe(200)
    if (!body.ok) throw new Error(body.error.message)
    expect(body.data.duplicate).toBe(false)
    expect(body.data.inspection).toMatchObject({ version: 1, total: 95, reason: 'first' })
    expect(body.data.inspection.photos).toEqual([photo])
  })

  it('a resend of the same clientId (offline queue) creates nothing new', async () => {
    const first = await inspect(who.gridA, 'hh-a3', 30, 10, 'queue-hh-a3-0001')
    const again = await inspect(who.gridA, 'hh-a3', 30, 10, 'queue-hh-a3-0001')
    expect(first.body.ok && again.body.ok).toBe(true)
    if (!first.body.ok || !again.body.ok) return
    expect(again.body.data.duplicate).toBe(true)
    expect(again.body.data.inspection.id).toBe(first.body.data.inspection.id)
    const seen = (await inspection(who.gridA, 'hh-a3')).body
    if (!seen.ok) throw new Error(seen.error.message)
    expect(seen.data.latest?.version).toBe(1)
    expect(seen.data.earlier).toEqual([])
  })

  it('a grid worker cannot score outside their grid', async () => {
    const { status, body } = await inspect(who.gridA, 'hh-b2', 50, 0)
    expect(status).toBe(403)
    expect(body.ok ? '' : body.error.code).toBe('FORBIDDEN')
  })

  it('every criterion of the round’s rubric is scored, or BAD_INPUT names the field', async () => {
    const { status, body } = await api.post(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId: 'hh-a4',
        items: [{ criterionId: 'crit-a', points: 50 }],
        clientId: 'missing-item-0001',
      },
      as(who.gridA),
    )
    expect(status).toBe(400)
    expect(body.ok ? null : body.error.details?.fields?.[0]?.path).toBe('items')
  })

  it('a re-inspection adds a version and keeps the old one', async () => {
    await inspect(who.gridA, 'hh-a4', 30, 15)
    const second = await inspect(who.gridA, 'hh-a4', 25, 20)
    if (!second.body.ok) throw new Error(second.body.error.message)
    expect(second.body.data.inspection).toMatchObject({ version: 2, reason: 'reinspect' })
    const seen = (await inspection(who.admin, 'hh-a4')).body
    if (!seen.ok) throw new Error(seen.error.message)
    expect(seen.data.latest?.total).toBe(45)
    expect(seen.data.earlier.map((v) => [v.version, v.total])).toEqual([[1, 45]])
  })

  it('the walk list shows the grid worker their households with done marks', async () => {
    const list = await api.data<ActionOutput<'board.inspectables'>>(
      'board.inspectables',
      { roundId: 'r-open' },
      as(who.gridA),
    )
    expect(list.items.map((h) => [h.householdId, h.done])).toEqual([
      ['hh-a1', true],
      ['hh-a2', true],
      ['hh-a3', true],
      ['hh-a4', true],
    ])
    expect([list.total, list.doneCount]).toEqual([4, 4])
    expect(list.groups).toEqual([{ id: 'vil-a-g1', name: '一组', villageName: '甲村' }])
    const todo = await api.data<ActionOutput<'board.inspectables'>>(
      'board.inspectables',
      { roundId: 'r-open', done: false },
      as(who.gridB),
    )
    expect(todo.items.map((h) => h.householdId)).toEqual(['hh-b1', 'hh-b2'])
  })

  it('an unpublished round is invisible to residents and visitors', async () => {
    for (const openid of [who.residentA, who.visitor]) {
      expect((await api.post('board.ranking', { roundId: 'r-open' }, as(openid))).status).toBe(404)
      expect((await inspection(openid, 'hh-a1')).status).toBe(404)
    }
    const staffView = await ranking(who.admin)
    expect(staffView.frozen).toBe(false)
  })

  it('publishing freezes the lists and opens 公示', async () => {
    await inspect(who.gridB, 'hh-b1', 60, 35)
    await inspect(who.gridB, 'hh-b2', 40, 10)
    now = NOW + DAY
    const preview = await api.data<ActionOutput<'board.publishPreview'>>(
      'board.publishPreview',
      { roundId: 'r-open' },
      as(who.admin),
    )
    const round = await api.data<ActionOutput<'board.publish'>>(
      'board.publish',
      { roundId: 'r-open', expect: preview.expect },
      as(who.admin),
    )
    expect(round).toMatchObject({ status: 'published', inPublicity: true })
    expect(Date.parse(round.publicityEndsAt ?? '') - now).toBe(7 * DAY)
    const again = await api.post(
      'board.publish',
      { roundId: 'r-open', expect: preview.expect },
      as(who.admin),
    )
    expect(again.status).toBe(409)

    const admin = await ranking(who.admin)
    expect(admin.frozen).toBe(true)
    expect(admin.red.map((e) => [e.householdId, e.score])).toEqual([
      ['hh-a2', 95],
      ['hh-b1', 95],
    ])
    expect(admin.black?.map((e) => [e.rank, e.householdId, e.score])).toEqual([
      [1, 'hh-a3', 40],
      [2, 'hh-a4', 45],
      [3, 'hh-b2', 50],
    ])
    // hh-a4 also gained (40 → 45) but is still on the black list: not on the 进步榜.
    expect(admin.progress.map((e) => [e.householdId, e.previousScore, e.delta])).toEqual([
      ['hh-a2', 92, 3],
    ])
  })

  it('after publication a later inspection does not change the lists', async () => {
    const { status } = await inspect(who.gridA, 'hh-a2', 10, 10)
    expect(status).toBe(409)
    const admin = await ranking(who.admin)
    expect(admin.red.map((e) => e.householdId)).toEqual(['hh-a2', 'hh-b1'])
  })

  it('masks the lists for each kind of viewer', async () => {
    const visitor = await ranking(who.visitor)
    expect(visitor.black).toBeNull()
    expect(visitor.red.map((e) => e.name)).toEqual(['李*强', '赵*'])
    expect(visitor.red.every((e) => !e.fullDetail)).toBe(true)

    const sameVillage = await ranking(who.residentA)
    expect(sameVillage.black?.map((e) => [e.rank, e.name, e.groupName])).toEqual([
      [1, '王*', '一组'],
      [2, '欧**花', '一组'],
    ])
    expect(sameVillage.black?.every((e) => e.rectifyBy === null && !e.fullDetail)).toBe(true)

    const otherVillage = await ranking(who.residentB, 'vil-a')
    expect(otherVillage.black).toBeNull()
    expect(otherVillage.blackHiddenReason).toContain('只能查看本村')
    const ownView = await ranking(who.residentB)
    // A neighbour's line carries an id that means something in this round's lists only.
    expect(ownView.black?.map((e) => [e.rank, e.name])).toEqual([[1, '钱*多']])
    expect(ownView.black?.[0]?.householdId).toMatch(/^ln_/)

    const grid = await ranking(who.gridA)
    expect(grid.black?.map((e) => e.name)).toEqual(['王芳', '欧阳春花'])
    expect(grid.black?.[0]?.rectifyBy).toBe(new Date(now + 15 * DAY).toISOString())

    const admin = await ranking(who.admin)
    expect(admin.black?.map((e) => e.name)).toEqual(['王芳', '欧阳春花', '钱多多'])
  })

  it('the breakdown: full detail for the household, its grid worker and admins only', async () => {
    const own = (await inspection(who.residentA, 'hh-a1')).body
    if (!own.ok) throw new Error(own.error.message)
    expect(own.data.fullDetail).toBe(true)
    expect(own.data.household.name).toBe('张小明')

    const worker = (await inspection(who.gridA, 'hh-a3')).body
    if (!worker.ok) throw new Error(worker.error.message)
    expect(worker.data.latest?.photos).toEqual([photo])
    expect(worker.data.latest?.items[0]?.note).toBe('院内杂物')
    expect(worker.data.rectification).toMatchObject({ rectified: false, threshold: 60 })

    // A neighbour of the same village sees the score items of a black-listed household,
    // masked, without notes or photos, through the line's id and never by the household's.
    const line = (await ranking(who.residentA)).black?.find((e) => e.name === '王*')
    const lineId = line?.householdId ?? ''
    expect(lineId).toMatch(/^ln_/)
    expect((await inspection(who.residentA, 'hh-a3')).status).toBe(403)
    expect((await inspection(who.residentA, 'hh-nobody')).status).toBe(403)
    const neighbour = (await inspection(who.residentA, lineId)).body
    if (!neighbour.ok) throw new Error(neighbour.error.message)
    expect(neighbour.data).toMatchObject({ fullDetail: false, list: 'black', earlier: [] })
    expect(neighbour.data.household).toMatchObject({ id: lineId, name: '王*', houseNo: '' })
    expect(neighbour.data.latest?.photos).toEqual([])
    expect(neighbour.data.latest?.items.map((i) => i.note)).toEqual(['', ''])
    expect(neighbour.data.latest?.inspectorName).toBeNull()

    // Another village's resident and a visitor: nothing of it, by either id.
    for (const id of ['hh-a3', lineId]) {
      expect((await inspection(who.residentB, id)).status).toBe(403)
      expect((await inspection(who.visitor, id)).status).toBe(403)
      // Another grid's worker sees it like the public (not on a list they may see).
      expect((await inspection(who.gridB, id)).status).toBe(403)
    }
    // A line id of this round means nothing in another.
    expect((await inspection(who.residentA, lineId, 'r-pub')).status).toBe(403)
  })

  let appealId = ''

  it('a bound resident appeals during 公示; a second pending appeal is refused', async () => {
    const appeal = await api.data<Appeal>(
      'board.appeal',
      {
        roundId: 'r-open',
        text: '检查那天刚好在修院墙，现已清理完毕',
        photos: [photoOf(who.residentA)],
      },
      as(who.residentA),
    )
    expect(appeal).toMatchObject({ status: 'pending', scoreBefore: 70 })
    appealId = appeal.id
    const second = await api.post(
      'board.appeal',
      { roundId: 'r-open', text: '再申诉一次看看可以吗' },
      as(who.residentA),
    )
    expect(second.status).toBe(409)
    const visitor = await api.post(
      'board.appeal',
      { roundId: 'r-open', text: '我不是本村的也想申诉' },
      as(who.visitor),
    )
    expect(visitor.status).toBe(409)

    const gridA = await api.data<ActionOutput<'board.appeals'>>(
      'board.appeals',
      { status: 'pending' },
      as(who.gridA),
    )
    expect(gridA.items.map((a) => a.id)).toEqual([appealId])
    const gridB = await api.data<ActionOutput<'board.appeals'>>('board.appeals', {}, as(who.gridB))
    expect(gridB.items).toEqual([])
    const own = (await inspection(who.residentA, 'hh-a1')).body
    expect(own.ok && own.data.appeals.map((a) => a.status)).toEqual(['pending'])
    expect(own.ok && own.data.canAppeal).toBe(false)
  })

  it('a re-inspection decides the appeal, recomputes the lists and is logged', async () => {
    const outsider = await api.post(
      'board.decideAppeal',
      { id: appealId, decision: 'reject', reason: '不属实' },
      as(who.gridB),
    )
    // Another grid's worker: FORBIDDEN, like every act on a household outside their grids.
    expect(outsider.status).toBe(403)

    const input = {
      id: appealId,
      decision: 'reinspect',
      items: items(57, 35, '已清理'),
      photos: [photo],
      clientId: 'appeal-reinspect-0001',
    }
    const decided = await api.data<Appeal>('board.decideAppeal', input, as(who.gridA))
    expect(decided).toMatchObject({ status: 'reinspected', scoreBefore: 70, scoreAfter: 92 })
    // The phone's queue sends it again: same answer, nothing new.
    const resent = await api.data<Appeal>('board.decideAppeal', input, as(who.gridA))
    expect(resent).toEqual(decided)

    const admin = await ranking(who.admin)
    expect(admin.red.map((e) => [e.householdId, e.score])).toEqual([
      ['hh-a2', 95],
      ['hh-b1', 95],
      ['hh-a1', 92],
    ])
    const own = (await inspection(who.residentA, 'hh-a1')).body
    if (!own.ok) throw new Error(own.error.message)
    expect(own.data.latest).toMatchObject({ version: 2, total: 92, reason: 'appeal' })
    expect(own.data.earlier.map((v) => v.total)).toEqual([70])

    // The decision's own entry (a resend of the same decision is logged too, as a replay).
    const logged = (await api.app.store.audit.recent(200)).find(
      (e) => e.action === 'board.decideAppeal' && e.target !== null,
    )
    expect(logged?.before).toEqual({ score: 70, list: null })
    expect(logged?.after).toMatchObject({ score: 92, list: 'red' })
  })

  it('an appeal can be rejected with a reason the household sees', async () => {
    const appeal = await api.data<Appeal>(
      'board.appeal',
      { roundId: 'r-open', text: '我家的分数应该更高一些' },
      as(who.residentB),
    )
    const rejected = await api.data<Appeal>(
      'board.decideAppeal',
      { id: appeal.id, decision: 'reject', reason: '复核照片与检查记录一致' },
      as(who.gridB),
    )
    expect(rejected).toMatchObject({ status: 'rejected', reason: '复核照片与检查记录一致' })
    const twice = await api.post(
      'board.decideAppeal',
      { id: appeal.id, decision: 'reject', reason: '再驳回一次' },
      as(who.gridB),
    )
    expect(twice.status).toBe(409)
  })

  it('a black-listed household re-inspected at the threshold is marked 已整改', async () => {
    const { body } = await inspect(who.gridA, 'hh-a3', 50, 30)
    if (!body.ok) throw new Error(body.error.message)
    expect(body.data.rectified).toBe(true)
    const neighbour = await ranking(who.residentA)
    expect(neighbour.black?.map((e) => [e.name, e.rectified])).toEqual([
      ['王*', true],
      ['欧**花', false],
    ])
    const below = await inspect(who.gridA, 'hh-a4', 30, 20)
    expect(below.body.ok && below.body.data.rectified).toBe(false)
  })

  it('after 公示 appeals are closed', async () => {
    now = NOW + 9 * DAY
    const { status } = await api.post(
      'board.appeal',
      { roundId: 'r-open', text: '公示结束后再来申诉' },
      as(who.residentB),
    )
    expect(status).toBe(409)
  })

  it("a household's history across published rounds, for itself and its grid worker", async () => {
    const own = await api.data<ActionOutput<'board.history'>>(
      'board.history',
      {},
      as(who.residentA),
    )
    expect(own.items.map((p) => [p.roundId, p.score, p.list])).toEqual([
      ['r-pub', 95, 'red'],
      ['r-open', 92, 'red'],
    ])
    const worker = await api.data<ActionOutput<'board.history'>>(
      'board.history',
      { householdId: 'hh-a3' },
      as(who.gridA),
    )
    expect(worker.items.map((p) => [p.score, p.list, p.rectified])).toEqual([
      [50, 'black', false],
      [80, 'black', true],
    ])
    const stranger = await api.post('board.history', { householdId: 'hh-a3' }, as(who.residentB))
    expect(stranger.status).toBe(403)
  })

  it('the red list shows a full name only with the household’s consent', async () => {
    // 张小明 (hh-a1) is third on the township's red list, 甲村's second.
    const lineOf = (r: Ranking) => r.red.find((e) => e.villageName === '甲村' && e.rank === 3)
    const before = await ranking(who.visitor)
    expect(lineOf(before)?.name).toBe('张小明')
    await api.data('board.setConsent', { showNameOnRed: false }, as(who.residentA))
    expect(await api.data('board.consent', {}, as(who.residentA))).toEqual({
      householdId: 'hh-a1',
      showNameOnRed: false,
      canChange: true,
      setByName: `昵称-${who.residentA}`,
      setAt: new Date(now).toISOString(),
    })
    const after = await ranking(who.visitor)
    expect(lineOf(after)?.name).toBe('张*明')
  })

  it('village averages and coverage across the township', async () => {
    const stats = await api.data<ActionOutput<'board.villages'>>(
      'board.villages',
      { roundId: 'r-open' },
      as(who.visitor),
    )
    expect(stats.map((s) => [s.village.name, s.households, s.inspected, s.coverage])).toEqual([
      ['甲村', 4, 4, 1],
      ['乙村', 2, 2, 1],
    ])
  })

  it('the print page is masked as for the public', async () => {
    const page = await api.data<ActionOutput<'board.printable'>>(
      'board.printable',
      { roundId: 'r-open', villageId: 'vil-a' },
      as(who.gridA),
    )
    expect(page.black.map((e) => [e.rank, e.name, e.rectified])).toEqual([
      [1, '王*', true],
      [2, '欧**花', false],
    ])
    expect(page.red.map((e) => e.name)).toEqual(['李*强', '张*明'])
  })

  it('exports the round to .xlsx per village and per household with item scores', async () => {
    const file = await api.data<ActionOutput<'board.export'>>(
      'board.export',
      { roundId: 'r-open' },
      as(who.admin),
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer)
    const villages = book.getWorksheet('各村汇总')
    expect(villages?.getRow(2).values).toEqual([undefined, '甲村', 4, 4, '100%', 79.3, 2, 2])
    const households = book.getWorksheet('分户得分')
    const header = households?.getRow(1).values as unknown[]
    expect(header.slice(1)).toEqual([
      '村',
      '村民小组',
      '门牌号',
      '户主',
      '庭院（60）',
      '垃圾（40）',
      '总分',
      '榜单',
    ])
    expect((households?.getRow(2).values as unknown[]).slice(1)).toEqual([
      '甲村',
      '一组',
      '东街1号',
      '张小明',
      57,
      35,
      92,
      '红榜',
    ])
  })
})
