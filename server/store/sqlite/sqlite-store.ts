import Database from 'better-sqlite3'
import type { Store } from '../store'
import { activitiesRepo } from './activities'
import { auditRepo } from './audit'
import { bindingsRepo } from './bindings'
import { boardRepo } from './board'
import { columnsRepo, noticesRepo } from './bulletin'
import { broadcastRepo } from './broadcast'
import { doorplatesRepo } from './doorplates'
import { filingRepo } from './filing'
import { householdsRepo } from './households'
import { idempotencyRepo } from './idempotency'
import { limitsRepo } from './limits'
import { campaignsRepo, notifyRepo } from './campaigns'
import { startCheckpointer } from './checkpointer'
import { mediaRepo } from './media'
import { houseSortKey } from '../../places/house-order.rules'
import { migrations, type Migration } from './migrations'
import { placesRepo } from './places'
import { reachRepo } from './reach'
import { rosterRepo } from './roster'
import { settingsRepo } from './settings'
import { importSnapshot } from './snapshot'
import { createSql } from './sql'
import { usersRepo } from './users'

/** Applies the migrations this database has not run yet; returns the resulting version. */
export function migrate(db: Database.Database): number {
  // The walking-order key of a 门牌号, for the migration that backfills households.house_sort.
  db.function('house_sort_key', { deterministic: true }, (houseNo: unknown) =>
    houseSortKey(String(houseNo)),
  )
  const current = Number(db.pragma('user_version', { simple: true }))
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      const migration = migrations[v] as Migration
      if (typeof migration === 'string') db.exec(migration)
      else migration(db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return migrations.length
}

/** Opens (creating if needed) and migrates a SQLite database; ':memory:' for a throwaway one. */
export function openDatabase(file: string): Database.Database {
  const db = new Database(file)
  if (file !== ':memory:') db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
  // A call's work runs under a SAVEPOINT (Store.attempt): the pages it changes are copied into
  // a statement journal, which past 64 KiB would spill into a temporary file on disk.
  db.pragma('temp_store = MEMORY')
  migrate(db)
  return db
}

/** The Store on an embedded SQLite database (better-sqlite3), one repository per aggregate. */
export function createSqliteStore(
  file: string,
  options: {
    /** WAL checkpoints from a worker thread instead of inside a request's COMMIT (the server). */
    checkpointer?: boolean
  } = {},
): Store {
  const sql = createSql(openDatabase(file))
  const checkpointer =
    options.checkpointer && file !== ':memory:' ? startCheckpointer(file, sql.db) : null
  return {
    users: usersRepo(sql),
    places: placesRepo(sql),
    households: householdsRepo(sql),
    bindings: bindingsRepo(sql),
    roster: rosterRepo(sql),
    reach: reachRepo(sql),
    columns: columnsRepo(sql),
    notices: noticesRepo(sql),
    media: mediaRepo(sql),
    board: boardRepo(sql),
    campaigns: campaignsRepo(sql),
    notify: notifyRepo(sql),
    activities: activitiesRepo(sql),
    filing: filingRepo(sql),
    doorplates: doorplatesRepo(sql),
    broadcast: broadcastRepo(sql),
    idempotency: idempotencyRepo(sql),
    limits: limitsRepo(sql),
    audit: auditRepo(sql),
    settings: settingsRepo(sql),
    unitOfWork: (work, mode) => sql.unit(work, mode),
    attempt: (work) => sql.attempt(work),
    async importSnapshot(snapshot) {
      importSnapshot(sql, snapshot)
    },
    async isEmpty() {
      return sql.one('SELECT 1 AS present FROM villages LIMIT 1') === undefined
    },
    async close() {
      await checkpointer?.stop()
      sql.db.close()
    },
  }
}
