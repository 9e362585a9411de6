import { describe, expect, it } from 'vitest'
import {
  averageScore,
  compareHouseNo,
  computeLists,
  coverage,
  villageStats,
  visibleEntries,
  type ListRules,
} from '../../../server/board/board.rules'
import {
  checkRubric,
  legacyEntered,
  scoreInspection,
  scoreItems,
} from '../../../server/board/inspection.rules'
import {
  checkRules,
  inPublicity,
  monthWindow,
  previousMonth,
} from '../../../server/board/round.rules'
import type { CriterionRecord, ScoreRow } from '../../../server/store/store'

const row = (
  householdId: string,
  total: number,
  houseNo: string,
  more: Partial<ScoreRow> = {},
): ScoreRow => ({
  householdId,
  headName: '某某',
  houseNo,
  villageId: 'v1',
  villageName: '甲村',
  groupId: 'g1',
  groupName: '一组',
  gridId: 'grid1',
  villageSort: 0,
  groupSort: 0,
  showNameOnRed: false,
  total,
  deductedItems: 0,
  ...more,
})

const rules = (r: Partial<ListRules> = {}): ListRules => ({
  scope: 'township',
  redThreshold: 90,
  redTopN: null,
  blackThreshold: 60,
  blackBottomN: null,
  ...r,
})

const ids = (entries: { householdId: string }[]) => entries.map((e) => e.householdId)

