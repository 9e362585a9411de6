import { UniqueViolation, type Store } from '../store'
import { guardUnique } from './errors'
import { householdParams, insertSql, toParams } from './rows'
import type { Sql } from './sql'

export function rosterRepo({ prepare, all, tx }: Sql): Store['roster'] {
  const put = (table: string, record: object) => {
    const params = toParams(record)
    prepare(insertSql(table, params)).run(params)
  }
  return {
    async entries(villageId, named) {
      // SQLite reads are local: the named pairs are picked from the village's rows.
      const wanted = named && new Set(named.map((n) => `${n.villageName}\u0000${n.houseNo}`))
      const rows = all(
        `SELECT h.id, v.name AS village_name, g.name AS group_name, h.head_name, h.house_no,
           h.size, h.phone
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE v.archived_at IS NULL AND (@villageId IS NULL OR h.village_id = @villageId)
         ORDER BY v.sort, v.name, g.sort, g.name, h.house_sort, h.id`,
        { villageId: villageId ?? null },
      ).map((r) => ({
        householdId: String(r.id),
        villageName: String(r.village_name),
        groupName: String(r.group_name),
        headName: String(r.head_name),
        houseNo: String(r.house_no),
        size: Number(r.size),
        phone: r.phone === null ? null : String(r.phone),
      }))
      return wanted ? rows.filter((r) => wanted.has(`${r.villageName}\u0000${r.houseNo}`)) : rows
    },
    async apply(plan) {
      // All or nothing: a plan made from a state that changed meanwhile (two admins importing
      // at once) hits a UNIQUE index, and the whole import rolls back.
      guardUnique(() =>
        tx(() => {
          // Village names have no UNIQUE index (a merged village's name may come back), so
          // the check is made here, inside the same write transaction as the insert.
          const named = prepare('SELECT 1 AS taken FROM villages WHERE name = @name')
          for (const village of plan.villages) {
            if (named.get({ name: village.name })) {
              throw new UniqueViolation(`villages.name: ${village.name}`)
            }
          }
          plan.villages.forEach((r) => put('villages', r))
          plan.groups.forEach((r) => put('village_groups', r))
          plan.grids.forEach((r) => put('grids', r))
          for (const r of plan.create) {
            const params = householdParams(r)
            prepare(insertSql('households', params)).run(params)
          }
          const update = prepare(
            `UPDATE households SET head_name = @headName, size = @size, phone = @phone,
               group_id = @groupId WHERE id = @id`,
          )
          for (const change of plan.update) update.run(change)
        }),
      )
    },
  }
}
