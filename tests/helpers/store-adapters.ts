// The two Store adapters, opened fresh for a test: SQLite on a temp file, and the cloud
// database adapter on the real wx-server-sdk against this worker's CloudBase emulator
// (tests/emulator), in an environment of its own. Contract tests run against both.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { createCloudStore } from '../../server/store/cloud/cloud-store'
import { defaultConflictRetry } from '../../server/store/cloud/transactions'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import type { Snapshot, Store } from '../../server/store/store'
import { type EmulatedEnvironment, freshEnvironment } from '../emulator/harness'

export type StoreKind = 'sqlite' | 'cloud'
export const storeKinds: readonly StoreKind[] = ['sqlite', 'cloud']

/** The adapter the API tests use: `STORE=cloud npx vitest run --project api` for the cloud one. */
export const apiStoreKind = (): StoreKind => (process.env.STORE === 'cloud' ? 'cloud' : 'sqlite')

/**
 * A test's time limit on the API's adapter: on the cloud one every database call is a request
 * through the real SDK to the emulator, several times slower than SQLite, so a long sweep gets
 * ten times the time. A limit, not an assertion: no test measures the emulator's speed.
 */
export const timeLimit = (ms: number) => (apiStoreKind() === 'cloud' ? ms * 10 : ms)

/** An emulated environment, and how often the Store ran a conflicting transaction again. */
export interface CloudTestEnvironment extends EmulatedEnvironment {
  /** Conflicts server/store/cloud/transactions.ts retried after a pause (beyond the SDK's own). */
  storeRetries(): number
}

/** A cloud Store on a fresh emulated environment (collections and indexes of collections.ts). */
export async function createCloudTestStore(): Promise<{
  store: Store
  cloud: CloudTestEnvironment
}> {
  const env = await freshEnvironment()
  let retries = 0
  const store = createCloudStore(env.db, { ...defaultConflictRetry, onRetry: () => retries++ })
  return { store, cloud: { ...env, storeRetries: () => retries } }
}

/** A fresh, empty (or snapshot-loaded) store of the given kind; close() also removes its files. */
export async function openStore(kind: StoreKind, snapshot?: Snapshot): Promise<Store> {
  return (await openStoreWithCloud(kind, snapshot)).store
}

/** Like openStore, with the emulated environment behind a cloud store (null for SQLite). */
export async function openStoreWithCloud(
  kind: StoreKind,
  snapshot?: Snapshot,
): Promise<{ store: Store; cloud: CloudTestEnvironment | null }> {
  let store: Store
  let cloud: CloudTestEnvironment | null = null
  let cleanup = () => {}
  if (kind === 'cloud') ({ store, cloud } = await createCloudTestStore())
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-store-'))
    store = createSqliteStore(path.join(dir, 'test.sqlite'))
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true })
  }
  if (snapshot) await store.importSnapshot(snapshot)
  const close = store.close.bind(store)
  const closing = Object.assign(store, {
    async close() {
      await close()
      cleanup()
    },
  })
  return { store: closing, cloud }
}

/**
 * For a describe block whose tests each open a store: `closing(store)` hands the store back
 * and closes it (removing its files) after the test, passed or failed.
 */
export function closeAfterEach(): <S extends Store>(store: S) => S {
  const opened: Store[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  return (store) => {
    opened.push(store)
    return store
  }
}
