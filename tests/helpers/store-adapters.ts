// The two Store adapters, opened fresh for a test: SQLite on a temp file, and the cloud
// database adapter over the in-memory wx-server-sdk double. Contract tests run against both.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCloudStore } from '../../server/store/cloud/cloud-store'
import { uniqueIndexes } from '../../server/store/cloud/collections'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import type { Snapshot, Store } from '../../server/store/store'
import { type CloudDouble, createCloudDouble } from './wx-server-sdk-double'

export type StoreKind = 'sqlite' | 'cloud'
export const storeKinds: readonly StoreKind[] = ['sqlite', 'cloud']

/** The adapter the API tests use: `STORE=cloud npx vitest run --project api` for the cloud one. */
export const apiStoreKind = (): StoreKind => (process.env.STORE === 'cloud' ? 'cloud' : 'sqlite')

/** A cloud Store over a fresh double, with the unique indexes collections.ts declares. */
export function createCloudTestStore(now?: () => number): { store: Store; double: CloudDouble } {
  const double = createCloudDouble({ now, uniqueIndexes: uniqueIndexes() })
  double.cloud.init({ env: double.cloud.DYNAMIC_CURRENT_ENV })
  const store = createCloudStore(double.cloud.database({ throwOnNotFound: false }))
  return { store, double }
}

/** A fresh, empty (or snapshot-loaded) store of the given kind; close() also removes its files. */
export async function openStore(kind: StoreKind, snapshot?: Snapshot): Promise<Store> {
  return (await openStoreWithDouble(kind, snapshot)).store
}

/** Like openStore, with the cloud double behind a cloud store (null for SQLite) for assertions. */
export async function openStoreWithDouble(
  kind: StoreKind,
  snapshot?: Snapshot,
): Promise<{ store: Store; double: CloudDouble | null }> {
  let store: Store
  let double: CloudDouble | null = null
  let cleanup = () => {}
  if (kind === 'cloud') ({ store, double } = createCloudTestStore())
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
  return { store: closing, double }
}
