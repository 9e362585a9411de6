// Monthly rounds and their frozen lists: opening, publishing (and withdrawing) a round,
// the lines of its lists, 已整改 marks, scores and every item of a round.
import type { Store, VillageTally } from '../store'
import { guardUnique } from './errors'
import { insertSql } from './rows'
import {
  str,
  num,
  roundParams,
  scoreFrom,
  entryFrom,
  roundSelect,
  roundViewFrom,
  entrySelect,
} from './board-rows'
import { keysetParams, pageOf, type Sql } from './sql'
import { boardCore } from './board-core'

export function roundsRepo(
  sql: Sql,
): Pick<
  Store['board'],
  | 'rounds'
  | 'round'
  | 'previousRound'
  | 'createRound'
  | 'publish'
  | 'withdraw'
  | 'entries'
  | 'markRectified'
  | 'scores'
  | 'scoreSummary'
  | 'villageSummary'
  | 'dropRetired'
  | 'roundItems'
> {
  const { one, all, prepare, tx } = sql
  const { replaceEntries } = boardCore(sql)
  return {
    async rounds(q) {
      const rows = all(
        `${roundSelect} WHERE (@publishedOnly = 0 OR r.status = 'published')
           AND (@afterAt IS NULL OR r.window_start < @afterAt
                OR (r.window_start = @afterAt AND r.id < @afterId))
         ORDER BY r.window_start DESC, r.id DESC LIMIT @take`,
        { publishedOnly: Number(q.publishedOnly), ...keysetParams(q.after, q.limit) },
      ).map(roundViewFrom)
      return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.id }))
    },
    async round(id) {
      const r = one(`${roundSelect} WHERE r.id = @id`, { id })
      return r ? roundViewFrom(r) : null
    },
    async previousRound(id) {
      const r = one(
        `${roundSelect} JOIN rounds cur ON cur.id = @id
         WHERE r.window_start < cur.window_start ORDER BY r.window_start DESC, r.id DESC LIMIT 1`,
        { id },
      )
      return r ? roundViewFrom(r) : null
    },
    async createRound(round) {
      const params = roundParams(round)
      guardUnique(() => prepare(insertSql('rounds', params)).run(params))
    },
    async publish(roundId, at, entries) {
      return tx(() => {
        const changed = prepare(
          `UPDATE rounds SET status = 'published', published_at = @publishedAt,
             publicity_ends_at = @publicityEndsAt WHERE id = @roundId AND status = 'open'`,
        ).run({ roundId, ...at }).changes
        if (changed === 0) return false
        replaceEntries(roundId, entries)
        return true
      })
    },
    async withdraw(roundId, publishedAt) {
      return tx(() => {
        const changed = prepare(
          `UPDATE rounds SET status = 'open', published_at = NULL, publicity_ends_at = NULL
           WHERE id = @roundId AND status = 'published' AND published_at = @publishedAt`,
        ).run({ roundId, publishedAt }).changes
        if (changed === 0) return false
        prepare('DELETE FROM board_entries WHERE round_id = @roundId').run({ roundId })
        return true
      })
    },
    async entries(q) {
      // A village's lines start from its households (index households_walk), not from every
      // line of the round: CROSS JOIN keeps SQLite to that order (county scale: 400 villages).
      const from = q.villageId
        ? entrySelect.replace(
            'FROM board_entries e JOIN households h ON h.id = e.household_id',
            'FROM households h CROSS JOIN board_entries e ON e.household_id = h.id',
          )
        : entrySelect
      return all(
        `${from} WHERE e.round_id = @roundId AND (@list IS NULL OR e.list = @list)
           AND (@villageId IS NULL OR h.village_id = @villageId)
           AND (@householdId IS NULL OR e.household_id = @householdId)
         ORDER BY e.list, e.position`,
        {
          roundId: q.roundId,
          list: q.list ?? null,
          villageId: q.villageId ?? null,
          householdId: q.householdId ?? null,
        },
      ).map(entryFrom)
    },
    async markRectified(roundId, householdId, at) {
      return (
        prepare(
          `UPDATE board_entries SET rectified_at = @at WHERE round_id = @roundId
             AND household_id = @householdId AND list = 'black' AND rectified_at IS NULL`,
        ).run({ roundId, householdId, at }).changes > 0
      )
    },
    async scores(roundId, villageId) {
      return all(
        `SELECT h.id AS household_id, h.head_name, h.house_no, h.village_id, v.name AS village_name,
           h.group_id, g.name AS group_name, h.grid_id, h.show_name_on_red, i.total, i.deducted_items,
           v.sort AS village_sort, g.sort AS group_sort
         FROM inspections i
         JOIN households h ON h.id = i.household_id
         JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE i.round_id = @roundId AND i.is_latest = 1
           AND (@villageId IS NULL OR h.village_id = @villageId)`,
        { roundId, villageId: villageId ?? null },
      ).map(scoreFrom)
    },
    // Lines are replaced inside one transaction: nothing is left to remove later.
    dropRetired: async () => 0,
    async scoreSummary(roundId, villageId) {
      const r = one(
        // From the village's households when one is given (CROSS JOIN keeps that order).
        `SELECT COUNT(*) AS n, COALESCE(SUM(i.total), 0) AS total FROM households h
         CROSS JOIN inspections i ON i.household_id = h.id
         JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE i.round_id = @roundId AND i.is_latest = 1
           AND (@villageId IS NULL OR h.village_id = @villageId)`,
        { roundId, villageId: villageId ?? null },
      )
      return { inspected: num(r?.n ?? 0), sum: num(r?.total ?? 0) }
    },
    async villageSummary(roundId) {
      // Lines are replaced with the round (and removed on withdrawal): the stored ones are the
      // current lists.
      const tallies = new Map<string, VillageTally>()
      const tally = (villageId: string) => {
        let t = tallies.get(villageId)
        if (!t) tallies.set(villageId, (t = { villageId, inspected: 0, sum: 0, red: 0, black: 0 }))
        return t
      }
      for (const r of all(
        `SELECT h.village_id, COUNT(*) AS n, COALESCE(SUM(i.total), 0) AS total
         FROM inspections i JOIN households h ON h.id = i.household_id
         JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE i.round_id = @roundId AND i.is_latest = 1
         GROUP BY h.village_id`,
        { roundId },
      )) {
        const t = tally(str(r.village_id))
        t.inspected = num(r.n)
        t.sum = num(r.total)
      }
      for (const r of all(
        `SELECT h.village_id, SUM(e.list = 'red') AS red, SUM(e.list = 'black') AS black
         FROM board_entries e JOIN households h ON h.id = e.household_id
         WHERE e.round_id = @roundId AND e.list IN ('red', 'black')
         GROUP BY h.village_id`,
        { roundId },
      )) {
        const t = tally(str(r.village_id))
        t.red = num(r.red)
        t.black = num(r.black)
      }
      return [...tallies.values()]
    },
    async roundItems(roundId) {
      return all(
        `SELECT i.household_id, ii.criterion_id, ii.points, ii.deductions, ii.note
         FROM inspections i JOIN inspection_items ii ON ii.inspection_id = i.id
         WHERE i.round_id = @roundId AND i.is_latest = 1`,
        { roundId },
      ).map((r) => ({
        householdId: str(r.household_id),
        criterionId: str(r.criterion_id),
        points: r.points === null ? null : num(r.points),
        deductions: num(r.deductions),
        note: str(r.note),
      }))
    },
  }
}
