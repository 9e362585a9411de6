// What every repository of the cloud Store shares: records <-> documents, reads that page past
// the SDK's per-call caps, keyset pages, unique keys, and the household view's place names.
//
// Conventions (every repository keeps them, and importSnapshot relies on them):
// - a document is its record with `id` stored as `_id`; fields that are undefined are left out;
// - moments stay epoch milliseconds (numbers), as in the records;
// - a repository may add derived fields to its documents (for where/orderBy) and strips them
//   again in its own mapper.
import { type HouseholdView, type Keyset, type Page, UniqueViolation } from '../common'
import type { GridRecord, GroupRecord, HouseholdRecord, VillageRecord } from '../records'
import { houseSortKey } from '../../places/house-order.rules'
import type {
  Aggregate,
  CloudDb,
  CollectionRef,
  Doc,
  DocRef,
  Query,
  Transaction,
  TxCollection,
} from './sdk'

/** Most documents one get() answers in a cloud function (and our page size for reading all). */
export const GET_MAX = 100

/** A record as a document: `id` becomes `_id`, undefined fields are dropped. */
export function toDoc(record: object): Doc {
  const doc: Doc = {}
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue
    doc[key === 'id' ? '_id' : key] = value
  }
  return doc
}

/** A document as a record: `_id` becomes `id`, the fields listed in `drop` are removed. */
export function fromDoc<T>(doc: Doc, drop: readonly string[] = []): T {
  const record: Doc = { id: String(doc._id) }
  for (const [key, value] of Object.entries(doc)) {
    if (key !== '_id' && !drop.includes(key)) record[key] = value
  }
  return record as T
}

