import type { HouseholdView, MemberView, Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { householdFrom, insertSql, toParams } from './rows'
import { jsonList, keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

/** Households with the names of their village, group and grid. */
export const householdSelect = `SELECT h.*, v.name AS village_name, g.name AS group_name,
    gr.name AS grid_name
  FROM households h JOIN villages v ON v.id = h.village_id
  JOIN village_groups g ON g.id = h.group_id JOIN grids gr ON gr.id = h.grid_id`

export const householdViewFrom = (r: Row, prefix = ''): HouseholdView => {
  const row = prefix
    ? Object.fromEntries(
        Object.entries(r)
          .filter(([k]) => k.startsWith(prefix))
          .map(([k, v]) => [k.slice(prefix.length), v]),
      )
    : r
  return {
    ...householdFrom(row),
    villageName: String(row.village_name),
    groupName: String(row.group_name),
    gridName: String(row.grid_name),
  }
}

export function householdsRepo({ prepare, one, all }: Sql): Store['households'] {
  const repo: Store['households'] = {
    async list(q) {
      const rows = all(
        `${householdSelect}
         WHERE (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@villageId IS NULL OR h.village_id = @villageId)
           AND (@gridId IS NULL OR h.grid_id = @gridId)
           AND (@groupId IS NULL OR h.group_id = @groupId)
           AND (@keyword IS NULL OR h.head_name LIKE @keyword ESCAPE '\\'
                OR h.house_no LIKE @keyword ESCAPE '\\')
           AND (@afterAt IS NULL OR h.house_sort > @afterAt
                OR (h.house_sort = @afterAt AND h.id > @afterId))
         ORDER BY h.house_sort, h.id LIMIT @take`,
        {
          grids: jsonList(q.gridIds),
          villageId: q.villageId ?? null,
          gridId: q.gridId ?? null,
          groupId: q.groupId ?? null,
          keyword: q.keyword ? likePattern(q.keyword) : null,
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(
        rows.map((r) => householdViewFrom(r)),
        q.limit,
        (h) => ({ at: houseSortKey(h.houseNo), id: h.id }),
      )
    },
    async members(householdId) {
      return all(
        `SELECT b.id AS binding_id, u.id, u.nickname, b.relation FROM bindings b JOIN users u ON u.id = b.user_id
         WHERE b.household_id = @householdId AND b.status = 'approved' ORDER BY b.created_at`,
        { householdId },
      ).map((r) => ({
        bindingId: String(r.binding_id),
        userId: String(r.id),
        nickname: String(r.nickname),
        relation: r.relation === 'head' ? ('head' as const) : ('member' as const),
      }))
    },
    async membersOf(householdIds) {
      // SQLite reads are local: one indexed query per household.
      const out = new Map<string, MemberView[]>()
      for (const id of new Set(householdIds)) out.set(id, await repo.members(id))
      return out
    },
    async update(id, patch) {
      const params = toParams(patch)
      const sets = Object.keys(params).map((c) => `${c} = @${c}`)
      if (sets.length === 0) return
      prepare(`UPDATE households SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id })
    },
    async find(villageId, headName, houseNo) {
      const r = one(
        `${householdSelect} WHERE h.village_id = @villageId AND h.head_name = @headName
           AND h.house_no = @houseNo`,
        { villageId, headName, houseNo },
      )
      return r ? householdViewFrom(r) : null
    },
    async createInvite(invite) {
      const params = toParams(invite)
      prepare(insertSql('household_invites', params)).run(params)
    },
    async useInvite(code, userId, now) {
      // One UPDATE decides: two people racing for the same code cannot both get it.
      const row = prepare(
        `UPDATE household_invites SET used_by = @userId, used_at = @now
         WHERE code = @code AND used_by IS NULL AND expires_at > @now RETURNING household_id`,
      ).get({ code, userId, now }) as { household_id: string } | undefined
      return row ? row.household_id : null
    },
    async fillSortKeys(limit) {
      // Migration 17 fills every row and inserts set the key; this finds none unless a row was
      // written around both.
      const rows = all(`SELECT id, house_no FROM households WHERE house_sort = '' LIMIT @limit`, {
        limit,
      })
      const set = prepare('UPDATE households SET house_sort = @key WHERE id = @id')
      for (const r of rows) set.run({ id: String(r.id), key: houseSortKey(String(r.house_no)) })
      return rows.length
    },
  }
  return repo
}
