// A township at county scale on the CloudBase emulator, and the requests each API call costs.
//
// The town is the demo township (server/seed) plus as many extra villages, groups, grids, grid
// workers, households and bound residents as it takes to reach `households`. Seeding writes the
// documents straight into the emulator's database, in process (as a console import would),
// through the cloud Store's own loaders: the documents are exactly what the adapter writes, and
// none of the seeding passes through the SDK or its request counts. Calls are then run as a
// villager, a grid worker and an admin through the Router on the real wx-server-sdk, and each
// call's cost is the number of HTTP requests the SDK sent to the emulator meanwhile.
import { performance } from 'node:perf_hooks'
import { EJSON } from 'bson'
import type { ActionName, Envelope } from '../../contract'
import { createRouter, type Router } from '../../server/router'
import { buildDemoTownship } from '../../server/seed/build-township'
import { createCloudStore } from '../../server/store/cloud/cloud-store'
import type { CloudDb, Doc } from '../../server/store/cloud/sdk'
import type { Snapshot, Store } from '../../server/store/store'
import type { CloudDatabase } from '../emulator/database'
import { provision, sharedEmulator } from '../emulator/harness'
import type { Emulator } from '../emulator/server'

/** Households in one extra village (a county has ≈ 150: 60,000 over 400 villages). */
export const HOUSEHOLDS_PER_VILLAGE = 150
const GROUPS_PER_VILLAGE = 5

/**
 * The demo township grown to `households` households: villages of HOUSEHOLDS_PER_VILLAGE, five
 * groups and one grid each, a grid worker per grid, and a bound resident in every other household.
 */
export function countySnapshot(now: number, households: number): Snapshot {
  const s = buildDemoTownship(now)
  const createdAt = now - 200 * 86_400_000
  let extra = households - s.households.length
  for (let v = 1; extra > 0; v++) {
    const villageId = `vil-x${v}`
    s.villages.push({
      id: villageId,
      name: `县域${v}村`,
      code: null,
      sort: 100 + v,
      archivedAt: null,
    })
    const gridId = `grd-x${v}`
    s.grids.push({ id: gridId, villageId, name: `县域${v}村网格`, archivedAt: null })
    const worker = `usr-gw-x${v}`
    s.users.push({
      id: worker,
      openid: `gw-x${v}`,
      nickname: `网格员${v}`,
      staffRole: 'gridWorker',
      createdAt,
    })
    s.gridWorkers.push({ gridId, userId: worker })
    for (let g = 1; g <= GROUPS_PER_VILLAGE; g++)
      s.groups.push({ id: `grp-x${v}-${g}`, villageId, name: `${g}组`, sort: g, archivedAt: null })
    const here = Math.min(extra, HOUSEHOLDS_PER_VILLAGE)
    for (let h = 1; h <= here; h++) {
      const id = `hh-x${v}-${h}`
      s.households.push({
        id,
        villageId,
        groupId: `grp-x${v}-${1 + (h % GROUPS_PER_VILLAGE)}`,
        gridId,
        headName: `户主${v}之${h}`,
        houseNo: `${h}号`,
        size: 1 + (h % 5),
        phone: null,
        showNameOnRed: false,
        createdAt,
      })
      if (h % 2 === 0) {
        const userId = `usr-x${v}-${h}`
        s.users.push({
          id: userId,
          openid: `r-x${v}-${h}`,
          nickname: `村民${v}之${h}`,
          staffRole: null,
          createdAt,
        })
        s.bindings.push({
          id: `bnd-x${v}-${h}`,
          userId,
          householdId: id,
          relation: 'head',
          status: 'approved',
          createdAt,
          decidedBy: worker,
          decidedAt: createdAt,
          reason: null,
        })
      }
    }
    extra -= here
  }
  return s
}

/**
 * A CloudDb for seeding: add() and doc().set() write straight into the emulator's database in
 * process, encoded as the SDK would (canonical Extended JSON); anything else (a loader's
 * transaction, say) goes through the SDK. Seeding is not measured: calls count differences.
 */