const errorText = (e: unknown) =>
  e && typeof e === 'object'
    ? String((e as { errMsg?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '')
    : String(e)

/** A duplicate `_id` or unique-index key: errCode -502001 with MongoDB's E11000 text. */
export function isDuplicate(e: unknown): boolean {
  return /E11000|duplicate key/i.test(errorText(e))
}

function isNotFound(e: unknown): boolean {
  return /does not exist|cannot find document/i.test(errorText(e))
}

/** One document by `_id`, or null (whether or not the database throws on a missing one). */
export async function getDoc(ref: DocRef): Promise<Doc | null> {
  try {
    return (await ref.get()).data ?? null
  } catch (e) {
    if (isNotFound(e)) return null
    throw e
  }
}

/** Adds a document; a duplicate `_id` or unique key becomes UniqueViolation(constraint). */
export async function addUnique(
  collection: CollectionRef | TxCollection,
  data: Doc,
  constraint: string,
): Promise<void> {
  try {
    await collection.add({ data })
  } catch (e) {
    if (isDuplicate(e)) throw new UniqueViolation(constraint)
    throw e
  }
}

/**
 * Claims `key` in `unique_keys` (inside the transaction that writes what it guards): the guard
 * for a key no unique index can express. Throws UniqueViolation(constraint) when taken.
 */
export function claimKey(
  tx: Pick<Transaction, 'collection'> | CloudDb,
  key: string,
  owner: string,
  constraint: string,
): Promise<void> {
  return addUnique(tx.collection(UNIQUE_KEYS), { _id: key, owner }, constraint)
}

/** Frees a key claimed by claimKey; a key that is not there is fine. */
export async function releaseKey(
  tx: Pick<Transaction, 'collection'> | CloudDb,
  key: string,
): Promise<void> {
  const ref = tx.collection(UNIQUE_KEYS).doc(key)
  if (await getDoc(ref)) await ref.remove()
}

export const UNIQUE_KEYS = 'unique_keys'

/**
 * Every document a query matches, GET_MAX at a time. The query must be ordered by something
 * unique (end its orderBy chain with `_id`) so that pages neither skip nor repeat documents.
 */
export async function all(query: Query): Promise<Doc[]> {
  const out: Doc[] = []
  for (;;) {
    const { data } = await query.skip(out.length).limit(GET_MAX).get()
    out.push(...data)
    if (data.length < GET_MAX) return out
  }
}

/**
 * Groups one grouping aggregate answers per request (its $limit stage). GET_MAX is documents;
 * groups are small, and the server SDK's documented maximum for a limit is 1,000.
 */
export const AGGREGATE_PAGE = 1000

/**
 * Every group of a grouping aggregate (`start` builds it up to its group stage), in `_id` order,
 * AGGREGATE_PAGE a request: never the 20 an aggregate without a limit answers.
 */
export async function groupsOf(start: () => Aggregate): Promise<Doc[]> {
  const out: Doc[] = []
  for (;;) {
    const sorted = start().sort({ _id: 1 })
    const { list } = await (out.length > 0 ? sorted.skip(out.length) : sorted)
      .limit(AGGREGATE_PAGE)
      .end()
    out.push(...list)
    if (list.length < AGGREGATE_PAGE) return out
  }
}

/** Every document of a collection, optionally matching `where`, in `_id` order. */
export function allOf(db: CloudDb, collection: string, where?: object): Promise<Doc[]> {
  const base = db.collection(collection)
  return all((where ? base.where(where) : base).orderBy('_id', 'asc'))
}

/** Documents by `_id`, GET_MAX ids per query; missing ids are simply absent from the map. */
export async function byIds(
  db: CloudDb,
  collection: string,
  ids: Iterable<string>,
): Promise<Map<string, Doc>> {
  const unique = [...new Set(ids)]
  const found = new Map<string, Doc>()
  for (let i = 0; i < unique.length; i += GET_MAX) {
    const chunk = unique.slice(i, i + GET_MAX)
    const { data } = await db
      .collection(collection)
      .where({ _id: db.command.in(chunk) })
      .limit(GET_MAX)
      .get()
    for (const doc of data) found.set(String(doc._id), doc)
  }
  return found
}

/**
 * Documents that never change once written, kept per warm function instance (per database
 * handle): a rubric version and its criteria (a new rubric is a new version with new criterion
 * ids; nothing edits one). Bounded: a township has a few dozen.
 */
const unchanging = new WeakMap<CloudDb, Map<string, Doc>>()

/** Documents by id from the instance's cache of unchanging documents, reading those missing. */
export async function unchangingByIds(
  db: CloudDb,
  collection: 'criteria' | 'rubrics',
  ids: Iterable<string>,
): Promise<Map<string, Doc>> {
  let cache = unchanging.get(db)
  if (!cache) unchanging.set(db, (cache = new Map()))
  const wanted = [...new Set(ids)]
  const missing = wanted.filter((id) => !cache.has(`${collection}/${id}`))
  if (missing.length > 0) {
    if (cache.size > 5_000) cache.clear()
    for (const [id, doc] of await byIds(db, collection, missing)) {
      cache.set(`${collection}/${id}`, doc)
      // A rubric version carries its criteria (board-docs rubricViews): they are kept too, so
      // that an inspection read after its rubric reads no criteria documents.
      if (collection === 'rubrics' && Array.isArray(doc.criteria))
        for (const c of doc.criteria as Doc[])
          if (typeof c.id === 'string') cache.set(`criteria/${c.id}`, toDoc(c))
    }
  }
  const out = new Map<string, Doc>()
  for (const id of wanted) {
    const doc = cache.get(`${collection}/${id}`)
    if (doc) out.set(id, doc)
  }
  return out
}

export interface KeysetQuery {
  collection: string
  /** A where() condition (plain object or command); omitted = every document. */
  where?: object
  /** The sort field; ties are broken by `_id` in the same direction. */
  field: string
  direction: 'asc' | 'desc'
  after?: Keyset
  limit: number
}

/**
 * One page of a collection in (field, _id) order, starting after a keyset: the same paging the
 * SQLite adapter does. `next` points at the last document when there may be more.
 */
export async function keysetPage(
  db: CloudDb,
  q: KeysetQuery,
): Promise<{ docs: Doc[]; next: Keyset | null }> {
  const _ = db.command
  const beyond = q.direction === 'desc' ? _.lt.bind(_) : _.gt.bind(_)
  const conds: object[] = q.where ? [q.where] : []
  if (q.after)
    conds.push(
      _.or([
        { [q.field]: beyond(q.after.at) },
        { [q.field]: _.eq(q.after.at), _id: beyond(q.after.id) },
      ]),
    )
  const base = db.collection(q.collection)
  const filtered =
    conds.length === 0 ? base : base.where(conds.length === 1 ? conds[0] : _.and(conds))
  const size = Math.min(q.limit, GET_MAX - 1)
  const { data } = await filtered
    .orderBy(q.field, q.direction)
    .orderBy('_id', q.direction)
    .limit(size + 1)
    .get()
  const docs = data.slice(0, size)
  const last = docs[docs.length - 1]
  const next =
    data.length > size && last
      ? { at: last[q.field] as number | string, id: String(last._id) }
      : null
  return { docs, next }
}

/**
 * A keyset page over rows already in memory (joined or filtered in the function), sorted by
 * (key, id) in `direction`: for reads whose condition where() cannot express.
 */
export function pageRows<T>(
  rows: readonly T[],
  key: (row: T) => number | string,
  idOf: (row: T) => string,
  direction: 'asc' | 'desc',
  after: Keyset | undefined,
  limit: number,
): Page<T> {
  const sign = direction === 'desc' ? -1 : 1
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0)
  const sorted = [...rows].sort((a, b) => sign * (cmp(key(a), key(b)) || cmp(idOf(a), idOf(b))))
  const start = after
    ? sorted.filter((r) => sign * (cmp(key(r), after.at) || cmp(idOf(r), after.id)) > 0)
    : sorted
  const items = start.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items,
    next: start.length > limit && last ? { at: key(last), id: idOf(last) } : null,
  }
}

