import { newId } from '../../shared/ids'
import type { StaffView, Store } from '../store'
import { bindingFrom, householdFrom, userFrom } from './rows'
import { keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

// Each user with their approved household (at most one), its village and phone.
const staffSelect = `SELECT u.*, v.name AS hh_village_name, h.house_no AS hh_house_no,
    h.head_name AS hh_head_name, h.phone AS hh_phone
  FROM users u
  LEFT JOIN bindings b ON b.id = (SELECT b2.id FROM bindings b2
                                   WHERE b2.user_id = u.id AND b2.status = 'approved' LIMIT 1)
  LEFT JOIN households h ON h.id = b.household_id
  LEFT JOIN villages v ON v.id = h.village_id`

/**
 * The user by openid, with their approved binding and its household: every column of the three
 * tables (read from the schema, so a column added later comes along), as one array per row
 * (better-sqlite3's raw mode: no object with dozens of keys to build and read back).
 */
function identityRead(db: Sql['db']) {
  const columnsOf = (table: string) =>
    (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name)
  const parts = [
    { alias: 'u', names: columnsOf('users') },
    { alias: 'b', names: columnsOf('bindings') },
    { alias: 'h', names: columnsOf('households') },
  ]
  const statement = db
    .prepare(
      `SELECT ${parts.flatMap((p) => p.names.map((c) => `${p.alias}.${c}`)).join(', ')},
         v.name, g.name, gr.name
       FROM users u
       LEFT JOIN bindings b ON b.user_id = u.id AND b.status = 'approved'
       LEFT JOIN households h ON h.id = b.household_id
       LEFT JOIN villages v ON v.id = h.village_id
       LEFT JOIN village_groups g ON g.id = h.group_id
       LEFT JOIN grids gr ON gr.id = h.grid_id
       WHERE u.openid = ?`,
    )
    .raw(true)
  // Where each table's columns start in the row, and the three names after them.
  const starts = parts.map((_, i) => parts.slice(0, i).reduce((n, p) => n + p.names.length, 0))
  const namesAt = starts[2]! + parts[2]!.names.length
  const rowOf = (values: unknown[], part: number): Row => {
    const { names } = parts[part]!
    const from = starts[part]!
    const row: Row = {}
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[from + i]
    return row
  }
  /** The user's, binding's and household's rows (null where the join found none), and names. */
  return (openid: string) => {
    const values = statement.get(openid) as unknown[] | undefined
    if (!values) return null
    const user = rowOf(values, 0)
    const binding = rowOf(values, 1)
    const household = rowOf(values, 2)
    return {
      user,
      binding: binding.id === null ? null : binding,
      household: household.id === null ? null : household,
      villageName: values[namesAt],
      groupName: values[namesAt + 1],
      gridName: values[namesAt + 2],
    }
  }
}

const householdOf = (r: Row): StaffView['household'] =>
  r.hh_house_no === null || r.hh_house_no === undefined
    ? null
    : {
        villageName: String(r.hh_village_name),
        houseNo: String(r.hh_house_no),
        headName: String(r.hh_head_name),
        phone: r.hh_phone === null ? null : String(r.hh_phone),
      }

export function usersRepo({ db, prepare, one, all, tx }: Sql): Store['users'] {
  const readIdentity = identityRead(db)
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
      // One statement: the user with their approved binding (at most one) and its household.
      const r = readIdentity(openid)
      if (!r) return null
      const user = userFrom(r.user)
      const binding = r.binding ? bindingFrom(r.binding) : null
      const household = r.household
        ? {
            ...householdFrom(r.household),
            villageName: String(r.villageName),
            groupName: String(r.groupName),
            gridName: String(r.gridName),
          }
        : null
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
        household,
        gridIds: grids.map((g) => String(g.id)),
        gridVillageIds: [...new Set(grids.map((g) => String(g.village_id)))].sort(),
        sessionVersion: Number(r.user.session_version ?? 0),
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
