import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Ranking = ActionOutput<'board.ranking'>

describe('red and black list', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const ranking = (openid: string | undefined, villageId?: string) =>
    api.data<Ranking>(
      'board.ranking',
      { roundId: 'r-pub', ...(villageId ? { villageId } : {}) },
      openid ? tokens[openid] : undefined,
    )

  it('ranks red best first and black worst first, by the round thresholds', async () => {
    const r = await ranking(who.admin)
    expect(r.red.map((e) => [e.rank, e.householdId, e.score])).toEqual([
      [1, 'hh-b1', 98],
      [2, 'hh-a1', 95],
      [3, 'hh-a2', 92],
    ])
    expect(r.black?.map((e) => e.householdId)).toEqual(['hh-a4', 'hh-a3', 'hh-b2'])
    expect(r.inspected).toBe(6)
    expect(r.average).toBe(71.7)
  })

  it('shows a visitor red names masked unless the household consented, and no black list', async () => {
    const r = await ranking(who.visitor)
    expect(r.red.map((e) => e.name)).toEqual(['赵*', '张小明', '李*强'])
    expect(r.black).toBeNull()
    expect(r.blackHiddenReason).toContain('黑榜仅向本村')
  })

  it("shows a resident their own village's black list only, masked", async () => {
    const r = await ranking(who.residentA)
    expect(r.black?.map((e) => e.name)).toEqual(['欧**花', '王*'])
    const other = await ranking(who.residentA, 'vil-b')
    expect(other.black).toBeNull()
    expect(other.blackHiddenReason).toContain('只能查看本村')
  })

  it('shows the grid worker full names in their villages, masked elsewhere', async () => {
    const r = await ranking(who.gridA)
    expect(r.black?.map((e) => e.name)).toEqual(['欧阳春花', '王芳'])
    const other = r.red.find((e) => e.villageName === '乙村')
    expect(other?.name).toBe('赵*')
    expect(other?.householdId).toMatch(/^ln_/)
  })

  it('never sends phone numbers or other undeclared fields', async () => {
    const { body } = await api.post('board.ranking', { roundId: 'r-pub' }, tokens[who.admin])
    expect(JSON.stringify(body)).not.toContain('13800000000')
    expect(JSON.stringify(body)).not.toContain('showNameOnRed')
  })

  it('hides an unpublished round from residents and visitors, not from staff', async () => {
    const rounds = await api.data<{ items: { id: string }[] }>(
      'board.rounds',
      {},
      tokens[who.residentA],
    )
    expect(rounds.items.map((r) => r.id)).toEqual(['r-pub'])
    const staff = await api.data<{ items: { id: string }[] }>('board.rounds', {}, tokens[who.gridA])
    expect(staff.items.map((r) => r.id)).toEqual(['r-open', 'r-pub'])
    const { status } = await api.post('board.ranking', { roundId: 'r-open' }, tokens[who.residentA])
    expect(status).toBe(404)
  })

  it('an unknown village is BAD_INPUT', async () => {
    const { status } = await api.post('board.ranking', { roundId: 'r-pub', villageId: 'vil-x' })
    expect(status).toBe(400)
  })

  const criteria = [
    { category: '庭院', name: '庭院整洁', maxPoints: 25, deductionPerItem: 5 },
    { category: '垃圾', name: '垃圾分类', maxPoints: 20, deductionPerItem: 5 },
    { category: '厕所', name: '厕所卫生', maxPoints: 15, deductionPerItem: 5 },
    { category: '畜禽', name: '畜禽圈养', maxPoints: 15, deductionPerItem: 5 },
    { category: '柴草', name: '柴草堆放', maxPoints: 15, deductionPerItem: 5 },
    { category: '门前', name: '门前三包', maxPoints: 10, deductionPerItem: 5 },
  ]

  it('rubrics.save refuses criteria that do not sum to 100', async () => {
    const { status, body } = await api.post(
      'rubrics.save',
      { name: '少了一项', criteria: criteria.slice(1) },
      tokens[who.admin],
    )
    expect(status).toBe(400)
    expect(body.ok ? null : body.error.details?.fields?.[0]).toEqual({
      path: 'criteria',
      message: '各项分值合计须为 100 分，现为 75 分',
    })
  })

  it('a round keeps the rubric it was opened with when the rubric is edited later', async () => {
    type Rubric = ActionOutput<'rubrics.save'>
    const v2 = await api.data<Rubric>(
      'rubrics.save',
      { name: '2027版', criteria },
      tokens[who.admin],
    )
    expect(v2.version).toBe(2)
    const round = await api.data<ActionOutput<'board.openRound'>>(
      'board.openRound',
      { month: '2026-12' },
      tokens[who.admin],
    )
    expect(round).toMatchObject({
      id: 'rnd-2026-12',
      title: '2026年12月人居环境检查',
      rubricVersion: 2,
      scope: 'village',
      redThreshold: 90,
      blackThreshold: 60,
      redTopN: null,
      publicityDays: 7,
      windowStart: '2026-11-30T16:00:00.000Z',
    })
    const again = await api.post('board.openRound', { month: '2026-12' }, tokens[who.admin])
    expect(again.status).toBe(409)

    // Edited again: the open rounds still show and score by their own versions.
    const v3 = await api.data<Rubric>(
      'rubrics.save',
      { name: '2027版修订', criteria: [{ ...criteria[0], maxPoints: 45 }, ...criteria.slice(2)] },
      tokens[who.admin],
    )
    expect(v3.version).toBe(3)
    const old = await api.data<ActionOutput<'board.round'>>(
      'board.round',
      { id: 'r-open' },
      tokens[who.gridA],
    )
    expect(old.rubric.criteria.map((c) => c.id)).toEqual(['crit-a', 'crit-b'])
    const dec = await api.data<ActionOutput<'board.round'>>(
      'board.round',
      { id: 'rnd-2026-12' },
      tokens[who.gridA],
    )
    expect(dec.rubric.version).toBe(2)
    expect(dec.rubric.criteria.map((c) => c.name)).toEqual(criteria.map((c) => c.name))
    const current = await api.data<Rubric>('rubrics.current', {}, tokens[who.gridA])
    expect(current?.version).toBe(3)

    // Scoring the old round with the new version's criteria is refused.
    const wrong = await api.post(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId: 'hh-a2',
        items: v3.criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints })),
        clientId: 'wrong-rubric-0001',
      },
      tokens[who.gridA],
    )
    expect(wrong.status).toBe(400)
  })

  it('a round by counts: the best N and the worst N per village', async () => {
    const round = await api.data<ActionOutput<'board.openRound'>>(
      'board.openRound',
      {
        month: '2027-01',
        redThreshold: null,
        redTopN: 1,
        blackThreshold: null,
        blackBottomN: 1,
        scope: 'village',
      },
      tokens[who.admin],
    )
    expect(round).toMatchObject({ redThreshold: null, redTopN: 1, blackBottomN: 1 })
    const none = await api.post(
      'board.openRound',
      { month: '2027-02', redThreshold: null },
      tokens[who.admin],
    )
    expect(none.status).toBe(400)
  })

  it('pages through a long list with board.list', async () => {
    const first = await api.data<ActionOutput<'board.list'>>(
      'board.list',
      { roundId: 'r-pub', list: 'red', limit: 2 },
      tokens[who.admin],
    )
    expect(first.items.map((e) => e.householdId)).toEqual(['hh-b1', 'hh-a1'])
    const second = await api.data<ActionOutput<'board.list'>>(
      'board.list',
      { roundId: 'r-pub', list: 'red', limit: 2, cursor: first.nextCursor },
      tokens[who.admin],
    )
    expect(second.items.map((e) => [e.rank, e.householdId])).toEqual([[3, 'hh-a2']])
    expect(second.nextCursor).toBeNull()
    const hidden = await api.post('board.list', { roundId: 'r-pub', list: 'black' })
    expect(hidden.status).toBe(403)
  })
})
