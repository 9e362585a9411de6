// One emulator per test worker (each test file runs in its own worker), the real wx-server-sdk
// pointed at it, and a fresh cloud environment per store: its collections and indexes created
// from server/store/cloud/collections.ts, as DEPLOY.md has the township create them.
import type { CloudDb } from '../../server/store/cloud/sdk'
import { cloudCollections, type CloudIndex } from '../../server/store/cloud/collections'
import type { CloudDatabase, TransactionStats } from './database'
import type { Doc } from './ejson'
import { type Emulator, startEmulator } from './server'
import { loadRealSdk, type RealSdk } from './sdk'

let shared: Promise<{ emulator: Emulator; sdk: RealSdk }> | null = null
let started: Emulator | null = null

/** This worker's emulator if a test started it, else null. */
export const startedEmulator = () => started

/** This worker's emulator and the real SDK pointed at it (started on first use). */
export function sharedEmulator(): Promise<{ emulator: Emulator; sdk: RealSdk }> {
  shared ??= (async () => {
    const emulator = await startEmulator()
    started = emulator
    const sdk = loadRealSdk(emulator.url, 'test-default')
    // The SDK gives up on a request after 15 s by default. Every simulated function instance
    // and the emulator share this worker's event loop (and the machine's cores with whatever
    // else runs): a queue that long says nothing about the platform, so the tests wait longer.
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV, timeout: 120_000 })
    return { emulator, sdk }
  })()
  return shared
}

/** Creates every collection of collections.ts with its indexes (the console's part). */
export function provision(database: CloudDatabase) {
  for (const c of cloudCollections) {
    database.createCollection(c.name)
    for (const index of c.indexes as readonly CloudIndex[])
      database.createIndex(c.name, {
        name: index.name,
        unique: index.unique ?? false,
        fields: index.keys.map(([field]) => field),
      })
  }
}

export interface EmulatedEnvironment {
  env: string
  /** The real SDK's database of this environment, as the cloud Store is given it. */
  db: CloudDb
  /** Every document of a collection, as stored. */
  dump(name: string): Doc[]
  /** JSON.stringify(dump(name)), from a cache while the collection is unchanged. */
  dumpJson(name: string): string
  /** JSON.stringify of [name, dump(name)] pairs, the same string while none changed. */
  dumpAllJson(names: readonly string[]): string
  /** How many documents a collection holds. */
  size(name: string): number
  collectionNames(): string[]
  /** Moves with every committed write or deletion, and only then. */
  dataVersion(): number
  transactionStats(): TransactionStats
  /** Writes documents (canonical Extended JSON) straight into a collection, as an import would. */
  load(name: string, docs: readonly string[]): void
}

let seq = 0

/** A fresh environment with every collection and index in place, and its SDK database. */
export async function freshEnvironment(): Promise<EmulatedEnvironment> {
  const { emulator, sdk } = await sharedEmulator()
  const env = `test-${process.pid}-${++seq}`
  const database = emulator.database(env)
  provision(database)
  return {
    env,
    db: sdk.database({ env, throwOnNotFound: false }),
    dump: (name) => database.dump(name),
    dumpJson: (name) => database.dumpJson(name),
    dumpAllJson: (names) => database.dumpAllJson(names),
    size: (name) => database.size(name),
    collectionNames: () => database.collectionNames(),
    dataVersion: () => database.dataVersion(),
    transactionStats: () => ({ ...database.stats }),
    load: (name, docs) => {
      if (docs.length > 0)
        database.handle('database.insertDocument', { collectionName: name, data: [...docs] })
    },
  }
}
