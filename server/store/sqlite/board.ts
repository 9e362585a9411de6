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
    publishesInChunks: () => false,
    startPublish: async () => false,
    publishJobs: async () => [],
    publishStep: async () => null,
    publishNotices: async () => null,
    publishNoticed: async () => {},
  }
}