describe('board rules: lists', () => {
  it('puts score ≥ red threshold on the red list and < black threshold on the black list', () => {
    const { red, black } = computeLists(
      [row('a', 90, '1号'), row('b', 89, '2号'), row('c', 60, '3号'), row('d', 59, '4号')],
      rules(),
    )
    expect(ids(red)).toEqual(['a'])
    expect(ids(black)).toEqual(['d'])
  })

  it('breaks ties by fewer deducted items, then by 门牌号 in numeric order', () => {
    const { red, black } = computeLists(
      [
        row('x', 95, '东街10号'),
        row('y', 95, '东街9号'),
        row('z', 95, '东街1号', { deductedItems: 1 }),
      ],
      rules({ redThreshold: 90, blackThreshold: 100, redTopN: null }),
    )
    expect(red.map((r) => [r.rank, r.householdId])).toEqual([
      [1, 'y'],
      [2, 'x'],
      [3, 'z'],
    ])
    // x, y and z are all on red; nobody is on both lists.
    expect(black).toEqual([])
    const worst = computeLists(
      [
        row('x', 40, '东街10号'),
        row('y', 40, '东街9号'),
        row('z', 40, '东街1号', { deductedItems: 1 }),
      ],
      rules(),
    )
    expect(ids(worst.black)).toEqual(['z', 'y', 'x'])
  })

  it('orders 门牌号 naturally: street, then number, then the rest', () => {
    const sorted = ['东街10号', '东街9号', '西街1号', '东街1号', '东街9号之2', '村口'].sort(
      compareHouseNo,
    )
    expect(sorted).toEqual(['东街1号', '东街9号', '东街9号之2', '东街10号', '村口', '西街1号'])
  })

  it('is deterministic whatever order the rows come in', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      row(`h${i}`, 50 + (i % 7) * 8, `${(i * 7) % 40}号`, { deductedItems: i % 3 }),
    )
    const a = computeLists(rows, rules({ redTopN: 5, blackBottomN: 5 }))
    const b = computeLists([...rows].reverse(), rules({ redTopN: 5, blackBottomN: 5 }))
    expect(a).toEqual(b)
  })

  it('takes the best N and the worst N when the round counts instead of thresholds', () => {
    const rows = [row('a', 99, '1'), row('b', 80, '2'), row('c', 70, '3'), row('d', 65, '4')]
    const { red, black } = computeLists(
      rows,
      rules({ redThreshold: null, redTopN: 2, blackThreshold: null, blackBottomN: 1 }),
    )
    expect(ids(red)).toEqual(['a', 'b'])
    expect(ids(black)).toEqual(['d'])
  })

  it('with both a threshold and N takes the first N of those past the threshold', () => {
    const rows = [row('a', 99, '1'), row('b', 95, '2'), row('c', 91, '3'), row('d', 50, '4')]
    const { red, black } = computeLists(rows, rules({ redTopN: 2, blackBottomN: 3 }))
    expect(ids(red)).toEqual(['a', 'b'])
    expect(ids(black)).toEqual(['d'])
  })

  it('never puts a household on both lists when counts overlap in a small unit', () => {
    const { red, black } = computeLists(
      [row('a', 90, '1'), row('b', 80, '2')],
      rules({ redThreshold: null, redTopN: 2, blackThreshold: null, blackBottomN: 2 }),
    )
    expect(ids(red)).toEqual(['a', 'b'])
    expect(black).toEqual([])
  })

  const town = [
    row('a1', 95, '1号', {
      villageId: 'va',
      villageName: '甲村',
      groupId: 'ga1',
      groupName: '一组',
    }),
    row('a2', 92, '2号', {
      villageId: 'va',
      villageName: '甲村',
      groupId: 'ga2',
      groupName: '二组',
      groupSort: 1,
    }),
    row('a3', 40, '3号', {
      villageId: 'va',
      villageName: '甲村',
      groupId: 'ga2',
      groupName: '二组',
      groupSort: 1,
    }),
    row('b1', 98, '1号', {
      villageId: 'vb',
      villageName: '乙村',
      villageSort: 1,
      groupId: 'gb1',
      groupName: '一组',
    }),
    row('b2', 55, '2号', {
      villageId: 'vb',
      villageName: '乙村',
      villageSort: 1,
      groupId: 'gb1',
      groupName: '一组',
    }),
  ]

  it('ranks per village group, per village, or township-wide', () => {
    const byGroup = computeLists(town, rules({ scope: 'group', redTopN: 1 }))
    expect(byGroup.red.map((e) => [e.unitName, e.rank, e.householdId])).toEqual([
      ['一组', 1, 'a1'],
      ['二组', 1, 'a2'],
      ['一组', 1, 'b1'],
    ])
    const byVillage = computeLists(town, rules({ scope: 'village', redTopN: 1 }))
    expect(byVillage.red.map((e) => [e.unitName, e.rank, e.householdId])).toEqual([
      ['甲村', 1, 'a1'],
      ['乙村', 1, 'b1'],
    ])
    const township = computeLists(town, rules({ scope: 'township', redTopN: 1 }))
    expect(township.red.map((e) => [e.unitName, e.rank, e.householdId])).toEqual([
      ['全镇', 1, 'b1'],
    ])
    expect(township.black.map((e) => [e.rank, e.householdId])).toEqual([
      [1, 'a3'],
      [2, 'b2'],
    ])
  })

  it('renumbers ranks within what a viewer sees, per unit', () => {
    const { black } = computeLists(town, rules())
    const seen = visibleEntries(black, (e) => e.villageId === 'vb')
    expect(seen.map((e) => [e.rank, e.householdId])).toEqual([[1, 'b2']])
  })

  it('lists the most improved against the previous round (进步榜), best gain first', () => {
    const previous = new Map([
      ['a1', 80],
      ['a2', 60],
      ['a3', 45],
      ['b1', 98],
    ])
    const { progress } = computeLists(town, rules(), previous)
    expect(progress.map((e) => [e.householdId, e.previousScore, e.total])).toEqual([
      ['a2', 60, 92],
      ['a1', 80, 95],
    ])
    // No previous score (b2) or no gain (b1, a3 went down) → not on it.
  })

  it('keeps a household still on the black list off the 进步榜', () => {
    const previous = new Map([
      ['a3', 20],
      ['a2', 60],
    ])
    const { black, progress } = computeLists(town, rules(), previous)
    expect(ids(black)).toContain('a3')
    expect(ids(progress)).toEqual(['a2'])
  })
})