/** Runs writes in batches of `size` at a time (bulk imports outside a transaction). */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  write: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(write))
}

/** Adds records as documents (seed and snapshot import). */
export function addAll(db: CloudDb, collection: string, records: readonly object[]) {
  return inBatches(records, 20, (r) => db.collection(collection).add({ data: toDoc(r) }))
}

export interface Places {
  villages: Map<string, VillageRecord>
  groups: Map<string, GroupRecord>
  grids: Map<string, GridRecord>
}

/**
 * How long a warm function instance keeps the villages, groups and grids it read (with their
 * household counts) before it reads them again. Places change rarely (an admin renames a
 * village, a roster import adds one); every such write through this instance drops its copy at
 * once (placesChanged), and other instances see it within this many milliseconds.
 */
export const PLACES_TTL_MS = 60_000

const instanceCache = new WeakMap<CloudDb, Map<string, { at: number; value: Promise<unknown> }>>()

/**
 * What this warm instance read of the places (villages, groups, grids, grid workers), kept
 * PLACES_TTL_MS under `key`; `load` runs when there is none or it is older. A failed load is
 * not kept.
 */
export function placesCached<T>(db: CloudDb, key: string, load: () => Promise<T>): Promise<T> {
  let entries = instanceCache.get(db)
  if (!entries) instanceCache.set(db, (entries = new Map()))
  const now = Date.now()
  const cached = entries.get(key)
  if (cached && now - cached.at < PLACES_TTL_MS) return cached.value as Promise<T>
  const value = load()
  const kept = entries
  kept.set(key, { at: now, value })
  value.catch(() => {
    if (kept.get(key)?.value === value) kept.delete(key)
  })
  return value
}

/** Drops this instance's copy of the places: the next read loads them again. */
export function placesChanged(db: CloudDb): void {
  instanceCache.delete(db)
}

/** A place document's household count (kept up to date by household writes), or null. */
export const householdCountOf = (place: object): number | null => {
  const n = (place as { householdCount?: unknown }).householdCount
  return typeof n === 'number' ? n : null
}

export type PlaceCollection = 'villages' | 'groups' | 'grids'

