import type { Snapshot } from '../store'
import { insertNotice } from './bulletin'
import { insertSql, toParams } from './rows'
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
    s.households.forEach((r) => put('households', r))
    s.bindings.forEach((r) => put('bindings', r))
    s.columns.forEach((r) => put('columns', r))
    s.notices.forEach((n) => insertNotice(sql, n))
    s.rubrics.forEach((r) => put('rubrics', r))
    s.criteria.forEach((r) => put('criteria', r))
    s.rounds.forEach((r) => put('rounds', r))
    for (const { items, ...inspection } of s.inspections) {
      put('inspections', inspection)
      items.forEach((item) => put('inspection_items', { inspectionId: inspection.id, ...item }))
    }
    s.campaigns.forEach((r) => put('campaigns', r))
    s.nominations.forEach((r) => put('nominations', r))
    s.votes.forEach((r) => put('votes', r))
  })
}
