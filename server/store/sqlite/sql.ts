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
  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T
  /**
   * Runs async `work` as one transaction, alone: units queue one after another, because every
   * statement of this process goes through one connection and another request's statements
   * must not land inside this transaction. Commits when `work` resolves, rolls back when it
   * throws; a unit started inside a unit joins it. A write unit takes the write lock at once
   * (BEGIN IMMEDIATE), so another process's writer cannot make it fail halfway.
   */
  unit<T>(work: () => Promise<T>, mode: UnitMode): Promise<T>
  /**
   * Runs async `work` inside the current unit under a SAVEPOINT: when it throws, what it wrote
   * is rolled back and the unit's transaction goes on (Store.attempt).
   */
  attempt<T>(work: () => Promise<T>): Promise<T>
}

/** The async-safe transaction behind `Sql.unit`, and the savepoints of `Sql.attempt`. */
function unitRunner(db: Database.Database): Pick<Sql, 'unit' | 'attempt'> {
  const inside = new AsyncLocalStorage<true>()
  let tail: Promise<void> = Promise.resolve()
  const attempt: Sql['attempt'] = async (work) => {
    if (!inside.getStore() || !db.inTransaction) throw new Error('attempt() outside a unit')
    // Savepoints nest by name: a ROLLBACK TO goes back to the latest one of that name.
    db.exec('SAVEPOINT attempt')
    try {
      const result = await work()
      db.exec('RELEASE attempt')
      return result
    } catch (error) {
      // An I/O error may have ended the whole transaction; then the unit fails as well.
      if (db.inTransaction) db.exec('ROLLBACK TO attempt; RELEASE attempt')
      throw error
    }
  }
  const unit: Sql['unit'] = async (work, mode) => {
    if (inside.getStore()) return work()
    const previous = tail
    let release = () => {}
    tail = new Promise<void>((resolve) => (release = resolve))
    await previous
    try {
      db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN')
      try {
        const result = await inside.run(true, work)
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      }
    } finally {
      release()
    }
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
