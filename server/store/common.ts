// Paging, uniqueness and the household view, shared by every repository interface and adapter.
import type { HouseholdRecord } from './records'

/** Keyset position: the sort value and id of the last row of the previous page. */
export interface Keyset {
  at: number | string
  id: string
}

/**
 * A uniqueness rule of the database refused a write (a second binding, a duplicate name…).
 * Adapters throw this so that handlers can answer CONFLICT without knowing the database.
 */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint: ${constraint}`)
    this.name = 'UniqueViolation'
  }
}

/** One page of rows; `next` is where the following page starts, null on the last one. */
export interface Page<T> {
  items: T[]
  next: Keyset | null
}

/** A household with the names of its village, group and grid. */
export interface HouseholdView extends HouseholdRecord {
  villageName: string
  groupName: string
  gridName: string
}