describe('board rules: averages and coverage', () => {
  it('averages to one decimal, null when nobody was inspected', () => {
    expect(averageScore([row('a', 90, '1'), row('b', 85, '2'), row('c', 86, '3')])).toBe(87)
    expect(averageScore([row('a', 90, '1'), row('b', 85, '2')])).toBe(87.5)
    expect(averageScore([])).toBeNull()
  })

  it('coverage is the share inspected, 0 without households', () => {
    expect(coverage(2, 3)).toBe(0.667)
    expect(coverage(0, 0)).toBe(0)
    expect(coverage(5, 4)).toBe(1)
  })

  it('village stats count households, inspected, average and list lengths per village', () => {
    const rows = [
      row('a1', 95, '1', { villageId: 'va' }),
      row('a2', 50, '2', { villageId: 'va' }),
      row('b1', 70, '1', { villageId: 'vb' }),
    ]
    const lists = computeLists(rows, rules())
    expect(
      villageStats(
        [
          { id: 'va', name: '甲村', householdCount: 4 },
          { id: 'vb', name: '乙村', householdCount: 2 },
          { id: 'vc', name: '丙村', householdCount: 3 },
        ],
        rows,
        lists,
      ),
    ).toEqual([
      {
        villageId: 'va',
        villageName: '甲村',
        households: 4,
        inspected: 2,
        coverage: 0.5,
        average: 72.5,
        redCount: 1,
        blackCount: 1,
      },
      {
        villageId: 'vb',
        villageName: '乙村',
        households: 2,
        inspected: 1,
        coverage: 0.5,
        average: 70,
        redCount: 0,
        blackCount: 0,
      },
      {
        villageId: 'vc',
        villageName: '丙村',
        households: 3,
        inspected: 0,
        coverage: 0,
        average: null,
        redCount: 0,
        blackCount: 0,
      },
    ])
  })
})

const criterion = (id: string, maxPoints: number, deductionPerItem: number, sort: number) =>
  ({
    id,
    rubricId: 'r1',
    category: id,
    name: `项${id}`,
    maxPoints,
    deductionPerItem,
    hint: '',
    sort,
  }) satisfies CriterionRecord

