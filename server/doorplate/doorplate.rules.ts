// Where a scanned doorplate takes each caller, and what it shows of the household: pure rules.
// What is shown comes from the one privacy rule (board/household-sight.ts): the code unmasks
// nothing that the caller would not see anyway.
import type { DoorLanding } from '../../contract/doorplates'
import { householdSight, type SightOf } from '../board/household-sight'
import type { Caller } from '../context'

/**
 * The landing: the household's own residents see 我的家庭; a grid worker of its grid the
 * inspection form of the open round (or the household's staff page between rounds); a visitor
 * (not bound to any household) the public page with 绑定; admins the staff page; anyone else
 * (a resident of another household, a grid worker of another grid, nobody) the public page.
 */
export function landingFor(
  viewer: Caller | null,
  household: { householdId: string; gridId: string },
  openRoundId: string | null,
): DoorLanding {
  if (!viewer) return 'public'
  if (viewer.household?.id === household.householdId) return 'family'
  if (viewer.role === 'gridWorker' && viewer.gridIds.includes(household.gridId)) {
    return openRoundId ? 'inspect' : 'household'
  }
  if (viewer.role === 'admin') return 'household'
  if (viewer.role === 'visitor' && !viewer.binding) return 'bind'
  return 'public'
}

/** The door as answered: the household as `viewer` may see it, and where they land. */
export function doorFor(
  viewer: Caller | null,
  household: SightOf & { villageName: string; groupName: string },
  openRoundId: string | null,
) {
  const sight = householdSight(viewer, household, null)
  const landing = landingFor(viewer, household, openRoundId)
  return {
    landing,
    household: {
      id: sight.full ? household.householdId : null,
      villageName: household.villageName,
      groupName: household.groupName,
      name: sight.name,
      houseNo: sight.houseNo,
    },
    roundId: landing === 'inspect' ? openRoundId : null,
  }
}
