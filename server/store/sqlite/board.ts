// The red and black list's part of the SQLite Store, by subject like its cloud twin
// (cloud/board-*.ts): rounds and lists, rubrics, inspections, appeals, a household's side.
import type { Store } from '../store'
import { roundsRepo } from './board-rounds'
import { rubricsRepo } from './board-rubrics'
import { inspectionsRepo } from './board-inspections'
import { appealsRepo } from './board-appeals'
import { householdBoardRepo } from './board-households'
import type { Sql } from './sql'

export { insertAppeal, insertEntry, insertInspection, roundParams } from './board-rows'

export function boardRepo(sql: Sql): Store['board'] {
  return {
    ...roundsRepo(sql),
    ...rubricsRepo(sql),
    ...inspectionsRepo(sql),
    ...appealsRepo(sql),
    ...householdBoardRepo(sql),
    // Publishing writes a round's lines in one transaction (a county's 60,000 households take
    // well under the 10 s budget: tests/bench/county-sqlite.bench.ts), so there is never a job.
    async boundUsers(ids) {
      const out = new Map<string, string[]>()
      for (const id of ids) {
        const rows = sql.all(
          `SELECT u.id FROM bindings b JOIN users u ON u.id = b.user_id
           WHERE b.household_id = @id AND b.status = 'approved' ORDER BY b.created_at`,
          { id },
        )
        if (rows.length > 0)
          out.set(
            id,
            rows.map((r) => String(r.id)),
          )
      }
      return out
    },
    publishesInChunks: () => false,
    startPublish: async () => false,
    publishJobs: async () => [],
    publishStep: async () => null,
    publishNotices: async () => null,
    publishNoticed: async () => {},
  }
}
