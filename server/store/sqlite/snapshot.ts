import { scoreItems } from '../../board/inspection.rules'
import type { Snapshot } from '../store'
import { insertAppeal, insertEntry, insertInspection, roundParams } from './board'
import { newRowKey, ROW_KEY_SETTING } from '../../board/row-ids'
import { insertNotice } from './bulletin'
import { castVote, insertNomination, saveCampaign } from './campaigns'
import { householdParams, insertSql, toParams } from './rows'
import type { Sql } from './sql'

/** Bulk-loads a snapshot in one transaction, parents before children. */
export function importSnapshot(sql: Sql, s: Snapshot): void {
  const put = (table: string, record: object) => {
    const params = toParams(record)
    sql.prepare(insertSql(table, params)).run(params)
  }
  sql.tx(() => {
    s.villages.forEach((r) => put('villages', r))
    s.groups.forEach((r) => put('village_groups', r))
    s.grids.forEach((r) => put('grids', r))
    s.users.forEach((r) => put('users', r))
    s.gridWorkers.forEach((r) => put('grid_workers', r))
    s.households.forEach((r) => {
      const params = householdParams(r)
      sql.prepare(insertSql('households', params)).run(params)
    })
    s.bindings.forEach((r) => put('bindings', r))
    s.columns.forEach((r) => put('columns', r))
    s.notices.forEach((n) => insertNotice(sql, n))
    s.rubrics.forEach((r) => put('rubrics', r))
    s.criteria.forEach((r) => put('criteria', r))
    s.rounds.forEach((r) => {
      const params = roundParams(r)
      sql.prepare(insertSql('rounds', params)).run(params)
    })
    const latest = new Map<string, number>()
    for (const i of s.inspections) {
      const key = `${i.roundId}:${i.householdId}`
      latest.set(key, Math.max(latest.get(key) ?? 0, i.version))
    }
    const rubricOf = new Map(s.rounds.map((r) => [r.id, r.rubricId]))
    for (const i of s.inspections) {
      const isLatest = latest.get(`${i.roundId}:${i.householdId}`) === i.version
      const deductedItems =
        i.deductedItems ??
        scoreItems(
          s.criteria.filter((c) => c.rubricId === rubricOf.get(i.roundId)),
          i.items,
        ).deductedItems
      insertInspection(
        sql,
        { ...i, deductedItems },
        isLatest,
        i.reason ?? (i.version > 1 ? 'reinspect' : 'first'),
      )
    }
    s.boardEntries?.forEach((e) => insertEntry(sql, e))
    // Published lists come with the key of their line ids, as board.publish creates it.
    if ((s.boardEntries ?? []).length > 0)
      sql
        .prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (@key, @value)')
        .run({ key: ROW_KEY_SETTING, value: newRowKey() })
    s.appeals?.forEach((a) => insertAppeal(sql, a))
    s.campaigns.forEach((c) => saveCampaign(sql, c))
    // Seeded nominations take their nominator's slots in order, as live ones would.
    const slots = new Map<string, number>()
    for (const n of s.nominations) {
      const key = `${n.campaignId}|${n.nominatorHouseholdId ?? n.nominatorId}`
      slots.set(key, (slots.get(key) ?? 0) + 1)
      insertNomination(sql, n, slots.get(key) ?? 1)
    }
    // Seeded votes go through the same limits as live ones; one over a limit is an error.
    for (const v of s.votes) {
      const outcome = castVote(sql, { ...v, now: v.createdAt })
      if (!outcome.ok) throw new Error(`seeded vote ${v.id} refused: ${outcome.reason}`)
    }
  })
}
