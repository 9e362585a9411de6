// Starts the real local server (router, SQLite file, HTTP) on a free port in a temp
// directory, optionally preloaded with a test snapshot instead of the demo seed.
import fs from 'node:fs'
import Database from 'better-sqlite3'
import os from 'node:os'
import path from 'node:path'
import type { Envelope } from '../../contract/envelope'
import { startLocalApp, DATABASE_FILE, type LocalApp } from '../../server/local/app'
import type { HttpTimeouts } from '../../server/local/http'
import { createLogger } from '../../server/logger'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import type { Snapshot } from '../../server/store/store'
import { copySqliteDemo, loadCloudDemo } from './seed-template'
import { apiStoreKind, type CloudTestEnvironment, createCloudTestStore } from './store-adapters'

/** Audit entries of writes that happened, leaving out the refused attempts kept beside them. */
export function acceptedWrites<T extends { after: unknown }>(entries: readonly T[]): T[] {
  return entries.filter((e) => !(e.after && typeof e.after === 'object' && 'refused' in e.after))
}

export interface TestApi {
  app: LocalApp
  dataDir: string
  /** The emulated cloud environment behind the store when STORE=cloud, else null. */
  cloud: CloudTestEnvironment | null
  /** POSTs an action (with an Idempotency-Key when given); returns the status and the envelope. */
  post<T = unknown>(
    action: string,
    input?: unknown,
    token?: string,
    key?: string,
  ): Promise<{ status: number; body: Envelope<T> }>
  /** Like post, but expects success and returns `data`. */
  data<T = unknown>(action: string, input?: unknown, token?: string): Promise<T>
  login(openid: string): Promise<string>
  /** Rows of a table (SQLite) or documents of a collection (cloud), as stored. */
  rows(name: string): Record<string, unknown>[]
  /**
   * Everything stored, serialised: to prove that a refused call changed nothing. `except`
   * leaves tables out, e.g. audit_log, where refused writes are recorded on purpose.
   */
  dumpAll(except?: readonly string[]): string
  /** Lines of the audit log that record a refused call (the router's `refused` field). */
  auditedRefusals(): number
  close(): Promise<void>
}

/**
 * Cloud test databases by data folder: like the real cloud database, one outlives the function
 * instance, so a server restarted on the same folder finds its data again.
 */
type CloudTestStore = Awaited<ReturnType<typeof createCloudTestStore>>
const cloudDatabases = new Map<string, CloudTestStore>()

/** Where a test server looks for the built H5 app (empty unless a test writes to it). */
export const h5Dir = (dataDir: string) => path.join(dataDir, 'h5')

