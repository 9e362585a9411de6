// The red and black list (Store.board) on the cloud database.
import type { BoardRepo, Snapshot } from '../store'
import { pending } from './pending'
import type { CloudDb } from './sdk'

export function boardRepo(_db: CloudDb): BoardRepo {
  return pending('board')
}

/** Writes the snapshot's rubrics, criteria, rounds, inspections, frozen lists and appeals. */
export async function loadBoard(_db: CloudDb, _snapshot: Snapshot): Promise<void> {
  throw new Error('loadBoard: not built yet')
}