export function bulkDb(database: CloudDatabase, sdkDb: CloudDb): CloudDb {
  const encode = (doc: Doc) => EJSON.stringify(doc, { relaxed: false })
  const insert = (collectionName: string, doc: Doc) =>
    (
      database.handle('database.insertDocument', { collectionName, data: [encode(doc)] }).data as {
        insertedIds: unknown[]
      }
    ).insertedIds[0]
  // The emulator serves the SDK in this same process: seeding yields to the event loop now and
  // then, so that its keep-alive sockets are closed cleanly rather than reset under the SDK.
  let written = 0
  const breathe = async () => {
    if (++written % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    command: sdkDb.command,
    RegExp: (arg) => sdkDb.RegExp(arg),
    runTransaction: (callback, times) => sdkDb.runTransaction(callback, times),
    collection(name: string) {
      const real = sdkDb.collection(name)
      return Object.assign(Object.create(real) as typeof real, {
        // The SDK adds an array of documents in one request (board lines, LINES_PER_ADD).
        add: async ({ data }: { data: Doc | Doc[] }) => {
          await breathe()
          if (Array.isArray(data)) return { ids: data.map((d) => insert(name, d)) }
          return { _id: insert(name, data) }
        },
        doc: (id: string) =>
          Object.assign(Object.create(real.doc(id)) as ReturnType<typeof real.doc>, {
            set: async ({ data }: { data: Doc }) => {
              await breathe()
              return { _id: insert(name, { ...data, _id: id }) }
            },
          }),
      })
    },
  }
}

export interface CountyTown {
  households: number
  snapshot: Snapshot
  store: Store
  router: Router
  emulator: Emulator
  env: string
  database: CloudDatabase
  now: number
}

let envSeq = 0

/** The town in a fresh emulated environment, and a Router (one warm instance) over it. */
export async function openCountyTown(households: number, now: number): Promise<CountyTown> {
  const { emulator, sdk } = await sharedEmulator()
  const env = `county-${process.pid}-${++envSeq}`
  const database = emulator.database(env)
  provision(database)
  const sdkDb = sdk.database({ env, throwOnNotFound: false })
  const snapshot = countySnapshot(now, households)
  await createCloudStore(bulkDb(database, sdkDb)).importSnapshot(snapshot)
  const store = createCloudStore(sdkDb)
  const router = createRouter({
    store,
    devMode: false,
    adminOpenids: ['demo-admin'],
    clock: () => now,
  })
  return { households, snapshot, store, router, emulator, env, database, now }
}

export interface Cost {
  requests: number
  ms: number
  ok: boolean
  /** The SDK actions of this call and how often each was sent. */
  actions: Record<string, number>
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)

/** Runs one call through the Router and counts the requests the SDK sent meanwhile. */
export async function measure(
  town: CountyTown,
  action: ActionName,
  input: unknown,
  openid: string | null,
  key?: string,
): Promise<Cost & { envelope: Envelope<unknown> }> {
  const before = town.emulator.actionCounts()
  const started = performance.now()
  const envelope = await town.router.handle({ action, input, openid, key })
  const ms = performance.now() - started
  const after = town.emulator.actionCounts()
  const actions: Record<string, number> = {}
  for (const [k, n] of after) if (n !== (before.get(k) ?? 0)) actions[k] = n - (before.get(k) ?? 0)
  return {
    requests: total(after) - total(before),
    ms: Math.round(ms),
    ok: envelope.ok,
    actions,
    envelope,
  }
}

/** Who makes a call. */
export type Caller = 'villager' | 'gridWorker' | 'admin'

/** The demo accounts the calls run as: 张大爷 of 柳家村, its grid worker 李红梅, the admin. */
export const COUNTY_CALLERS: Record<Caller, string> = {
  villager: 'demo-resident-1',
  gridWorker: 'demo-grid-1',
  admin: 'demo-admin',
}

export interface CountyCall {
  action: ActionName
  as: Caller
  input: unknown
  /** Writes: the idempotency key of this call. */
  key?: string
  /** Board calls (the board side of issue 20, not budgeted by this module's tests). */
  board?: boolean
}

const dataOf = <T>(e: Envelope<unknown>): T => {
  if (!e.ok) throw new Error(`${e.error.code}: ${e.error.message}`)
  return e.data as T
}

/**
 * The calls of issue 20's budget table, with inputs taken from the town: the newest published
 * notice, the campaign in its voting phase and a candidate of it, the newest published round and
 * the villager's own household in it, the grid worker's grid.
 */
export async function countyCalls(town: CountyTown): Promise<CountyCall[]> {
  const { snapshot: s, now } = town
  const notices = dataOf<{ items: { id: string }[] }>(
    await town.router.handle({
      action: 'notices.list',
      input: {},
      openid: COUNTY_CALLERS.villager,
    }),
  )
  const voting = s.campaigns.find((c) => c.votingStartsAt <= now && now < c.votingEndsAt)
  if (!voting) throw new Error('the demo township has no campaign in its voting phase')
  const candidate = s.nominations.find((n) => n.campaignId === voting.id && n.status === 'approved')
  if (!candidate) throw new Error('the voting campaign has no candidate')
  const round = [...s.rounds]
    .filter((r) => r.status === 'published')
    .sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))[0]
  if (!round) throw new Error('the demo township has no published round')
  const villager = s.users.find((u) => u.openid === COUNTY_CALLERS.villager)
  const binding = s.bindings.find((b) => b.userId === villager?.id && b.status === 'approved')
  const home = s.households.find((h) => h.id === binding?.householdId)
  if (!home) throw new Error('the villager has no household')
  const worker = s.users.find((u) => u.openid === COUNTY_CALLERS.gridWorker)
  const grid = s.gridWorkers.find((w) => w.userId === worker?.id)
  if (!grid) throw new Error('the grid worker has no grid')
  const noticeId = notices.items[0]?.id
  if (!noticeId) throw new Error('no published notice')
  let seq = 0
  const key = () => `county-vote-${town.env}-${++seq}`
  return [
    { action: 'me.get', as: 'villager', input: {} },
    { action: 'notices.list', as: 'villager', input: {} },
    { action: 'notices.get', as: 'villager', input: { id: noticeId } },
    { action: 'campaigns.list', as: 'villager', input: {} },
    { action: 'campaigns.get', as: 'villager', input: { id: voting.id } },
    { action: 'campaigns.candidates', as: 'villager', input: { campaignId: voting.id } },
    {
      action: 'campaigns.vote',
      as: 'villager',
      input: { campaignId: voting.id, candidateId: candidate.id },
      key: key(),
    },
    { action: 'villages.list', as: 'villager', input: {} },
    { action: 'households.list', as: 'gridWorker', input: { gridId: grid.gridId } },
    { action: 'places.tree', as: 'admin', input: {} },
    { action: 'filing.table', as: 'admin', input: {} },
    { action: 'board.villages', as: 'villager', input: { roundId: round.id } },
    { action: 'board.round', as: 'villager', input: { id: round.id }, board: true },
    {
      action: 'board.ranking',
      as: 'villager',
      input: { roundId: round.id, villageId: home.villageId },
      board: true,
    },
    {
      action: 'board.list',
      as: 'villager',
      input: { roundId: round.id, villageId: home.villageId, list: 'red' },
      board: true,
    },
    {
      action: 'board.inspection',
      as: 'villager',
      input: { roundId: round.id, householdId: home.id },
      board: true,
    },
    { action: 'board.history', as: 'villager', input: { householdId: home.id }, board: true },
    {
      action: 'board.inspectables',
      as: 'gridWorker',
      input: { roundId: round.id },
      board: true,
    },
  ]
}

/**
 * Warms the instance, uncounted: one call per caller, and the places tree (which fills the
 * instance's copy of the places and grid staff, kept PLACES_TTL_MS). Answers what that first
 * places.tree cost: the fill an instance pays once a minute.
 */
export async function warm(town: CountyTown): Promise<Cost> {
  const fill = await measure(town, 'places.tree', {}, COUNTY_CALLERS.admin)
  for (const openid of Object.values(COUNTY_CALLERS))
    await town.router.handle({ action: 'me.get', input: {}, openid })
  return fill
}
