// Appeals (申诉): filing one, the lists staff and residents read, rejecting one or re-inspecting.
import type { Store } from '../store'
import { insertAppeal, appealSelect, appealFrom } from './board-rows'
import { jsonList, keysetParams, pageOf, type Sql } from './sql'
import { boardCore } from './board-core'

export function appealsRepo(
  sql: Sql,
): Pick<
  Store['board'],
  'createAppeal' | 'appeal' | 'appeals' | 'rejectAppeal' | 'reinspectAppeal'
> {
  const { one, all, prepare, tx } = sql
  const { addVersion, replaceEntries } = boardCore(sql)
  return {
    async createAppeal(appeal) {
      insertAppeal(sql, appeal)
    },
    async appeal(id) {
      const r = one(`${appealSelect} WHERE a.id = @id`, { id })
      return r ? appealFrom(r) : null
    },
    async appeals(q) {
      const order =
        q.status === 'pending'
          ? { key: 'a.created_at', dir: 'ASC', cmp: '>' }
          : q.status === 'decided'
            ? { key: 'a.decided_at', dir: 'DESC', cmp: '<' }
            : { key: 'a.created_at', dir: 'DESC', cmp: '<' }
      const rows = all(
        `${appealSelect}
         WHERE (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@status IS NULL OR (@status = 'pending') = (a.status = 'pending'))
           AND (@roundId IS NULL OR a.round_id = @roundId)
           AND (@householdId IS NULL OR a.household_id = @householdId)
           AND (@afterAt IS NULL OR ${order.key} ${order.cmp} @afterAt
                OR (${order.key} = @afterAt AND a.id ${order.cmp} @afterId))
         ORDER BY ${order.key} ${order.dir}, a.id ${order.dir} LIMIT @take`,
        {
          grids: jsonList(q.gridIds),
          status: q.status ?? null,
          roundId: q.roundId ?? null,
          householdId: q.householdId ?? null,
          ...keysetParams(q.after, q.limit),
        },
      ).map(appealFrom)
      return pageOf(rows, q.limit, (a) => ({
        at: q.status === 'decided' ? (a.decidedAt ?? 0) : a.createdAt,
        id: a.id,
      }))
    },
    async rejectAppeal(id, decision) {
      return (
        prepare(
          `UPDATE appeals SET status = 'rejected', reason = @reason, decided_by = @by,
             decided_at = @at WHERE id = @id AND status = 'pending'`,
        ).run({ id, ...decision }).changes > 0
      )
    },
    async reinspectAppeal(id, inspection, decision, entries) {
      return tx(() => {
        const changed = prepare(
          `UPDATE appeals SET status = 'reinspected', score_after = @total,
             inspection_id = @inspectionId, decided_by = @by, decided_at = @at
           WHERE id = @id AND status = 'pending'`,
        )
        const pending = one(`SELECT id FROM appeals WHERE id = @id AND status = 'pending'`, { id })
        if (!pending) return null
        const saved = addVersion(inspection, true)
        changed.run({ id, total: saved.total, inspectionId: saved.id, ...decision })
        if (entries) replaceEntries(inspection.roundId, entries)
        return saved
      })
    },
  }
}