export async function startTestApi(
  options: {
    snapshot?: Snapshot
    devMode?: boolean
    clock?: () => number
    dataDir?: string
    rateLimits?: boolean
    /**
     * A dev server on a fresh folder starts on a copy of the run's seeded demo township
     * (tests/helpers/seed-template.ts); 'fresh' makes it seed its own, as a real first start does.
     */
    seed?: 'copy' | 'fresh'
    /** Shorter HTTP timeouts, for the tests of timeouts. */
    timeouts?: Partial<HttpTimeouts>
  } = {},
): Promise<TestApi> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-api-'))
  // STORE=cloud serves the cloud database adapter (the real wx-server-sdk against this worker's
  // CloudBase emulator) instead.
  let cloudTest: CloudTestStore | undefined
  if (apiStoreKind() === 'cloud') {
    cloudTest = cloudDatabases.get(dataDir) ?? (await createCloudTestStore())
    cloudDatabases.set(dataDir, cloudTest)
  }
  const cloud = cloudTest?.cloud
  const cloudStore = cloudTest?.store
  // The demo seed runs at the server's clock: a copy stands in for it on the suite's clock only.
  const copyDemo =
    (options.devMode ?? true) &&
    !options.snapshot &&
    !options.dataDir &&
    !options.clock &&
    options.seed !== 'fresh'
  if (copyDemo) {
    if (cloud) await loadCloudDemo(cloud, dataDir)
    else await copySqliteDemo(dataDir)
  }
  if (options.snapshot) {
    const store = cloudStore ?? createSqliteStore(path.join(dataDir, DATABASE_FILE))
    await store.importSnapshot(options.snapshot)
    if (!cloudStore) await store.close()
  }
  const app = await startLocalApp(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      devMode: options.devMode ?? true,
      adminOpenids: [],
      clockStart: null,
    },
    // The H5 folder is a subfolder of its own: the database beside it is never served.
    {
      clock: options.clock,
      logger: createLogger({ silent: true }),
      staticRoot: h5Dir(dataDir),
      store: cloudStore,
      rateLimits: options.rateLimits,
      timeouts: options.timeouts,
      // Tests tick explicitly (app.tick()); over the emulator a file can outlast the interval.
      ticker: false,
    },
  )
  const post = async <T>(action: string, input?: unknown, token?: string, key?: string) => {
    const res = await fetch(`${app.url}/api/${action}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: input === undefined ? '' : JSON.stringify(input),
    })
    return { status: res.status, body: (await res.json()) as Envelope<T> }
  }
  let sqlite: Database.Database | null = null
  /** The last dump per `except` list, with the data version it was taken at. */
  const dumps = new Map<string, { version: number; text: string }>()
  const readSqlite = () =>
    (sqlite ??= new Database(path.join(dataDir, DATABASE_FILE), { readonly: true }))
  const api: TestApi = {
    app,
    dataDir,
    cloud: cloud ?? null,
    post,
    async data<T>(action: string, input?: unknown, token?: string) {
      const { body } = await post<T>(action, input, token)
      if (!body.ok) throw new Error(`${action} failed: ${body.error.code} ${body.error.message}`)
      return body.data
    },
    async login(openid) {
      return (await api.data<{ token: string }>('auth.devLogin', { openid })).token
    },
    rows(name) {
      if (cloud) return cloud.dump(name)
      return readSqlite().prepare(`SELECT * FROM ${name}`).all() as Record<string, unknown>[]
    },
    dumpAll(except = []) {
      // Nothing was committed since the last dump of the same tables: that dump is still true.
      // (SQLite moves PRAGMA data_version on this reader connection whenever another connection
      // commits; the emulator moves its commit sequence with every committed write.)
      const version = cloud
        ? cloud.dataVersion()
        : Number(readSqlite().pragma('data_version', { simple: true }))
      const key = JSON.stringify(except)
      const cached = dumps.get(key)
      if (cached?.version === version) return cached.text
      const names = cloud
        ? cloud.collectionNames()
        : (
            readSqlite()
              .prepare(
                `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
              )
              .all() as { name: string }[]
          ).map((t) => t.name)
      // Every collection of collections.ts exists in the emulated environment from the start:
      // an empty collection holds no data, so it is left out.
      // Rate-limit counters are the limiter's bookkeeping, which every call (refused ones too)
      // adds to: not data a call writes (tests/api/rate-limits.test.ts reads them itself).
      const kept = names.filter(
        (name) =>
          !except.includes(name) && name !== 'rate_limits' && (!cloud || cloud.size(name) > 0),
      )
      // The emulator keeps each collection's JSON until it changes (the same text as
      // JSON.stringify of the rows).
      const text = cloud
        ? cloud.dumpAllJson(kept)
        : JSON.stringify(
            // Rows as arrays of values in column order: the same proof, without a key per value.
            kept.map((name) => [name, readSqlite().prepare(`SELECT * FROM ${name}`).raw().all()]),
          )
      dumps.set(key, { version, text })
      return text
    },
    auditedRefusals() {
      // Counted where it is stored: the log grows with every call, and the role matrix asks
      // before and after each refusal.
      if (!cloud)
        return Number(
          readSqlite()
            .prepare(`SELECT COUNT(*) FROM audit_log WHERE instr(after_json, 'refused') > 0`)
            .pluck()
            .get(),
        )
      return cloud
        .dump('audit_log')
        .filter((r) => JSON.stringify(r.after ?? '').includes('refused')).length
    },
    async close() {
      sqlite?.close()
      await app.close()
      if (!options.dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true })
        cloudDatabases.delete(dataDir)
      }
    },
  }
  return api
}
