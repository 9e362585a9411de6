// Roster import rules, pure: which rows are bad and what the good ones would change. A
// household is known by its village's name and its 门牌号; nothing is ever deleted.
import { compareHouseNo } from '../places/house-order.rules'
import type { RosterChange, RosterReport } from '../../contract/places'
import { newId } from '../shared/ids'
import type {
  GridRecord,
  GroupRecord,
  RosterEntry,
  RosterPlan,
  VillageRecord,
} from '../store/store'
import { changeOf, MAX_LISTED_CHANGES } from './roster-changes.rules'
import { checkRows, rowKey, type RosterRow } from './roster-rows.rules'
import { nearestName, unknownVillageMessage } from './roster-villages.rules'

// The rows' own rules live in roster-rows.rules.ts; these names are also read from here.
export {
  checkRows,
  MAX_HOUSE_NO_LENGTH,
  MAX_HOUSEHOLD_SIZE,
  MAX_NAME_LENGTH,
  MAX_ROSTER_ROWS,
  parsePhone,
  parseSize,
  ROSTER_COLUMNS,
  type RosterField,
  type RosterIssue,
  type RosterRow,
} from './roster-rows.rules'

/** What the plan needs of a village: its groups and grids, archived ones included. */
export interface RosterPlace {
  village: Pick<VillageRecord, 'id' | 'name' | 'sort' | 'archivedAt'>
  groups: Pick<GroupRecord, 'id' | 'name' | 'sort' | 'archivedAt'>[]
  grids: Pick<GridRecord, 'id' | 'name' | 'archivedAt'>[]
}

/** The database as the import sees it (`places.tree()` and `roster.entries()`). */
export interface RosterState {
  places: readonly RosterPlace[]
  entries: readonly (RosterEntry & { householdId: string })[]
}

/** The counts and names a report shows, without the file name and commit flag. */
export type RosterCounts = Omit<RosterReport, 'fileName' | 'committed'>

export interface RosterPlanResult {
  plan: RosterPlan
  counts: RosterCounts
}

const key = rowKey

/** The name a new village's grid gets: one grid for the whole village until staff split it. */
export const defaultGridName = (villageName: string) => `${villageName}网格`

/** How groups to create are listed in a report. */
export const groupLabel = (villageName: string, groupName: string) => `${villageName}/${groupName}`

interface VillageSlot {
  id: string
  name: string
  sort: number
  /** Groups by name, archived ones too: group names are unique within a village. */
  groups: Map<string, { id: string; archived: boolean }>
  nextGroupSort: number
  /** The grid new households join: the first grid not archived, created when none is. */
  grid: string | null
  gridNames: string[]
}

/** Villages by name; a message instead when rows may not name that village. */
function villageIndex(places: readonly RosterPlace[]): Map<string, VillageSlot | string> {
  const index = new Map<string, VillageSlot | string>()
  const byName = new Map<string, RosterPlace[]>()
  for (const place of places) {
    byName.set(place.village.name, [...(byName.get(place.village.name) ?? []), place])
  }
  for (const [name, same] of byName) {
    const active = same.filter((p) => p.village.archivedAt === null)
    const [place] = active
    if (!place) {
      index.set(name, `村「${name}」已归档，请先在管理端恢复该村`)
    } else if (active.length > 1) {
      // Names are how a file points at a village: two active ones make that ambiguous.
      index.set(name, `系统中有 ${active.length} 个名为「${name}」的村，请先在管理端改名区分`)
    } else {
      index.set(name, {
        id: place.village.id,
        name,
        sort: place.village.sort,
        groups: new Map(
          place.groups.map((g) => [g.name, { id: g.id, archived: Boolean(g.archivedAt) }]),
        ),
        nextGroupSort: Math.max(-1, ...place.groups.map((g) => g.sort)) + 1,
        grid: place.grids.find((g) => !g.archivedAt)?.id ?? null,
        gridNames: place.grids.map((g) => g.name),
      })
    }
  }
  return index
}

/**
 * Plans an import: which villages, groups, grids and households to create and which
 * households to update. Rows equal to the database change nothing, so importing the same
 * file twice plans nothing the second time. Bad rows are left out of the plan.
 */
