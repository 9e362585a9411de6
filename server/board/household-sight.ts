// What a viewer sees of a household: the one masking rule of the board (DESIGN.md, privacy).
// Every answer and export that names a household on or beside a list goes through here.
import type { ListKind } from '../../contract/board'
import type { Caller } from '../context'
import { maskName } from '../people/people.rules'

/** The facts about a household the rule needs. */
export interface SightOf {
  householdId: string
  gridId: string
  headName: string
  houseNo: string
  /** The household agreed to show its head's full name on the red list (我的 switch). */
  showNameOnRed: boolean
}

/** What the viewer sees. */
export interface HouseholdSight {
  /** Notes, photos, earlier versions, appeals and the real household id. */
  full: boolean
  /** The head's name, in full or masked (张*明). */
  name: string
  /** 门牌号, only with full detail: name and door together identify a family. */
  houseNo: string
}

/** Full detail goes to admins, the household's own grid workers and the household itself. */
export function seesFullDetail(
  viewer: Caller | null,
  household: { householdId: string; gridId: string },
): boolean {
  if (!viewer) return false
  if (viewer.role === 'admin') return true
  if (viewer.role === 'gridWorker' && viewer.gridIds.includes(household.gridId)) return true
  return viewer.household?.id === household.householdId
}

/**
 * What `viewer` sees of `household`, which stands on `list` of a round (null: on none).
 * `viewer` null is the public: anybody, and every printed page. A black-list line is masked
 * for all but full-detail viewers, whatever the consent; any other line shows the full name
 * only with the household's consent.
 */
export function householdSight(
  viewer: Caller | null,
  household: SightOf,
  list: ListKind | null,
): HouseholdSight {
  const full = seesFullDetail(viewer, household)
  const named = full || (list !== 'black' && household.showNameOnRed)
  return {
    full,
    name: named ? household.headName : maskName(household.headName),
    houseNo: full ? household.houseNo : '',
  }
}
