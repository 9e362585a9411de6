// Pure rules of the red and black list: the lists per the round's rules and scope, village
// averages and coverage, 进步榜. Scoring is in inspection.rules.ts, a round's calendar in
// round.rules.ts.
import { compareHouseNo, houseSortKey } from '../places/house-order.rules'
import type { ListKind, ListScope } from '../../contract/board'
import type { BoardEntryRecord, ScoreRow, VillageTally } from '../store/store'

/** Defaults of a new round (the issue's: red ≥ 90, black < 60, per village, 公示 7 days). */
export const DEFAULT_RULES = {
  scope: 'village' as ListScope,
  redThreshold: 90,
  blackThreshold: 60,
}

/** How many households of each scope unit the 进步榜 shows. */
export const PROGRESS_PER_UNIT = 10

export interface ListRules {
  scope: ListScope
  /** Red list: score at or above this; null = not used. */
  redThreshold: number | null
  /** Red list: the best N per scope unit; null = not used. */
  redTopN: number | null
  /** Black list: score below this; null = not used. */
  blackThreshold: number | null
  /** Black list: the worst N per scope unit; null = not used. */
  blackBottomN: number | null
}

/** One household's line on a list, ranked within its scope unit. */
export interface ListEntry extends ScoreRow {
  list: ListKind
  unitKey: string
  unitName: string
  rank: number
  previousScore: number | null
}

// Names of villages and groups sort in Chinese order; one collator serves every call
// (String#localeCompare with options builds a new one each time).
const zh = new Intl.Collator('zh-CN', { numeric: true }).compare

const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** 门牌号 in walking order (东街2号 before 东街10号 before 东街10号之一): house-order.rules. */
export { compareHouseNo }

/**
 * Each household's place in 门牌号 order (then id), the last tie-break of every list; the
 * keys are parsed once, so that ranking 10,000 households stays cheap.
 */
function houseOrder(rows: readonly ScoreRow[]): Map<string, number> {
  const keyed = rows.map((r) => ({ id: r.householdId, key: houseSortKey(r.houseNo) }))
  keyed.sort((a, b) => plain(a.key, b.key) || plain(a.id, b.id))
  return new Map(keyed.map((r, i) => [r.id, i]))
}

/** Best first: higher score, then fewer deducted items, then 门牌号 — so ties are stable. */
const bestFirst = (order: Map<string, number>) => (a: ScoreRow, b: ScoreRow) =>
  b.total - a.total ||
  a.deductedItems - b.deductedItems ||
  (order.get(a.householdId) ?? 0) - (order.get(b.householdId) ?? 0)

/** Worst first, for the black list: lower score, then more deducted items, then 门牌号. */
const worstFirst = (order: Map<string, number>) => (a: ScoreRow, b: ScoreRow) =>
  a.total - b.total ||
  b.deductedItems - a.deductedItems ||
  (order.get(a.householdId) ?? 0) - (order.get(b.householdId) ?? 0)

/** The scope unit a household ranks in. */
export function unitOf(row: ScoreRow, scope: ListScope): { key: string; name: string } {
  if (scope === 'group') return { key: row.groupId, name: row.groupName }
  if (scope === 'village') return { key: row.villageId, name: row.villageName }
  return { key: 'township', name: '全镇' }
}

/** Rows grouped by scope unit, units in the villages' then the groups' display order. */
function byUnit(rows: readonly ScoreRow[], scope: ListScope) {
  const units = new Map<string, { name: string; first: ScoreRow; rows: ScoreRow[] }>()
  for (const row of rows) {
    const { key, name } = unitOf(row, scope)
    const unit = units.get(key)
    if (unit) unit.rows.push(row)
    else units.set(key, { name, first: row, rows: [row] })
  }
  return [...units.entries()]
    .sort(
      ([ka, a], [kb, b]) =>
        a.first.villageSort - b.first.villageSort ||
        zh(a.first.villageName, b.first.villageName) ||
        (scope === 'group'
          ? a.first.groupSort - b.first.groupSort || zh(a.first.groupName, b.first.groupName)
          : 0) ||
        plain(ka, kb),
    )
    .map(([key, unit]) => ({ key, ...unit }))
}

/**
 * The round's red, black and 进步 lists, each ordered by scope unit then rank. A list with
 * both a threshold and a count takes the first N of those past the threshold; a household
 * on the red list is never also on the black list (possible with counts in a small unit),
 * and one on the black list is never on the 进步榜.
 */