/** Changes to places' household counts: `${collection}/${id}` → how many more (or fewer). */
export type CountDeltas = Map<`${PlaceCollection}/${string}`, number>

/** Adds `n` to the count of a place in `deltas`. */
export function countDelta(
  deltas: CountDeltas,
  collection: PlaceCollection,
  id: string,
  n: number,
) {
  const key = `${collection}/${id}` as const
  deltas.set(key, (deltas.get(key) ?? 0) + n)
}

/**
 * Applies household count changes to the places' documents inside the transaction that writes
 * the households. A place stored before counts existed (no householdCount) is left alone: it
 * is counted when the places are next read (fillCounts).
 */
export async function applyCounts(tx: Pick<Transaction, 'collection'>, deltas: CountDeltas) {
  for (const [key, n] of deltas) {
    if (n === 0) continue
    const [collection = '', id = ''] = key.split('/')
    const ref = tx.collection(collection).doc(id)
    const doc = await getDoc(ref)
    const count = doc ? householdCountOf(doc) : null
    if (count !== null) await ref.update({ data: { householdCount: count + n } })
  }
}

/** What each kind of place is called in a household document. */
const placeField = { villages: 'villageId', groups: 'groupId', grids: 'gridId' } as const

/**
 * Places stored before their household count existed: counts them (count(), no cap) and stores
 * the count where the document still has none. Runs once per such place, after an upgrade.
 */
async function fillCounts(db: CloudDb, collection: keyof typeof placeField, docs: Doc[]) {
  const _ = db.command
  for (const doc of docs) {
    if (householdCountOf(doc) !== null) continue
    const { total } = await db
      .collection('households')
      .where({ [placeField[collection]]: String(doc._id) })
      .count()
    doc.householdCount = total
    await db
      .collection(collection)
      .where({ _id: String(doc._id), householdCount: _.exists(false) })
      .update({ data: { householdCount: total } })
  }
}

async function readPlaces(db: CloudDb): Promise<Places> {
  const names = ['villages', 'groups', 'grids'] as const
  const [villages, groups, grids] = await Promise.all(names.map((c) => allOf(db, c)))
  await Promise.all(names.map((c, i) => fillCounts(db, c, [villages, groups, grids][i] ?? [])))
  const index = <T extends { id: string }>(docs: Doc[] | undefined) =>
    new Map((docs ?? []).map((d) => [String(d._id), fromDoc<T>(d)]))
  return {
    villages: index<VillageRecord>(villages),
    groups: index<GroupRecord>(groups),
    grids: index<GridRecord>(grids),
  }
}

/**
 * Every village, group and grid, with their household counts: read once per warm instance and
 * kept PLACES_TTL_MS (a county has hundreds of villages and thousands of groups, read in pages).
 */
export function loadPlaces(db: CloudDb): Promise<Places> {
  return placesCached(db, 'places', () => readPlaces(db))
}

/** A household document with its place names. */
export function householdView(doc: Doc, places: Places): HouseholdView {
  // houseSort is the stored walking-order key, not part of the record.
  const h = fromDoc<HouseholdRecord>(doc, ['houseSort'])
  return {
    ...h,
    villageName: places.villages.get(h.villageId)?.name ?? '',
    groupName: places.groups.get(h.groupId)?.name ?? '',
    gridName: places.grids.get(h.gridId)?.name ?? '',
  }
}

/** A household as stored: the record and its walking-order key (house-order.rules.ts). */
export const householdDoc = (h: HouseholdRecord) => ({ ...h, houseSort: houseSortKey(h.houseNo) })

/** Household views by id, with their place names. */
export async function householdViews(
  db: CloudDb,
  ids: Iterable<string>,
  places?: Places,
): Promise<Map<string, HouseholdView>> {
  const [docs, p] = await Promise.all([
    byIds(db, 'households', ids),
    places ? Promise.resolve(places) : loadPlaces(db),
  ])
  return new Map([...docs].map(([id, d]) => [id, householdView(d, p)]))
}
