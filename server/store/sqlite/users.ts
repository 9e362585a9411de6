import { newId } from '../../shared/ids'
import type { StaffView, Store } from '../store'
import { householdSelect, householdViewFrom } from './households'
import { bindingFrom, userFrom } from './rows'
import { keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

// Each user with their approved household (at most one), its village and phone.
const staffSelect = `SELECT u.*, v.name AS hh_village_name, h.house_no AS hh_house_no,
    h.head_name AS hh_head_name, h.phone AS hh_phone
  FROM users u
  LEFT JOIN bindings b ON b.id = (SELECT b2.id FROM bindings b2
                                   WHERE b2.user_id = u.id AND b2.status = 'approved' LIMIT 1)
  LEFT JOIN households h ON h.id = b.household_id
  LEFT JOIN villages v ON v.id = h.village_id`

const householdOf = (r: Row): StaffView['household'] =>
  r.hh_house_no === null || r.hh_house_no === undefined
    ? null
    : {
        villageName: String(r.hh_village_name),
        houseNo: String(r.hh_house_no),
        headName: String(r.hh_head_name),
        phone: r.hh_phone === null ? null : String(r.hh_phone),
      }

export function usersRepo({ prepare, one, all, tx }: Sql): Store['users'] {
  const get = (id: string) => {
    const row = one('SELECT * FROM users WHERE id = @id', { id })
    return row ? userFrom(row) : null
  }
  const views = (rows: Row[]): StaffView[] => {
    if (rows.length === 0) return []
    const grids = all(
      `SELECT w.user_id, g.id, g.name, v.name AS village_name FROM grid_workers w
       JOIN grids g ON g.id = w.grid_id JOIN villages v ON v.id = g.village_id
       WHERE w.user_id IN (SELECT value FROM json_each(@ids)) ORDER BY v.sort, g.name`,
      { ids: JSON.stringify(rows.map((r) => r.id)) },
    )
    return rows.map((r) => {
      const household = householdOf(r)
      return {
        ...userFrom(r),
        household,
        householdLabel: household
          ? `${household.villageName} ${household.houseNo} · 户主 ${household.headName}`
          : null,
        grids: grids
          .filter((g) => g.user_id === r.id)
          .map((g) => ({
            id: String(g.id),
            name: String(g.name),
            villageName: String(g.village_name),
          })),
      }
    })
  }
  return {
    async byOpenid(openid) {
      const row = one('SELECT * FROM users WHERE openid = @openid', { openid })
      return row ? userFrom(row) : null
    },
    async identity(openid) {
      // Local reads cost next to nothing: the user, then their binding, household and grids.
      const row = one('SELECT * FROM users WHERE openid = @openid', { openid })
      if (!row) return null
      const user = userFrom(row)
      const b = one(`SELECT * FROM bindings WHERE user_id = @id AND status = 'approved'`, {
        id: user.id,
      })
      const binding = b ? bindingFrom(b) : null
      const h = binding
        ? one(`${householdSelect} WHERE h.id = @id`, { id: binding.householdId })
        : undefined
      // Only grid workers have grid links (appointing another role removes them).
      const grids =
        user.staffRole === 'gridWorker'
          ? all(
              `SELECT g.id, g.village_id FROM grid_workers w JOIN grids g ON g.id = w.grid_id
               WHERE w.user_id = @id AND g.archived_at IS NULL ORDER BY g.id`,
              { id: user.id },
            )
          : []
      return {
        user,
        binding,
        household: h ? householdViewFrom(h) : null,
        gridIds: grids.map((g) => String(g.id)),
        gridVillageIds: [...new Set(grids.map((g) => String(g.village_id)))].sort(),
      }
    },
    async ensure(openid, now) {
      // Every signed-in call comes here: a user already stored costs one read, no write.
      const found = one('SELECT * FROM users WHERE openid = @openid', { openid })
      if (found) return userFrom(found)
      // INSERT OR IGNORE keeps this race-free when two first requests arrive together.
      prepare(
        `INSERT OR IGNORE INTO users (id, openid, nickname, staff_role, created_at)
         VALUES (@id, @openid, @nickname, NULL, @now)`,
      ).run({ id: newId('usr'), openid, nickname: '微信用户', now })
      return userFrom(one('SELECT * FROM users WHERE openid = @openid', { openid }) as Row)
    },
    async update(id, patch) {
      prepare('UPDATE users SET nickname = @nickname WHERE id = @id').run({ id, ...patch })
      return get(id) as NonNullable<ReturnType<typeof get>>
    },
    async get(id) {
      return get(id)
    },
    async search(q) {
      const rows = all(
        `${staffSelect}
         WHERE (@keyword IS NULL OR u.nickname LIKE @keyword ESCAPE '\\' OR u.openid = @exact
                OR EXISTS (SELECT 1 FROM bindings b JOIN households h ON h.id = b.household_id
                           WHERE b.user_id = u.id AND b.status = 'approved'
                             AND h.head_name LIKE @keyword ESCAPE '\\'))
           AND (@afterAt IS NULL OR u.created_at < @afterAt
                OR (u.created_at = @afterAt AND u.id < @afterId))
         ORDER BY u.created_at DESC, u.id DESC LIMIT @take`,
        {
          keyword: q.keyword ? likePattern(q.keyword) : null,
          exact: q.keyword,
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(views(rows), q.limit, (u) => ({ at: u.createdAt, id: u.id }))
    },
    async staff() {
      return views(
        all(`${staffSelect} WHERE u.staff_role IS NOT NULL ORDER BY u.staff_role, u.nickname`),
      )
    },
    async view(id) {
      return views(all(`${staffSelect} WHERE u.id = @id`, { id }))[0] ?? null
    },
    async setStaffRole(id, role) {
      tx(() => {
        prepare('UPDATE users SET staff_role = @role WHERE id = @id').run({ id, role })
        if (role !== 'gridWorker')
          prepare('DELETE FROM grid_workers WHERE user_id = @id').run({ id })
      })
    },
    async countAdmins() {
      return Number(one(`SELECT COUNT(*) AS n FROM users WHERE staff_role = 'admin'`)?.n ?? 0)
    },
    async sessionVersion(openid) {
      const row = one('SELECT session_version FROM users WHERE openid = @openid', { openid })
      return Number(row?.session_version ?? 0)
    },
    async endSessions(id) {
      const row = one(
        `UPDATE users SET session_version = session_version + 1 WHERE id = @id
         RETURNING session_version`,
        { id },
      )
      return Number(row?.session_version ?? 0)
    },
  }
}
