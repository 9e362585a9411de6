// Inspections: the walk list of a round (门牌号 order), versions of a household's inspection
// and adding one.
import type { Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { str, num, optNum } from './board-rows'
import { jsonList, keysetParams, likePattern, pageOf, type Sql } from './sql'
import { boardCore } from './board-core'

export function inspectionsRepo(
  sql: Sql,
): Pick<Store['board'], 'inspectables' | 'inspections' | 'byClientId' | 'addInspection'> {
  const { one, all, tx } = sql
  const { inspectionsWhere, addVersion } = boardCore(sql)
  return {
    async inspectables(q) {
      const scope = {
        grids: jsonList(q.gridIds),
        roundId: q.roundId,
      }
      // The grid condition is left out for all grids rather than OR-ed with a NULL test, so
      // that SQLite can start from the grids' households (index households_grid_walk).
      const inGrids =
        q.gridIds === null ? '1 = 1' : 'h.grid_id IN (SELECT value FROM json_each(@grids))'
      const filters = {
        ...scope,
        keyword: q.keyword ? likePattern(q.keyword) : null,
        groupId: q.groupId ?? null,
        done: q.done === undefined ? null : Number(q.done),
      }
      const rows = all(
        `SELECT h.id, h.head_name, h.house_no, v.name AS village_name, h.group_id,
           g.name AS group_name, i.total, i.version
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         LEFT JOIN inspections i ON i.household_id = h.id AND i.round_id = @roundId
           AND i.is_latest = 1
         WHERE ${inGrids}
           AND (@groupId IS NULL OR h.group_id = @groupId)
           AND (@keyword IS NULL OR h.head_name LIKE @keyword ESCAPE '\\'
                OR h.house_no LIKE @keyword ESCAPE '\\')
           AND (@done IS NULL OR (i.id IS NOT NULL) = @done)
           AND (@afterAt IS NULL OR h.house_sort > @afterAt
                OR (h.house_sort = @afterAt AND h.id > @afterId))
         ORDER BY h.house_sort, h.id LIMIT @take`,
        { ...filters, ...keysetParams(q.after, q.limit) },
      ).map((r) => ({
        householdId: str(r.id),
        headName: str(r.head_name),
        houseNo: str(r.house_no),
        villageName: str(r.village_name),
        groupId: str(r.group_id),
        groupName: str(r.group_name),
        total: optNum(r.total),
        version: optNum(r.version),
      }))
      const counts = one(
        `SELECT COUNT(*) AS total, COUNT(i.id) AS done FROM households h
         LEFT JOIN inspections i ON i.household_id = h.id AND i.round_id = @roundId
           AND i.is_latest = 1
         WHERE ${inGrids}`,
        scope,
      )
      const groups = all(
        `SELECT g.id, g.name, v.name AS village_name FROM village_groups g
         JOIN villages v ON v.id = g.village_id
         WHERE g.archived_at IS NULL AND EXISTS (SELECT 1 FROM households h WHERE h.group_id = g.id
           AND ${inGrids})
         ORDER BY v.sort, v.id, g.sort, g.id`,
        { grids: scope.grids },
      ).map((g) => ({ id: str(g.id), name: str(g.name), villageName: str(g.village_name) }))
      return {
        ...pageOf(rows, q.limit, (r) => ({ at: houseSortKey(r.houseNo), id: r.householdId })),
        total: num(counts?.total),
        doneCount: num(counts?.done),
        groups,
      }
    },
    async inspections(roundId, householdId) {
      return inspectionsWhere('i.round_id = @roundId AND i.household_id = @householdId', {
        roundId,
        householdId,
      })
    },
    async byClientId(clientId) {
      return inspectionsWhere('i.client_id = @clientId', { clientId })[0] ?? null
    },
    async addInspection(inspection) {
      const { reason, ...rest } = inspection
      return tx(() => addVersion(rest, reason === 'appeal'))
    },
  }
}
