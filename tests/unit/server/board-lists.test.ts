// The red, black and 进步 lists in numbers (server/board/board.rules.ts): red at 90 and above,
// black below 60, each threshold tested at, below and above; counts per scope unit; 10 per unit
// on the 进步榜; units in the villages' and groups' order; averages and coverage rounded.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RULES,
  PROGRESS_PER_UNIT,
  averageScore,
  compareHouseNo,
  computeLists,
  coverage,
  toEntryRecords,
  unitOf,
  visibleEntries,
  type ListRules,
} from '../../../server/board/board.rules'
import type { ScoreRow } from '../../../server/store/store'

const row = (householdId: string, total: number, more: Partial<ScoreRow> = {}): ScoreRow => ({
  householdId,
  headName: `户主${householdId}`,
  houseNo: `${householdId}号`,
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

const ids = (entries: readonly { householdId: string }[]) => entries.map((e) => e.householdId)

describe('thresholds: red at 90 and above, black below 60', () => {
  it('a new round’s defaults: per village, red 90, black 60', () => {
    expect(DEFAULT_RULES).toEqual({ scope: 'village', redThreshold: 90, blackThreshold: 60 })
  })

  it('89, 90 and 91 against the red line; 59, 60 and 61 against the black line', () => {
    const { red, black } = computeLists(
      [row('a', 89), row('b', 90), row('c', 91), row('d', 59), row('e', 60), row('f', 61)],
      rules(),
    )
    expect(ids(red)).toEqual(['c', 'b'])
    expect(ids(black)).toEqual(['d'])
  })

  it('without a threshold or a count a list is empty', () => {
    const rows = [row('a', 100), row('b', 0)]
    expect(computeLists(rows, rules({ redThreshold: null })).red).toEqual([])
    expect(computeLists(rows, rules({ blackThreshold: null })).black).toEqual([])
  })

  it('a count alone takes the best or worst N, whatever the score', () => {
    const rows = [row('a', 30), row('b', 20), row('c', 10)]
    const lists = computeLists(
      rows,
      rules({ redThreshold: null, redTopN: 1, blackThreshold: null, blackBottomN: 1 }),
    )
    expect(ids(lists.red)).toEqual(['a'])
    expect(ids(lists.black)).toEqual(['c'])
    const none = computeLists(rows, rules({ redTopN: 0, blackThreshold: null, blackBottomN: 0 }))
    expect(none.red).toEqual([])
    expect(none.black).toEqual([])
  })

  it('the black list puts more deducted items first among equal scores', () => {
    const { black } = computeLists(
      [row('a', 40, { deductedItems: 1 }), row('b', 40, { deductedItems: 3 }), row('c', 30)],
      rules(),
    )
    expect(ids(black)).toEqual(['c', 'b', 'a'])
    expect(black.map((e) => e.rank)).toEqual([1, 2, 3])
  })

  it('the red list puts fewer deducted items first among equal scores', () => {
    const { red } = computeLists(
      [row('a', 95, { deductedItems: 2 }), row('b', 95, { deductedItems: 1 }), row('c', 99)],
      rules(),
    )
    expect(ids(red)).toEqual(['c', 'b', 'a'])
  })
})

describe('a list line', () => {
  it('carries the household, its unit, its rank and the previous score', () => {
    const h = row('a', 95, {
      headName: '王小明',
      houseNo: '东街3号',
      villageId: 'vx',
      villageName: '乙村',
      groupId: 'gx',
      groupName: '三组',
      gridId: 'grid-x',
      villageSort: 4,
      groupSort: 2,
      showNameOnRed: true,
      deductedItems: 1,
    })
    const { red, progress } = computeLists([h], rules({ scope: 'village' }), new Map([['a', 80]]))
    const line = {
      householdId: 'a',
      headName: '王小明',
      houseNo: '东街3号',
      villageId: 'vx',
      villageName: '乙村',
      groupId: 'gx',
      groupName: '三组',
      gridId: 'grid-x',
      villageSort: 4,
      groupSort: 2,
      showNameOnRed: true,
      total: 95,
      deductedItems: 1,
      unitKey: 'vx',
      unitName: '乙村',
      rank: 1,
      previousScore: 80,
    }
    expect(red).toEqual([{ ...line, list: 'red' }])
    expect(progress).toEqual([{ ...line, list: 'progress' }])
    expect(computeLists([h], rules()).red[0]?.previousScore).toBeNull()
    const low = computeLists([{ ...h, total: 40 }], rules({ scope: 'village' })).black
    expect(low).toEqual([{ ...line, total: 40, previousScore: null, list: 'black' }])
  })

  it('ranks in a group, a village or the township', () => {
    const h = row('a', 95, {
      groupId: 'g7',
      groupName: '七组',
      villageId: 'v3',
      villageName: '丙村',
    })
    expect(unitOf(h, 'group')).toEqual({ key: 'g7', name: '七组' })
    expect(unitOf(h, 'village')).toEqual({ key: 'v3', name: '丙村' })
    expect(unitOf(h, 'township')).toEqual({ key: 'township', name: '全镇' })
  })
})

describe('scope units in display order', () => {
  const at = (id: string, village: [string, string, number], group: [string, string, number]) =>
    row(id, 95, {
      villageId: village[0],
      villageName: village[1],
      villageSort: village[2],
      groupId: group[0],
      groupName: group[1],
      groupSort: group[2],
    })

  it('villages by their sort, then by name in Chinese order, then by id', () => {
    // v-a's household sits in a later group than v-a2's: groups do not order villages.
    const rows = [
      at('a', ['v-b', '乙村', 0], ['g1', '一组', 0]),
      at('b', ['v-a', '甲村', 0], ['g2', '二组', 1]),
      at('c', ['v-z', '丙村', -1], ['g3', '一组', 0]),
      at('d', ['v-a2', '甲村', 0], ['g4', '一组', 0]),
    ]
    const { red } = computeLists(rows, rules({ scope: 'village' }))
    expect(red.map((e) => e.unitKey)).toEqual(['v-z', 'v-a', 'v-a2', 'v-b'])
    // Input order does not matter.
    expect(computeLists([...rows].reverse(), rules({ scope: 'village' })).red).toEqual(red)
  })

  it('groups within their village, by their sort, then name, then id', () => {
    // Group ids run against the groups' order, so that only sort and name can give it.
    const rows = [
      at('a', ['v1', '甲村', 1], ['g-y', '二组', 1]),
      at('b', ['v1', '甲村', 1], ['g-z', '一组', 0]),
      at('c', ['v0', '乙村', 0], ['g-9', '九组', 5]),
      at('d', ['v1', '甲村', 1], ['g-x', '三组', 1]),
      at('e', ['v1', '甲村', 1], ['g-w', '三组', 1]),
    ]
    const { red } = computeLists(rows, rules({ scope: 'group' }))
    // 二 (èr) before 三 (sān) in pinyin order; two 三组 by id.
    expect(red.map((e) => e.unitKey)).toEqual(['g-9', 'g-z', 'g-y', 'g-w', 'g-x'])
    expect(computeLists([...rows].reverse(), rules({ scope: 'group' })).red).toEqual(red)
  })

  it('a village-scoped list ignores the groups’ order', () => {
    const rows = [
      at('a', ['v1', '甲村', 0], ['g-2', '二组', 1]),
      at('b', ['v1', '甲村', 0], ['g-1', '一组', 0]),
    ]
    expect(computeLists(rows, rules({ scope: 'village' })).red.map((e) => e.rank)).toEqual([1, 2])
  })
})

describe('进步榜', () => {
  it('shows at most 10 per unit, the biggest gains first', () => {
    expect(PROGRESS_PER_UNIT).toBe(10)
    const rows = Array.from({ length: 12 }, (_, i) => row(`h${i + 10}`, 70 + i))
    const previous = new Map(rows.map((r) => [r.householdId, 60]))
    const { progress } = computeLists(rows, rules(), previous)
    expect(progress).toHaveLength(10)
    expect(progress[0]?.householdId).toBe('h21')
    expect(progress.at(-1)?.householdId).toBe('h12')
  })

  it('equal gains: the better score first; an unchanged score is no progress', () => {
    const rows = [row('a', 75), row('b', 85), row('c', 70)]
    const previous = new Map([
      ['a', 65],
      ['b', 75],
      ['c', 70],
    ])
    expect(ids(computeLists(rows, rules(), previous).progress)).toEqual(['b', 'a'])
  })
})

describe('frozen entries', () => {
  it('number each list’s lines from 0, red then black then 进步', () => {
    const rows = [row('a', 95), row('b', 92), row('c', 40)]
    const lists = computeLists(rows, rules(), new Map([['b', 91]]))
    expect(toEntryRecords('rnd-1', lists)).toEqual([
      {
        roundId: 'rnd-1',
        list: 'red',
        householdId: 'a',
        position: 0,
        unitKey: 'township',
        unitName: '全镇',
        rank: 1,
        score: 95,
        deductedItems: 0,
        previousScore: null,
        rectifiedAt: null,
      },
      expect.objectContaining({ list: 'red', householdId: 'b', position: 1, rank: 2 }),
      expect.objectContaining({ list: 'black', householdId: 'c', position: 0, score: 40 }),
      expect.objectContaining({
        list: 'progress',
        householdId: 'b',
        position: 0,
        previousScore: 91,
      }),
    ])
  })
})

describe('what a viewer sees', () => {
  it('ranks count within each unit of the lines kept', () => {
    const rows = [
      row('a1', 99, { villageId: 'va', villageName: '甲村' }),
      row('a2', 98, { villageId: 'va', villageName: '甲村' }),
      row('a3', 97, { villageId: 'va', villageName: '甲村' }),
      row('b1', 96, { villageId: 'vb', villageName: '乙村', villageSort: 1 }),
      row('b2', 95, { villageId: 'vb', villageName: '乙村', villageSort: 1 }),
    ]
    const { red } = computeLists(rows, rules({ scope: 'village' }))
    const seen = visibleEntries(red, (e) => e.householdId !== 'a1' && e.householdId !== 'b1')
    expect(seen.map((e) => [e.householdId, e.rank])).toEqual([
      ['a2', 1],
      ['a3', 2],
      ['b2', 1],
    ])
    // The lines given stay as they were.
    expect(red.map((e) => e.rank)).toEqual([1, 2, 3, 1, 2])
  })
})

describe('门牌号 order', () => {
  it('numbers by value, then suffixes, and a street without a number after its numbers', () => {
    // The lists use the walking order of server/places/house-order.rules.ts (the stored key).
    expect(
      ['东街10号', '东街', '东街2号之2', '东街2号', '东街2号之1', '东街02号'].sort(compareHouseNo),
    ).toEqual(['东街2号', '东街02号', '东街2号之1', '东街2号之2', '东街10号', '东街'])
    // A 门牌号 without a number comes after every number of its street, 0 and 1 included.
    expect(['东街', '东街0'].sort(compareHouseNo)).toEqual(['东街0', '东街'])
    expect(['东街', '东街1'].sort(compareHouseNo)).toEqual(['东街1', '东街'])
    expect(compareHouseNo('东街2号', '东街2号')).toBe(0)
    expect(compareHouseNo('东街3号', '东街2号')).toBeGreaterThan(0)
    expect(compareHouseNo('西街1号', '东街9号')).toBeGreaterThan(0)
  })

  it('breaks equal 门牌号 by household id in the lists', () => {
    const { red } = computeLists(
      [row('b', 95, { houseNo: '1号' }), row('a', 95, { houseNo: '1号' })],
      rules(),
    )
    expect(ids(red)).toEqual(['a', 'b'])
    // Whatever order the rows come in.
    const again = computeLists(
      [row('a', 95, { houseNo: '1号' }), row('b', 95, { houseNo: '1号' })],
      rules(),
    )
    expect(ids(again.red)).toEqual(['a', 'b'])
  })
})

describe('averages and coverage', () => {
  it('averages to one decimal, rounding half up', () => {
    expect(averageScore([{ total: 87 }, { total: 87.5 }])).toBe(87.3)
    expect(averageScore([{ total: 90 }, { total: 91 }, { total: 91 }])).toBe(90.7)
    expect(averageScore([{ total: 60 }])).toBe(60)
  })

  it('coverage to three decimals, at most 1, 0 without households', () => {
    expect(coverage(1, 3)).toBe(0.333)
    expect(coverage(1, 8)).toBe(0.125)
    expect(coverage(3, 3)).toBe(1)
    expect(coverage(4, 3)).toBe(1)
    expect(coverage(0, 3)).toBe(0)
    expect(coverage(1, 0)).toBe(0)
    expect(coverage(1, -1)).toBe(0)
  })
})
