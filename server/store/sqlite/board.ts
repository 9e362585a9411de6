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
  }
}
