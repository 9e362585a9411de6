import type { BindingView, Store } from '../store'
import { guardUnique } from './errors'
import { householdViewFrom } from './households'
import { bindingFrom, insertSql, toParams } from './rows'
import { jsonList, keysetParams, pageOf, type Row, type Sql } from './sql'

// The household's columns come prefixed with hh_ so they do not clash with the binding's.
const bindingSelect = `SELECT b.*, u.nickname, h.id AS hh_id, h.village_id AS hh_village_id,
    h.group_id AS hh_group_id, h.grid_id AS hh_grid_id, h.head_name AS hh_head_name,
    h.house_no AS hh_house_no, h.size AS hh_size, h.phone AS hh_phone,
    h.show_name_on_red AS hh_show_name_on_red, h.created_at AS hh_created_at,
    v.name AS hh_village_name, g.name AS hh_group_name, gr.name AS hh_grid_name
  FROM bindings b JOIN users u ON u.id = b.user_id
  JOIN households h ON h.id = b.household_id JOIN villages v ON v.id = h.village_id
  JOIN village_groups g ON g.id = h.group_id JOIN grids gr ON gr.id = h.grid_id`

const viewFrom = (r: Row): BindingView => ({
  ...bindingFrom(r),
  nickname: String(r.nickname),
  household: householdViewFrom(r, 'hh_'),
})

export function bindingsRepo({ prepare, one, all }: Sql): Store['bindings'] {
  return {
    async get(id) {
      const r = one(`${bindingSelect} WHERE b.id = @id`, { id })
      return r ? viewFrom(r) : null
    },
    async create(binding) {
      const params = toParams(binding)
      guardUnique(() => prepare(insertSql('bindings', params)).run(params))
    },
    async openRequest(userId) {
      const r = one(
        `${bindingSelect} WHERE b.user_id = @userId AND b.status IN ('pending', 'rejected')
           AND NOT EXISTS (SELECT 1 FROM bindings a WHERE a.user_id = @userId
                           AND (a.status = 'approved' OR a.created_at > b.created_at))
         ORDER BY b.created_at DESC LIMIT 1`,
        { userId },
      )
      return r ? viewFrom(r) : null
    },
    async pending(q) {
      const rows = all(
        `${bindingSelect} WHERE b.status = 'pending'
           AND (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@afterAt IS NULL OR b.created_at > @afterAt
                OR (b.created_at = @afterAt AND b.id > @afterId))
         ORDER BY b.created_at, b.id LIMIT @take`,
        { grids: jsonList(q.gridIds), ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(viewFrom), q.limit, (b) => ({ at: b.createdAt, id: b.id }))
    },
    async transition(id, from, to, decision) {
      const result = guardUnique(() =>
        prepare(
          `UPDATE bindings SET status = @to, decided_by = @by, decided_at = @at, reason = @reason
           WHERE id = @id AND status = @from`,
        ).run({ id, from, to, ...decision }),
      )
      return result.changes === 1
    },
  }
}
