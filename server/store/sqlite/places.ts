import type { PlaceKind, PlaceTree, Store } from '../store'
import { guardUnique } from './errors'
import { householdSelect, householdViewFrom } from './households'
import { bindingFrom, insertSql, toParams, villageFrom } from './rows'
import type { Sql } from './sql'

const tables: Record<PlaceKind, string> = {
  village: 'villages',
  group: 'village_groups',
  grid: 'grids',
}

export function placesRepo({ prepare, one, all, tx }: Sql): Store['places'] {
  const countBy = (column: string) =>
    new Map(
      all(`SELECT ${column} AS id, COUNT(*) AS n FROM households GROUP BY ${column}`).map((r) => [
        String(r.id),
        Number(r.n),
      ]),
    )
  return {
    async villages() {
      return all(
        `SELECT v.*,
           (SELECT COUNT(*) FROM village_groups g
             WHERE g.village_id = v.id AND g.archived_at IS NULL) AS group_count,
           (SELECT COUNT(*) FROM households h WHERE h.village_id = v.id) AS household_count
         FROM villages v WHERE v.archived_at IS NULL ORDER BY v.sort, v.name`,
      ).map((r) => ({
        ...villageFrom(r),
        groupCount: Number(r.group_count),
        householdCount: Number(r.household_count),
      }))
    },
    async household(id) {
      const r = one(`${householdSelect} WHERE h.id = @id`, { id })
      return r ? householdViewFrom(r) : null
    },
    async gridVillageIds(userId) {
      return all(
        `SELECT DISTINCT g.village_id FROM grid_workers w JOIN grids g ON g.id = w.grid_id
         WHERE w.user_id = @userId AND g.archived_at IS NULL ORDER BY g.village_id`,
        { userId },
      ).map((r) => String(r.village_id))
    },
    async gridIds(userId) {
      return all(
        `SELECT g.id FROM grid_workers w JOIN grids g ON g.id = w.grid_id
         WHERE w.user_id = @userId AND g.archived_at IS NULL ORDER BY g.id`,
        { userId },
      ).map((r) => String(r.id))
    },
    async approvedBinding(userId) {
      const r = one(`SELECT * FROM bindings WHERE user_id = @userId AND status = 'approved'`, {
        userId,
      })
      return r ? bindingFrom(r) : null
    },
    async tree() {
      const byVillage = countBy('village_id')
      const byGroup = countBy('group_id')
      const byGrid = countBy('grid_id')
      const groups = all('SELECT * FROM village_groups ORDER BY sort, name')
      const grids = all('SELECT * FROM grids ORDER BY name')
      const workers = all(
        `SELECT w.grid_id, u.id, u.nickname FROM grid_workers w JOIN users u ON u.id = w.user_id
         ORDER BY u.nickname`,
      )
      return all('SELECT * FROM villages ORDER BY archived_at IS NOT NULL, sort, name').map(
        (v): PlaceTree => ({
          village: { ...villageFrom(v), householdCount: byVillage.get(String(v.id)) ?? 0 },
          groups: groups
            .filter((g) => g.village_id === v.id)
            .map((g) => ({
              id: String(g.id),
              villageId: String(g.village_id),
              name: String(g.name),
              sort: Number(g.sort),
              archivedAt: g.archived_at === null ? null : Number(g.archived_at),
              householdCount: byGroup.get(String(g.id)) ?? 0,
            })),
          grids: grids
            .filter((g) => g.village_id === v.id)
            .map((g) => ({
              id: String(g.id),
              villageId: String(g.village_id),
              name: String(g.name),
              archivedAt: g.archived_at === null ? null : Number(g.archived_at),
              householdCount: byGrid.get(String(g.id)) ?? 0,
              workers: workers
                .filter((w) => w.grid_id === g.id)
                .map((w) => ({ id: String(w.id), nickname: String(w.nickname) })),
            })),
        }),
      )
    },
    async get(kind, id) {
      const villageColumn = kind === 'village' ? 'id' : 'village_id'
      const r = one(
        `SELECT id, ${villageColumn} AS village_id, archived_at FROM ${tables[kind]} WHERE id = @id`,
        { id },
      )
      return r
        ? { id: String(r.id), villageId: String(r.village_id), archived: r.archived_at !== null }
        : null
    },
    async create(kind: PlaceKind, record: object) {
      const params = toParams(record)
      guardUnique(() => prepare(insertSql(tables[kind], params)).run(params))
    },
    async rename(kind, id, name, code) {
      guardUnique(() => {
        prepare(`UPDATE ${tables[kind]} SET name = @name WHERE id = @id`).run({ id, name })
        if (kind === 'village' && code !== undefined) {
          prepare('UPDATE villages SET code = @code WHERE id = @id').run({ id, code })
        }
      })
    },
    async archive(kind, id, archivedAt) {
      tx(() => {
        prepare(`UPDATE ${tables[kind]} SET archived_at = @archivedAt WHERE id = @id`).run({
          id,
          archivedAt,
        })
      })
    },
    async assignWorker(gridId, userId) {
      prepare('INSERT OR IGNORE INTO grid_workers (grid_id, user_id) VALUES (?, ?)').run(
        gridId,
        userId,
      )
    },
    async removeWorker(gridId, userId) {
      prepare('DELETE FROM grid_workers WHERE grid_id = ? AND user_id = ?').run(gridId, userId)
    },
  }
}
