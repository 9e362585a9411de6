import type { Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { householdSelect, householdViewFrom } from './households'
import { jsonList, keysetParams, pageOf, type Sql } from './sql'

// Households in the notice's scope and the caller's grids; the notice's villages are passed
// as a JSON list, empty for a township-wide notice.
const inScope = `(@villages = '[]' OR h.village_id IN (SELECT value FROM json_each(@villages)))
  AND (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))`

export function reachRepo({ prepare, one, all }: Sql): Store['reach'] {
  return {
    async markRead(noticeId, householdId, at) {
      prepare(
        `INSERT OR IGNORE INTO notice_reads (notice_id, household_id, first_read_at)
         VALUES (?, ?, ?)`,
      ).run(noticeId, householdId, at)
    },
    async unreached(q) {
      const params = {
        noticeId: q.noticeId,
        villages: JSON.stringify(q.villageIds),
        grids: jsonList(q.gridIds),
      }
      const rows = all(
        `${householdSelect}
         WHERE ${inScope}
           AND NOT EXISTS (SELECT 1 FROM notice_reads r
                           WHERE r.notice_id = @noticeId AND r.household_id = h.id)
           AND (@afterAt IS NULL OR h.house_sort > @afterAt
                OR (h.house_sort = @afterAt AND h.id > @afterId))
         ORDER BY h.house_sort, h.id LIMIT @take`,
        { ...params, ...keysetParams(q.after, q.limit) },
      )
      const totals = one(
        `SELECT COUNT(*) AS in_scope,
           SUM(EXISTS (SELECT 1 FROM notice_reads r
                       WHERE r.notice_id = @noticeId AND r.household_id = h.id)) AS reached
         FROM households h WHERE ${inScope}`,
        params,
      )
      const page = pageOf(
        rows.map((r) => householdViewFrom(r)),
        q.limit,
        (h) => ({ at: houseSortKey(h.houseNo), id: h.id }),
      )
      return {
        ...page,
        inScope: Number(totals?.in_scope ?? 0),
        reached: Number(totals?.reached ?? 0),
      }
    },
  }
}