describe('board rules: scoring an inspection', () => {
  const v1 = [criterion('a', 60, 5, 0), criterion('b', 40, 10, 1)]

  it('a deduction item scores max − 5 per problem, at least 0; points sent for it do not count', () => {
    const result = scoreInspection(v1, [
      { criterionId: 'b', points: 40, deductions: 5, note: '乱堆' },
      { criterionId: 'a', points: 3, deductions: 1, note: '' },
    ])
    expect(result).toMatchObject({
      ok: true,
      total: 55,
      deductedItems: 2,
      items: [
        { criterionId: 'a', points: null, deductions: 1, score: 55 },
        { criterionId: 'b', points: null, deductions: 5, score: 0 },
      ],
    })
    // 12 problems × 5 = 60: exactly 0; 11: 5; 0: full marks.
    const at = (n: number) =>
      scoreInspection(v1, [
        { criterionId: 'a', deductions: n, note: '' },
        { criterionId: 'b', deductions: 0, note: '' },
      ])
    expect([11, 12, 13, 0].map((n) => at(n))).toMatchObject([
      { total: 45, deductedItems: 1 },
      { total: 40, deductedItems: 1 },
      { total: 40, deductedItems: 1 },
      { total: 100, deductedItems: 0 },
    ])
  })

  it('a directly scored item takes the points given: at most its maximum, never problems', () => {
    const direct = [criterion('a', 60, 0, 0), criterion('b', 40, 10, 1)]
    const given = (points: number | undefined, deductions = 0) =>
      scoreInspection(direct, [
        { criterionId: 'a', points, deductions, note: '' },
        { criterionId: 'b', deductions: 0, note: '' },
      ])
    expect(given(59)).toMatchObject({ ok: true, total: 99, deductedItems: 1 })
    expect(given(60)).toMatchObject({ ok: true, total: 100, deductedItems: 0 })
    expect(given(0)).toMatchObject({ ok: true, total: 40, items: [{ points: 0, score: 0 }, {}] })
    expect(given(61)).toEqual({
      ok: false,
      fields: [{ path: 'items.0.points', message: '“项a”最多 60 分' }],
    })
    expect(given(undefined)).toEqual({
      ok: false,
      fields: [{ path: 'items.0.points', message: '请给“项a”打分' }],
    })
    expect(given(50, 1)).toEqual({
      ok: false,
      fields: [{ path: 'items.0.deductions', message: '“项a”直接打分，不记问题处数' }],
    })
  })

  it('an item stored as its score reads back as the entries that score it', () => {
    const perFive = { maxPoints: 25, deductionPerItem: 5 }
    // Seeded: 15 of 25 with no problems recorded → two problems.
    expect(legacyEntered(perFive, 15, 0)).toEqual({ points: null, deductions: 2, exact: true })
    // Reopened by the old form: one problem counted twice (25 − 5 − 5 = 15).
    expect(legacyEntered(perFive, 15, 1)).toEqual({ points: null, deductions: 2, exact: true })
    // Problems that already match the score stay.
    expect(legacyEntered(perFive, 20, 1)).toEqual({ points: null, deductions: 1, exact: true })
    expect(legacyEntered(perFive, 25, 0)).toEqual({ points: null, deductions: 0, exact: true })
    // Floored at 0: any count of five or more fits; the recorded one is kept.
    expect(legacyEntered(perFive, 0, 7)).toEqual({ points: null, deductions: 7, exact: true })
    expect(legacyEntered(perFive, 0, 0)).toEqual({ points: null, deductions: 5, exact: true })
    // No count of problems reaches 13 of 25: the next count down (3 → 10), not exact.
    expect(legacyEntered(perFive, 13, 0)).toEqual({ points: null, deductions: 3, exact: false })
    // Directly scored: the score was the points given.
    expect(legacyEntered({ maxPoints: 10, deductionPerItem: 0 }, 7, 0)).toEqual({
      points: 7,
      deductions: 0,
      exact: true,
    })
  })

  it('needs every criterion of the round’s rubric version exactly once', () => {
    const missing = scoreInspection(v1, [{ criterionId: 'a', points: 60, deductions: 0, note: '' }])
    expect(missing).toEqual({
      ok: false,
      fields: [{ path: 'items', message: '还有未打分的检查项：项b' }],
    })
    const twice = scoreInspection(v1, [
      { criterionId: 'a', points: 60, deductions: 0, note: '' },
      { criterionId: 'a', points: 60, deductions: 0, note: '' },
      { criterionId: 'b', points: 40, deductions: 0, note: '' },
    ])
    expect(twice.ok).toBe(false)
  })

  it('a round keeps its rubric: criteria of a later version do not score an older round', () => {
    // v2 was saved after the round opened: it renamed and re-weighted the items.
    const v2 = [criterion('c', 50, 5, 0), criterion('d', 50, 5, 1)]
    const withV2 = scoreInspection(v1, [
      { criterionId: 'c', points: 50, deductions: 0, note: '' },
      { criterionId: 'd', points: 50, deductions: 0, note: '' },
    ])
    expect(withV2.ok).toBe(false)
    if (!withV2.ok) expect(withV2.fields[0]?.message).toBe('检查项不属于本期的评分标准')
    expect(
      scoreInspection(v2, [
        { criterionId: 'c', points: 50, deductions: 1, note: '' },
        { criterionId: 'd', points: 50, deductions: 0, note: '' },
      ]),
    ).toMatchObject({ ok: true, total: 95 })
  })

  it('a rubric must sum to exactly 100, deductions within the item, names unique', () => {
    expect(checkRubric([{ name: 'a', maxPoints: 60, deductionPerItem: 5 }])).toEqual([
      { path: 'criteria', message: '各项分值合计须为 100 分，现为 60 分' },
    ])
    expect(
      checkRubric([
        { name: 'a', maxPoints: 60, deductionPerItem: 61 },
        { name: 'a', maxPoints: 40, deductionPerItem: 0 },
      ]).map((f) => f.path),
    ).toEqual(['criteria.0.deductionPerItem', 'criteria.1.name'])
    expect(
      checkRubric([
        { name: '庭院整洁', maxPoints: 25, deductionPerItem: 5 },
        { name: '垃圾分类', maxPoints: 75, deductionPerItem: 5 },
      ]),
    ).toEqual([])
  })

  it('items come back in the rubric’s order whatever order the criteria and items come in', () => {
    // Listed c, a, b; the rubric orders them a (sort 0), b (sort 1), c (sort 2).
    const rubric = [criterion('c', 20, 5, 2), criterion('a', 50, 5, 0), criterion('b', 30, 0, 1)]
    const result = scoreInspection(rubric, [
      { criterionId: 'c', deductions: 1, note: '' },
      { criterionId: 'b', points: 30, note: '' },
      { criterionId: 'a', deductions: 0, note: '' },
    ])
    expect(result).toMatchObject({ ok: true, total: 95, deductedItems: 1 })
    if (result.ok) expect(result.items.map((i) => i.criterionId)).toEqual(['a', 'b', 'c'])
    // Stored items scored again: a criterion without an item is left out and scores nothing.
    expect(
      scoreItems(rubric, [{ criterionId: 'c', points: null, deductions: 4, note: '' }]),
    ).toEqual({
      items: [{ criterionId: 'c', points: null, deductions: 4, note: '', score: 0 }],
      total: 0,
      deductedItems: 1,
    })
  })

  it('says which item is wrong: another rubric’s, twice, or a direct item without points', () => {
    expect(
      scoreInspection(v1, [
        { criterionId: 'a', deductions: 0, note: '' },
        { criterionId: 'x', deductions: 0, note: '' },
        { criterionId: 'b', deductions: 0, note: '' },
      ]),
    ).toEqual({
      ok: false,
      fields: [{ path: 'items.1.criterionId', message: '检查项不属于本期的评分标准' }],
    })
    expect(
      scoreInspection(v1, [
        { criterionId: 'a', deductions: 0, note: '' },
        { criterionId: 'b', deductions: 0, note: '' },
        { criterionId: 'a', deductions: 1, note: '' },
      ]),
    ).toEqual({
      ok: false,
      fields: [{ path: 'items.2.criterionId', message: '同一检查项只能打一次分' }],
    })
    const direct = [criterion('a', 60, 0, 0), criterion('b', 40, 10, 1)]
    expect(
      scoreInspection(direct, [
        { criterionId: 'a', points: null, note: '' },
        { criterionId: 'b', deductions: 0, note: '' },
      ]),
    ).toEqual({ ok: false, fields: [{ path: 'items.0.points', message: '请给“项a”打分' }] })
    expect(scoreInspection(v1, [])).toEqual({
      ok: false,
      fields: [{ path: 'items', message: '还有未打分的检查项：项a、项b' }],
    })
  })

  it('a legacy directly scored item keeps its points within 0..max; outside, not exact', () => {
    const ten = { maxPoints: 10, deductionPerItem: 0 }
    expect(legacyEntered(ten, 10, 0)).toEqual({ points: 10, deductions: 0, exact: true })
    expect(legacyEntered(ten, 0, 0)).toEqual({ points: 0, deductions: 0, exact: true })
    expect(legacyEntered(ten, 11, 0)).toEqual({ points: 10, deductions: 0, exact: false })
    expect(legacyEntered(ten, -1, 0)).toEqual({ points: 0, deductions: 0, exact: false })
  })

  it('a problem may cost the whole item, not more; the messages name the rule', () => {
    expect(
      checkRubric([
        { name: 'a', maxPoints: 60, deductionPerItem: 60 },
        { name: 'b', maxPoints: 40, deductionPerItem: 0 },
      ]),
    ).toEqual([])
    expect(
      checkRubric([
        { name: 'a', maxPoints: 60, deductionPerItem: 61 },
        { name: 'a', maxPoints: 40, deductionPerItem: 0 },
      ]),
    ).toEqual([
      { path: 'criteria.0.deductionPerItem', message: '每处扣分不能超过该项分值' },
      { path: 'criteria.1.name', message: '检查项名称重复' },
    ])
  })

  it('a round needs a threshold or a count for each list, black below red', () => {
    expect(checkRules(rules())).toEqual([])
    expect(checkRules(rules({ redThreshold: null })).map((f) => f.path)).toEqual(['redThreshold'])
    expect(checkRules(rules({ redThreshold: 50 })).map((f) => f.path)).toEqual(['blackThreshold'])
  })
})

describe('board rules: calendar', () => {
  it('a month’s window runs from its first to its last moment in Asia/Shanghai', () => {
    const { start, end } = monthWindow('2026-11')
    expect(new Date(start).toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(new Date(end).toISOString()).toBe('2026-11-30T15:59:59.999Z')
    expect(previousMonth('2026-01')).toBe('2025-12')
  })

  it('公示 is open from publication until (not at) its end', () => {
    const round = { status: 'published', publishedAt: 100, publicityEndsAt: 200 }
    expect(inPublicity(round, 99)).toBe(false)
    expect(inPublicity(round, 100)).toBe(true)
    expect(inPublicity(round, 200)).toBe(false)
    expect(inPublicity({ ...round, status: 'open' }, 150)).toBe(false)
  })
})
