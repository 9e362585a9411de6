// 复查 scores right: what an inspection answers is what was entered, so a form reopened from it
// saves the same total, and clearing the problems gives the items their full marks back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Inspection = ActionOutput<'board.inspection'>
type Saved = ActionOutput<'board.inspect'>
type Item = { criterionId: string; points?: number | null; deductions?: number; note: string }

describe('re-inspecting from what was entered (庭院 60 given directly, 垃圾 40 − 5 per problem)', () => {
  let api: TestApi
  let grid = ''
  let sent = 0

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    grid = await api.login(who.gridA)
  })
  afterAll(() => api.close())

  const inspect = (householdId: string, items: Item[]) =>
    api.data<Saved>(
      'board.inspect',
      { roundId: 'r-open', householdId, items, clientId: `rescore-${++sent}-abcdef` },
      grid,
    )
  const reopen = (householdId: string) =>
    api.data<Inspection>('board.inspection', { roundId: 'r-open', householdId }, grid)
  /** What the form sends when it is saved unchanged: the entries it was opened with. */
  const asEntered = (view: Inspection): Item[] =>
    (view.latest?.items ?? []).map((i) => ({
      criterionId: i.criterionId,
      points: i.points,
      deductions: i.deductions,
      note: i.note,
    }))

  it('one problem on 垃圾: 95, reopened and saved unchanged still 95, cleared 100', async () => {
    const first = await inspect('hh-a2', [
      { criterionId: 'crit-a', points: 60, note: '' },
      { criterionId: 'crit-b', deductions: 1, note: '垃圾未分类' },
    ])
    expect(first.inspection.total).toBe(95)

    const opened = await reopen('hh-a2')
    expect(opened.latest?.total).toBe(95)
    expect(opened.latest?.items.map((i) => [i.name, i.points, i.deductions, i.score])).toEqual([
      ['庭院', 60, 0, 60],
      ['垃圾', null, 1, 35],
    ])

    const unchanged = await inspect('hh-a2', asEntered(opened))
    expect(unchanged.inspection.total).toBe(95)
    expect((await reopen('hh-a2')).latest).toMatchObject({ version: 2, total: 95 })

    const cleared = asEntered(await reopen('hh-a2')).map((i) => ({ ...i, deductions: 0 }))
    const full = await inspect('hh-a2', cleared)
    expect(full.inspection.total).toBe(100)
    expect(full.inspection.items.map((i) => [i.score, i.maxPoints])).toEqual([
      [60, 60],
      [40, 40],
    ])
  })

  it('points given directly and several problems: the same total every time it is reopened', async () => {
    await inspect('hh-a3', [
      { criterionId: 'crit-a', points: 47, note: '院内杂物' },
      { criterionId: 'crit-b', deductions: 3, note: '' },
    ])
    // 47 + (40 − 15) = 72, three times over.
    for (let round = 0; round < 3; round++) {
      const opened = await reopen('hh-a3')
      expect(opened.latest?.total).toBe(72)
      await inspect('hh-a3', asEntered(opened))
    }
    expect((await reopen('hh-a3')).earlier.map((v) => v.total)).toEqual([72, 72, 72])
  })

  it('refuses points above a directly scored item’s maximum, in Chinese, saving nothing', async () => {
    const { status, body } = await api.post(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId: 'hh-a4',
        items: [
          { criterionId: 'crit-a', points: 61, note: '' },
          { criterionId: 'crit-b', deductions: 0, note: '' },
        ],
        clientId: `rescore-${++sent}-abcdef`,
      },
      grid,
    )
    expect(status).toBe(400)
    expect(body.ok ? '' : body.error.message).toBe('“庭院”最多 60 分')
    expect((await reopen('hh-a4')).latest).toBeNull()
  })
})
