// The demo township, seeded once per test run and per adapter, then copied into every test
// server that starts on it. Seeding through the Store takes about a second on SQLite and half a
// minute over the cloud emulator (every document a request through the real SDK); copying the
// result takes milliseconds. The copy is what the seed wrote, byte for byte (SQLite) or document
// for document (cloud), so a server started on it sees the demo township as if it had seeded it.
import fs from 'node:fs'
import path from 'node:path'
import { inject } from 'vitest'
import { DATABASE_FILE } from '../../server/local/app'
import { createLocalMediaStorage, MEDIA_DIR } from '../../server/media/local-disk'
import { seedIfEmpty } from '../../server/seed/seed'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import { encode } from '../emulator/ejson'
import type { StoreKind, CloudTestEnvironment } from './store-adapters'
import { TEST_NOW } from './test-clock'
import { createCloudTestStore } from './store-adapters'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of this run (tests/setup/seed-cache.ts) where the seeded templates are kept. */
    seedCache: string
  }
}

const CLOUD_DOCS = 'cloud-documents.json'
const READY = 'ready'
const WAIT_MS = 10 * 60_000

async function build(kind: StoreKind, dir: string): Promise<void> {
  const media = createLocalMediaStorage(path.join(dir, MEDIA_DIR))
  if (kind === 'sqlite') {
    const store = createSqliteStore(path.join(dir, DATABASE_FILE))
    await seedIfEmpty(store, Date.now(), media)
    await store.close()
    return
  }
  const { store, cloud } = await createCloudTestStore()
  await seedIfEmpty(store, Date.now(), media)
  const docs = Object.fromEntries(
    cloud.collectionNames().map((name) => [name, cloud.dump(name).map(encode)]),
  )
  fs.writeFileSync(path.join(dir, CLOUD_DOCS), JSON.stringify(docs))
  await store.close()
}

/**
 * The folder of the seeded demo township for `kind`: built by the first test file of the run that
 * asks (the others wait for it), then kept until the run ends.
 */
async function template(kind: StoreKind): Promise<string> {
  // Keyed by the clock too: the later projects (api-later, dom-later) seed 45 days on, and a run
  // may hand projects of both dates the same folder.
  const dir = path.join(inject('seedCache'), `${kind}-${TEST_NOW}`)
  const ready = path.join(dir, READY)
  let mine = false
  try {
    fs.mkdirSync(dir)
    mine = true
  } catch {
    // Another test file is building it.
  }
  if (mine) {
    try {
      await build(kind, dir)
      fs.writeFileSync(ready, '')
    } catch (error) {
      fs.writeFileSync(path.join(dir, 'failed'), String(error))
      throw error
    }
    return dir
  }
  const until = Date.now() + WAIT_MS
  while (!fs.existsSync(ready)) {
    if (fs.existsSync(path.join(dir, 'failed')))
      throw new Error(
        `the demo seed failed in another test file: ${fs.readFileSync(path.join(dir, 'failed'), 'utf8')}`,
      )
    if (Date.now() > until) throw new Error(`the demo seed in ${dir} did not finish in time`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return dir
}

function copyMedia(from: string, to: string) {
  const media = path.join(from, MEDIA_DIR)
  if (fs.existsSync(media)) fs.cpSync(media, path.join(to, MEDIA_DIR), { recursive: true })
}

/** Puts the seeded demo township's SQLite file and media into a fresh data folder. */
export async function copySqliteDemo(dataDir: string): Promise<void> {
  const dir = await template('sqlite')
  fs.copyFileSync(path.join(dir, DATABASE_FILE), path.join(dataDir, DATABASE_FILE))
  copyMedia(dir, dataDir)
}

/** Loads the seeded demo township's documents into a fresh emulated environment, media too. */
export async function loadCloudDemo(cloud: CloudTestEnvironment, dataDir: string): Promise<void> {
  const dir = await template('cloud')
  const docs = JSON.parse(fs.readFileSync(path.join(dir, CLOUD_DOCS), 'utf8')) as Record<
    string,
    string[]
  >
  for (const [name, encoded] of Object.entries(docs)) cloud.load(name, encoded)
  copyMedia(dir, dataDir)
}