export function planRoster(
  rows: readonly RosterRow[],
  state: RosterState,
  options: {
    now: number
    newId?: (prefix: string) => string
    /** Names the admin confirmed as new villages; any other unknown name is an error. */
    newVillages?: readonly string[]
  },
): RosterPlanResult {
  const makeId = options.newId ?? newId
  const { good, errors } = checkRows(rows)
  const plan: RosterPlan = { villages: [], groups: [], grids: [], create: [], update: [] }
  let unchanged = 0

  const existing = new Map(state.entries.map((e) => [key(e.villageName, e.houseNo), e]))
  const villages = villageIndex(state.places)
  let nextVillageSort = Math.max(-1, ...state.places.map((p) => p.village.sort)) + 1
  const confirmed = new Set(options.newVillages ?? [])
  // Live names first, as the town lists them: the nearest of these is suggested for a slip.
  const known = [...state.places]
    .sort((a, b) => a.village.sort - b.village.sort)
    .filter((p) => p.village.archivedAt === null)
    .map((p) => p.village.name)
  /** Names of villages the township does not have, as the file first names them. */
  const unknown: string[] = []
  const changes: RosterChange[] = []

  const villageFor = (name: string): VillageSlot | string => {
    const found = villages.get(name)
    if (found !== undefined) return found
    if (!unknown.includes(name)) unknown.push(name)
    if (!confirmed.has(name)) return unknownVillageMessage(name, nearestName(name, known))
    const village: VillageRecord = {
      id: makeId('vil'),
      name,
      code: null,
      sort: nextVillageSort++,
      archivedAt: null,
    }
    plan.villages.push(village)
    const slot: VillageSlot = {
      id: village.id,
      name,
      sort: village.sort,
      groups: new Map(),
      nextGroupSort: 0,
      grid: null,
      // Stryker disable next-line ArrayDeclaration: equivalent, a grid name always ends in 网格, so no stray name is ever taken
      gridNames: [],
    }
    villages.set(name, slot)
    return slot
  }

  const groupFor = (village: VillageSlot, name: string): { id: string } | { error: string } => {
    const found = village.groups.get(name)
    if (found?.archived) {
      return { error: `村民小组「${name}」已归档，请先在管理端恢复该组或改填其他小组` }
    }
    if (found) return found
    const group: GroupRecord = {
      id: makeId('grp'),
      villageId: village.id,
      name,
      sort: village.nextGroupSort++,
      archivedAt: null,
    }
    plan.groups.push(group)
    village.groups.set(name, { id: group.id, archived: false })
    return group
  }

  const gridFor = (village: VillageSlot): string => {
    if (village.grid) return village.grid
    // An archived grid may hold the default name already, and grid names are unique per village.
    let name = defaultGridName(village.name)
    for (let n = 2; village.gridNames.includes(name); n++) {
      name = `${defaultGridName(village.name)}${n}`
    }
    const grid: GridRecord = { id: makeId('grid'), villageId: village.id, name, archivedAt: null }
    plan.grids.push(grid)
    village.grid = grid.id
    village.gridNames.push(name)
    return grid.id
  }

  for (const { line, entry } of good) {
    const village = villageFor(entry.villageName)
    if (typeof village === 'string') {
      errors.push({ line, message: village })
      continue
    }
    const before = existing.get(key(entry.villageName, entry.houseNo))
    if (before && sameEntry(before, entry)) {
      unchanged++
      continue
    }
    // A household may stay in a group that was archived after it joined; only adding or
    // moving a household into an archived group is refused.
    const stays = before?.groupName === entry.groupName
    const current = village.groups.get(entry.groupName)
    const group = stays && current ? current : groupFor(village, entry.groupName)
    if ('error' in group) {
      errors.push({ line, message: group.error })
      continue
    }
    if (before) {
      if (changes.length < MAX_LISTED_CHANGES) changes.push(changeOf(line, before, entry))
      plan.update.push({
        id: before.householdId,
        headName: entry.headName,
        size: entry.size,
        phone: entry.phone,
        groupId: group.id,
      })
    } else {
      plan.create.push({
        id: makeId('hh'),
        villageId: village.id,
        groupId: group.id,
        gridId: gridFor(village),
        headName: entry.headName,
        houseNo: entry.houseNo,
        size: entry.size,
        phone: entry.phone,
        showNameOnRed: false,
        createdAt: options.now,
      })
    }
  }

  errors.sort((a, b) => a.line - b.line)
  const villageOf = new Map<string, VillageSlot>()
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a message has no id: it would sit under the key undefined, which no group's village id is
  for (const slot of villages.values()) if (typeof slot !== 'string') villageOf.set(slot.id, slot)
  // Stryker disable next-line OptionalChaining: equivalent, every group is in a village of the index
  const villageSort = (id: string) => villageOf.get(id)?.sort ?? 0
  // Listed village by village, as a person checks them, not in the order the rows came.
  // Stryker disable next-line ArithmeticOperator: equivalent, a village's groups are created in their sort order, and the sort is stable
  plan.groups.sort((a, b) => villageSort(a.villageId) - villageSort(b.villageId) || a.sort - b.sort)
  return {
    plan,
    counts: {
      rows: rows.length,
      create: plan.create.length,
      update: plan.update.length,
      unchanged,
      villagesToCreate: plan.villages.map((v) => v.name),
      unknownVillages: unknown.filter((name) => !confirmed.has(name)),
      changes,
      groupsToCreate: plan.groups.map((g) =>
        // Stryker disable next-line OptionalChaining: equivalent, every group is in a village of the index
        groupLabel(villageOf.get(g.villageId)?.name ?? '', g.name),
      ),
      errors,
    },
  }
}

function sameEntry(a: RosterEntry, b: RosterEntry): boolean {
  return (
    a.groupName === b.groupName &&
    a.headName === b.headName &&
    a.size === b.size &&
    (a.phone ?? null) === (b.phone ?? null)
  )
}

/**
 * Entries in the order a person reads a roster: villages and groups as the store lists
 * them, households by 门牌号 in walking order (东街2号 before 东街10号 before 东街10号之一).
 */
export function exportOrder<T extends RosterEntry>(entries: readonly T[]): T[] {
  const place = new Map<string, number>()
  for (const e of entries) {
    const at = key(e.villageName, e.groupName)
    if (!place.has(at)) place.set(at, place.size)
  }
  const placeOf = (e: RosterEntry) => place.get(key(e.villageName, e.groupName)) ?? 0
  return [...entries].sort(
    (a, b) => placeOf(a) - placeOf(b) || compareHouseNo(a.houseNo, b.houseNo),
  )
}
