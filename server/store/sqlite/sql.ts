// What every SQLite repository shares: the connection, a statement cache and helpers.
import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import type { Keyset, Page } from '../store'

export type Row = Record<string, unknown>

/** A read unit sees one consistent snapshot; a write unit holds the write lock from its start. */
export type UnitMode = 'read' | 'write'

export interface Sql {
  db: Database.Database
  prepare(sql: string): Database.Statement
  one(sql: string, params?: object): Row | undefined
  all(sql: string, params?: object): Row[]
  /** Runs fn in one transaction (nested calls join the outer one under a savepoint). */
  tx<T>(fn: () => T): T
  /**
   * Runs fn in the transaction already open (a unit's), or in one of its own when none is:
   * for work whose only write is its last statement, so that when it fails there is nothing
   * of its own to undo and a savepoint would be waste.
   */
  joinTx<T>(fn: () => T): T
  /**
   * Runs async `work` as one transaction, alone: units queue one after another, because every
   * statement of this process goes through one connection and another request's statements
   * must not land inside this transaction. Commits when `work` resolves (with the units queued
   * behind it: group commit), rolls back when it throws; a unit started inside a unit joins it. A write unit takes the write lock at once
   * (BEGIN IMMEDIATE), so another process's writer cannot make it fail halfway.
   */
  unit<T>(work: () => Promise<T>, mode: UnitMode): Promise<T>
  /**
   * Runs async `work` inside the current unit under a SAVEPOINT: when it throws, what it wrote
   * is rolled back and the unit's transaction goes on (Store.attempt).
   */
  attempt<T>(work: () => Promise<T>): Promise<T>
}

/** Units that may share one transaction: as many as were queued, up to this many. */
export const MAX_GROUP = 32

interface QueuedUnit {
  work: () => Promise<unknown>
  mode: UnitMode
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * The async-safe transactions behind `Sql.unit`, and the savepoints of `Sql.attempt`.
 *
 * Group commit: units run one after another on the one connection, and the units queued
 * when one finishes (or by the next turn of the event loop) join its transaction, each under a SAVEPOINT of its own, so that
 * one COMMIT writes the pages they share (index leaves, a table's last page, the counters)
 * once instead of once per unit. A unit's promise settles only after that COMMIT: nothing is
 * answered before it is durable. A unit that throws rolls back to its savepoint and fails
 * alone; a failed COMMIT fails every unit of the group (none of them is written). A read group
 * takes only reads: a write needs the write lock from its transaction's start.
 */
function unitRunner(db: Database.Database): Pick<Sql, 'unit' | 'attempt'> {
  const inside = new AsyncLocalStorage<true>()
  // Transaction statements prepared once: db.exec would parse them again on every call.
  const statement = (sql: string) => {
    const prepared = db.prepare(sql)
    // Named for CPU profiles (the vote benchmark books these under BEGIN / COMMIT / SAVEPOINT).
    return function transactionStatement() {
      prepared.run()
    }
  }
  const begin = { read: statement('BEGIN'), write: statement('BEGIN IMMEDIATE') }
  const commit = statement('COMMIT')
  const rollback = statement('ROLLBACK')
  const savepoint = (name: string) => {
    const release = statement(`RELEASE ${name}`)
    const back = statement(`ROLLBACK TO ${name}`)
    return {
      open: statement(`SAVEPOINT ${name}`),
      release,
      /** Undoes what was written since the savepoint, and ends it. */
      undo: () => {
        back()
        release()
      },
    }
  }
  const attemptPoint = savepoint('attempt')
  const unitPoint = savepoint('unit')
  const queue: QueuedUnit[] = []
  let draining = false

  const attempt: Sql['attempt'] = async (work) => {
    if (!inside.getStore() || !db.inTransaction) throw new Error('attempt() outside a unit')
    // Savepoints nest by name: a ROLLBACK TO goes back to the latest one of that name.
    attemptPoint.open()
    try {
      const result = await work()
      attemptPoint.release()
      return result
    } catch (error) {
      // An I/O error may have ended the whole transaction; then the unit fails as well.
      if (db.inTransaction) attemptPoint.undo()
      throw error
    }
  }

  /** Runs one group: a transaction, its units in order, one COMMIT. */
  async function group(first: QueuedUnit) {
    try {
      begin[first.mode]()
    } catch (error) {
      first.reject(error)
      return
    }
    const done: { unit: QueuedUnit; result: unknown }[] = []
    // The first unit alone needs no savepoint: its failure rolls the whole transaction back.
    try {
      done.push({ unit: first, result: await inside.run(true, first.work) })
    } catch (error) {
      if (db.inTransaction) rollback()
      first.reject(error)
      return
    }
    let waited = false
    while (done.length < MAX_GROUP) {
      // A unit's work rarely leaves the microtask queue, so requests that arrived meanwhile are
      // still unread on their sockets: let the event loop take them in once, then group them.
      if (queue.length === 0 && !waited) {
        waited = true
        await new Promise((resolve) => setImmediate(resolve))
      }
      const next = queue[0]
      if (!next || (next.mode === 'write' && first.mode !== 'write')) break
      queue.shift()
      unitPoint.open()
      try {
        const result = await inside.run(true, next.work)
        unitPoint.release()
        done.push({ unit: next, result })
      } catch (error) {
        next.reject(error)
        if (!db.inTransaction) {
          // The transaction itself is gone (an I/O error): so is what the group wrote.
          for (const d of done) d.unit.reject(error)
          return
        }
        unitPoint.undo()
      }
    }
    try {
      commit()
    } catch (error) {
      if (db.inTransaction) rollback()
      for (const d of done) d.unit.reject(error)
      return
    }
    for (const d of done) d.unit.resolve(d.result)
  }

  async function drain() {
    draining = true
    try {
      for (let next = queue.shift(); next; next = queue.shift()) await group(next)
    } finally {
      draining = false
    }
  }

  const unit: Sql['unit'] = (work, mode) => {
    if (inside.getStore()) return work()
    return new Promise((resolve, reject) => {
      queue.push({ work, mode, resolve: resolve as (value: unknown) => void, reject })
      if (!draining) void drain()
    })
  }
  return { unit, attempt }
}

export function createSql(db: Database.Database): Sql {
  // Statements are compiled once and reused: preparing is the costly part of a small query.
  const statements = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  // One transaction function for every tx(fn): better-sqlite3 builds a wrapper per
  // db.transaction() call, which cost more than a vote's own statements.
  const transaction = db.transaction((fn: () => unknown) => fn())
  return {
    db,
    prepare,
    one: (sql, params = {}) => prepare(sql).get(params) as Row | undefined,
    all: (sql, params = {}) => prepare(sql).all(params) as Row[],
    tx: <T>(fn: () => T) => transaction(fn) as T,
    joinTx: <T>(fn: () => T) => (db.inTransaction ? fn() : (transaction(fn) as T)),
    ...unitRunner(db),
  }
}

/** Cuts the extra row a query fetched (limit + 1) into the page and where the next starts. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): Page<T> {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next: rows.length > limit && last ? keyOf(last) : null }
}

/** Keyset parameters for `@afterAt`/`@afterId` and a LIMIT of one more than the page. */
export const keysetParams = (after: Keyset | undefined, limit: number) => ({
  afterAt: after?.at ?? null,
  afterId: after?.id ?? null,
  take: limit + 1,
})

// LIKE treats % and _ as wildcards: a user's keyword must match literally.
export const likePattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** A JSON array parameter for `IN (SELECT value FROM json_each(@x))`, or null for "any". */
export const jsonList = (ids: readonly string[] | null) =>
  ids === null ? null : JSON.stringify(ids)
