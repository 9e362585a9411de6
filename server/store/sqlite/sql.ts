// What every SQLite repository shares: the connection, a statement cache and helpers.
import type Database from 'better-sqlite3'
import type { Keyset, Page } from '../store'

export type Row = Record<string, unknown>

export interface Sql {
  db: Database.Database
  prepare(sql: string): Database.Statement
  one(sql: string, params?: object): Row | undefined
  all(sql: string, params?: object): Row[]
  /** Runs fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T
}

export function createSql(db: Database.Database): Sql {
  // Statements are compiled once and reused: preparing is the costly part of a small query.
  const statements = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  return {
    db,
    prepare,
    one: (sql, params = {}) => prepare(sql).get(params) as Row | undefined,
    all: (sql, params = {}) => prepare(sql).all(params) as Row[],
    tx: (fn) => db.transaction(fn)(),
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