export function computeLists(
  rows: readonly ScoreRow[],
  rules: ListRules,
  previous: ReadonlyMap<string, number> = new Map(),
): Record<ListKind, ListEntry[]> {
  const out: Record<ListKind, ListEntry[]> = { red: [], black: [], progress: [] }
  const order = houseOrder(rows)
  const best = bestFirst(order)
  const gain = (r: ScoreRow) => r.total - (previous.get(r.householdId) ?? r.total)
  for (const unit of byUnit(rows, rules.scope)) {
    // Written out field by field: an object spread here made V8 take the slow path and
    // ranking 10,000 households cost several times more.
    const entry =
      (list: ListKind) =>
      (row: ScoreRow, i: number): ListEntry => ({
        householdId: row.householdId,
        headName: row.headName,
        houseNo: row.houseNo,
        villageId: row.villageId,
        villageName: row.villageName,
        groupId: row.groupId,
        groupName: row.groupName,
        gridId: row.gridId,
        villageSort: row.villageSort,
        groupSort: row.groupSort,
        showNameOnRed: row.showNameOnRed,
        total: row.total,
        deductedItems: row.deductedItems,
        list,
        unitKey: unit.key,
        unitName: unit.name,
        rank: i + 1,
        previousScore: previous.get(row.householdId) ?? null,
      })

    // Stryker disable next-line ConditionalExpression: without a line, `total >= null` holds for any score ≥ 0
    let red = unit.rows.filter((r) => rules.redThreshold === null || r.total >= rules.redThreshold)
    red.sort(best)
    if (rules.redTopN !== null) red = red.slice(0, rules.redTopN)
    if (rules.redThreshold === null && rules.redTopN === null) red = []
    const onRed = new Set(red.map((r) => r.householdId))

    let black = unit.rows.filter(
      (r) =>
        !onRed.has(r.householdId) &&
        (rules.blackThreshold === null || r.total < rules.blackThreshold),
    )
    black.sort(worstFirst(order))
    if (rules.blackBottomN !== null) black = black.slice(0, rules.blackBottomN)
    if (rules.blackThreshold === null && rules.blackBottomN === null) black = []

    // 进步榜 is an honour list: a household still on the black list is not on it (its name
    // would go out in full with red-list consent, beyond its village).
    const onBlack = new Set(black.map((r) => r.householdId))
    const progress = unit.rows
      .filter((r) => {
        const before = previous.get(r.householdId)
        // Stryker disable next-line ConditionalExpression: a score is never > undefined
        return before !== undefined && r.total > before && !onBlack.has(r.householdId)
      })
      .sort((a, b) => gain(b) - gain(a) || best(a, b))
      .slice(0, PROGRESS_PER_UNIT)

    out.red.push(...red.map(entry('red')))
    out.black.push(...black.map(entry('black')))
    out.progress.push(...progress.map(entry('progress')))
  }
  return out
}

/** The lines of computed lists as the store freezes them, in list order. */
export function toEntryRecords(
  roundId: string,
  lists: Record<ListKind, readonly ListEntry[]>,
): BoardEntryRecord[] {
  return (['red', 'black', 'progress'] as const).flatMap((list) =>
    lists[list].map((e, position) => ({
      roundId,
      list,
      householdId: e.householdId,
      position,
      unitKey: e.unitKey,
      unitName: e.unitName,
      rank: e.rank,
      score: e.total,
      deductedItems: e.deductedItems,
      previousScore: e.previousScore,
      rectifiedAt: null,
    })),
  )
}

/**
 * Entries of a list a viewer may see, ranks renumbered within each unit: gaps would hint at
 * how many households of villages the viewer may not see are on the list.
 */
export function visibleEntries<T extends ListEntry>(
  entries: readonly T[],
  keep: (entry: T) => boolean,
): T[] {
  const counters = new Map<string, number>()
  const out: T[] = []
  for (const entry of entries) {
    if (!keep(entry)) continue
    const rank = (counters.get(entry.unitKey) ?? 0) + 1
    counters.set(entry.unitKey, rank)
    out.push({ ...entry, rank })
  }
  return out
}

/** Mean score rounded to one decimal, or null when nobody was inspected. */
export function averageScore(rows: readonly { total: number }[]): number | null {
  return averageOf(
    rows.reduce((total, row) => total + row.total, 0),
    rows.length,
  )
}

/** The average of `count` scores summing to `sum`, to one decimal (null for none). */
export function averageOf(sum: number, count: number): number | null {
  if (count === 0) return null
  return Math.round((sum / count) * 10) / 10
}

/** Share of households inspected, 0..1 to three decimals (0 when there are none). */
export function coverage(inspected: number, households: number): number {
  if (households <= 0) return 0
  return Math.round((Math.min(inspected, households) / households) * 1000) / 1000
}

export interface VillageStatRow {
  villageId: string
  villageName: string
  households: number
  inspected: number
  coverage: number
  average: number | null
  redCount: number
  blackCount: number
}

/** Per village: households, inspected, coverage, average and list counts, in the villages' order. */
export function villageStats(
  villages: readonly { id: string; name: string; householdCount: number }[],
  rows: readonly ScoreRow[],
  lists: Pick<Record<ListKind, readonly ListEntry[]>, 'red' | 'black'>,
): VillageStatRow[] {
  const tallies = new Map<string, VillageTally>()
  const tally = (villageId: string) => {
    let t = tallies.get(villageId)
    if (!t) tallies.set(villageId, (t = { villageId, inspected: 0, sum: 0, red: 0, black: 0 }))
    return t
  }
  for (const r of rows) {
    const t = tally(r.villageId)
    t.inspected += 1
    t.sum += r.total
  }
  for (const e of lists.red) tally(e.villageId).red += 1
  for (const e of lists.black) tally(e.villageId).black += 1
  return villageStatsOf(villages, [...tallies.values()])
}

/** The same rows from each village's tally (Board.villageSummary); absent villages have none. */
export function villageStatsOf(
  villages: readonly { id: string; name: string; householdCount: number }[],
  tallies: readonly VillageTally[],
): VillageStatRow[] {
  const byVillage = new Map(tallies.map((t) => [t.villageId, t]))
  return villages.map((v) => {
    const t = byVillage.get(v.id)
    const inspected = t?.inspected ?? 0
    return {
      villageId: v.id,
      villageName: v.name,
      households: v.householdCount,
      inspected,
      coverage: coverage(inspected, v.householdCount),
      average: averageOf(t?.sum ?? 0, inspected),
      redCount: t?.red ?? 0,
      blackCount: t?.black ?? 0,
    }
  })
}
