import type { Store } from '../store'
import { bindingFrom, householdFrom, villageFrom } from './rows'
import type { Sql } from './sql'

export function placesRepo({ one, all }: Sql): Store['places'] {
  return {
    async villages() {
      return all(
        `SELECT v.*,
           (SELECT COUNT(*) FROM village_groups g WHERE g.village_id = v.id) AS group_count,
           (SELECT COUNT(*) FROM households h WHERE h.village_id = v.id) AS household_count
         FROM villages v WHERE v.archived_at IS NULL ORDER BY v.sort, v.name`,
      ).map((r) => ({
        ...villageFrom(r),
        groupCount: Number(r.group_count),
        householdCount: Number(r.household_count),
      }))
    },
    async household(id) {
      const r = one(
        `SELECT h.*, v.name AS village_name, g.name AS group_name FROM households h
         JOIN villages v ON v.id = h.village_id JOIN village_groups g ON g.id = h.group_id
         WHERE h.id = @id`,
        { id },
      )
      return r
        ? {
            ...householdFrom(r),
            villageName: String(r.village_name),
            groupName: String(r.group_name),
          }
        : null
    },
    async gridVillageIds(userId) {
      return all(
        `SELECT DISTINCT g.village_id FROM grid_workers w JOIN grids g ON g.id = w.grid_id
         WHERE w.user_id = @userId ORDER BY g.village_id`,
        { userId },
      ).map((r) => String(r.village_id))
    },
    async approvedBinding(userId) {
      const r = one(`SELECT * FROM bindings WHERE user_id = @userId AND status = 'approved'`, {
        userId,
      })
      return r ? bindingFrom(r) : null
    },
  }
}
