// Units of work on the one SQLite connection (server/store/sqlite/sql.ts): the units queued
// behind a running one share its transaction (group commit), each under its own savepoint.
// A unit fails alone, and none is answered before its COMMIT.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSql, MAX_GROUP, type Sql } from '../../../../server/store/sqlite/sql'

describe('SQLite units of work', () => {
  let dir: string
  let sql: Sql
  let other: Database.Database
  const rowsSeenElsewhere = () =>
    (other.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k)

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-units-'))
    const file = path.join(dir, 'units.sqlite')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec(`CREATE TABLE t (k TEXT PRIMARY KEY);
      CREATE TABLE parent (id TEXT PRIMARY KEY);
      CREATE TABLE child (p TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`)
    db.pragma('foreign_keys = ON')
    sql = createSql(db)
    // A second connection, as another process would see the file.
    other = new Database(file, { readonly: true })
  })
  afterEach(() => {
    other.close()
    sql.db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const insert = (k: string) => sql.prepare('INSERT INTO t (k) VALUES (@k)').run({ k })

  it('runs queued units together; one that throws leaves nothing and fails alone', async () => {
    const missingAtAnswer: string[] = []
    const units = Array.from({ length: 10 }, (_, i) =>
      sql
        .unit(async () => {
          await Promise.resolve()
          insert(`k${i}`)
          if (i === 5) throw new Error('refused')
          return i
        }, 'write')
        .then((value) => {
          // Answered only once committed: another connection already reads the row.
          if (!rowsSeenElsewhere().includes(`k${i}`)) missingAtAnswer.push(`k${i}`)
          return value
        }),
    )
    const outcomes = await Promise.allSettled(units)
    expect(outcomes.map((o) => o.status)).toEqual([
      ...Array<string>(5).fill('fulfilled'),
      'rejected',
      ...Array<string>(4).fill('fulfilled'),
    ])
    expect(rowsSeenElsewhere()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k6', 'k7', 'k8', 'k9'])
    expect(missingAtAnswer).toEqual([])
    expect(sql.db.inTransaction).toBe(false)
  })

  it('a failed COMMIT fails every unit of its group, and the next unit runs afresh', async () => {
    const good = sql.unit(async () => insert('good'), 'write')
    // Queued behind `good`: a child without a parent, found out only at COMMIT.
    const bad = sql.unit(async () => {
      sql.prepare(`INSERT INTO child (p) VALUES ('nobody')`).run()
    }, 'write')
    const [first, second] = await Promise.allSettled([good, bad])
    expect(first.status).toBe('rejected')
    expect(second.status).toBe('rejected')
    expect(rowsSeenElsewhere()).toEqual([])
    await sql.unit(async () => insert('after'), 'write')
    expect(rowsSeenElsewhere()).toEqual(['after'])
  })

  it(`groups at most ${MAX_GROUP} units in one transaction`, async () => {
    let commits = 0
    // The runner prepares its COMMIT once: count the runs of that statement.
    const db = sql.db
    const prepare = db.prepare.bind(db)
    db.prepare = ((source: string) => {
      const statement = prepare(source)
      if (source !== 'COMMIT') return statement
      const run = statement.run.bind(statement)
      statement.run = (...params: unknown[]) => {
        commits++
        return run(...params)
      }
      return statement
    }) as typeof db.prepare
    sql = createSql(db)
    const n = MAX_GROUP * 2 + 1
    await Promise.all(
      Array.from({ length: n }, (_, i) => sql.unit(async () => insert(`k${i}`), 'write')),
    )
    // All were queued while the first ran: full groups, then the one left over.
    expect(commits).toBe(3)
    expect(rowsSeenElsewhere()).toHaveLength(n)
  })

  it('a unit inside a unit joins it; attempt() undoes only its own writes', async () => {
    await sql.unit(async () => {
      insert('outer')
      await sql.unit(async () => insert('inner'), 'write')
      await expect(
        sql.attempt(async () => {
          insert('attempted')
          throw new Error('no')
        }),
      ).rejects.toThrow('no')
    }, 'write')
    expect(rowsSeenElsewhere()).toEqual(['inner', 'outer'])
    await expect(sql.attempt(async () => 1)).rejects.toThrow('outside a unit')
  })
})
