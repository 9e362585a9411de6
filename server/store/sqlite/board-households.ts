// One household's side of the board: its history of scores and its red-list name consent.
import type { Store } from '../store'
import { str, num, optStr } from './board-rows'
import { keysetParams, pageOf, type Sql } from './sql'

export function householdBoardRepo(
  sql: Sql,
): Pick<Store['board'], 'history' | 'consent' | 'setShowNameOnRed'> {
  const { one, all, prepare } = sql
  return {
    async history(householdId, q) {
      const rows = all(
        `SELECT r.id, r.month, r.title, r.window_start, i.total,
           (SELECT e.list FROM board_entries e WHERE e.round_id = r.id
              AND e.household_id = i.household_id AND e.list IN ('red', 'black')) AS list,
           (SELECT e.rectified_at FROM board_entries e WHERE e.round_id = r.id
              AND e.household_id = i.household_id AND e.list = 'black') AS rectified_at
         FROM inspections i JOIN rounds r ON r.id = i.round_id
         WHERE i.household_id = @householdId AND i.is_latest = 1 AND r.status = 'published'
           AND (@afterAt IS NULL OR r.window_start > @afterAt
                OR (r.window_start = @afterAt AND r.id > @afterId))
         ORDER BY r.window_start, r.id LIMIT @take`,
        { householdId, ...keysetParams(q.after, q.limit) },
      ).map((r) => ({
        roundId: str(r.id),
        month: str(r.month),
        title: str(r.title),
        windowStart: num(r.window_start),
        score: num(r.total),
        list: r.list === 'red' ? ('red' as const) : r.list === 'black' ? ('black' as const) : null,
        rectified: r.rectified_at !== null && r.rectified_at !== undefined,
      }))
      return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.roundId }))
    },
    async consent(householdId) {
      const r = one(
        `SELECT h.show_name_on_red, h.consent_by, h.consent_at, u.nickname
         FROM households h LEFT JOIN users u ON u.id = h.consent_by WHERE h.id = @householdId`,
        { householdId },
      )
      if (!r) return null
      return {
        showNameOnRed: r.show_name_on_red === 1,
        setBy: optStr(r.consent_by),
        setByName: optStr(r.nickname),
        setAt: r.consent_at === null ? null : num(r.consent_at),
      }
    },
    async setShowNameOnRed(householdId, show, by) {
      prepare(
        `UPDATE households SET show_name_on_red = @show, consent_by = @userId, consent_at = @at
         WHERE id = @householdId`,
      ).run({ householdId, show: Number(show), userId: by.userId, at: by.at })
    },
  }
}
