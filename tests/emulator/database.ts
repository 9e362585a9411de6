// One emulated cloud environment's database: collections of documents, unique indexes, and
// optimistic transactions. Matching, updating, projecting, sorting and aggregating are mingo's
// (MongoDB semantics, which the platform's database is built on); what this file adds is only
// where the platform differs, each with the page it comes from:
//   DB   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Cloud.database.html
//   TX   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Database.runTransaction.html
//   GET  https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/read.html
//   AGG  https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.end.html
//   IDX  https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/performance-optimization.html
//   ERR  https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/errcode.html
import { randomBytes } from 'node:crypto'
import { aggregate as mingoAggregate, Query, update as mingoUpdate } from 'mingo'
import { decode, decodeDoc, type Doc, encode } from './ejson'
import { bound, compile, FieldIndex, type QueryPlan, usableFields } from './query-index'

/** An error answered as the tcb API answers one: `{ code, message }` (TCB_ERR_CODE names). */
export class TcbApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Most documents one getDocument answers. GET: "在云函数端默认及最大上限为 100"; the reference
 * page of Collection.limit says 1000 and the SDK itself sends min(limit, 1000) (its default is
 * 100). The stricter 100 is kept: an adapter that pages past it is safe under both readings.
 */
export const GET_MAX = 100

/**
 * Without a $limit stage, aggregate().end() answers 20 results at most: observed on the
 * platform and reported in
 * https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13
 * (AGG says nothing either way).
 */
export const AGGREGATE_DEFAULT_LIMIT = 20

export interface IndexSpec {
  name: string
  fields: string[]
  unique: boolean
}

interface CollectionState {
  /** idKey -> document, in natural order (insertion; an update keeps the place). */
  docs: Map<string, Doc>
  /** idKey -> its place in natural order (ascending with the docs map's order). */
  place: Map<string, number>
  nextPlace: number
  indexes: IndexSpec[]
  /** Per unique index: key -> the idKey of the document holding it. */
  taken: Map<string, Map<string, string>>
  /** A hash index per field of the declared indexes (query-index.ts). */
  fields: Map<string, FieldIndex>
  /**
   * The string `_id`s in ascending order and their idKeys (null: to be rebuilt on use), and
   * how many `_id`s are not strings.
   */
  sortedIds: { ids: string[]; keys: string[] } | null
  otherIds: number
  /** Bumped by every committed write: dumpJson's cache is good while it stays. */
  writes: number
  json: { writes: number; text: string } | null
}

/** Candidates of a query from an index: how many, which, and a membership test. */
interface Candidates {
  size: number
  ids: () => Iterable<string>
  has: (id: string) => boolean
}

interface Staged {
  collection: string
  id: unknown
  doc: Doc | undefined
}

interface Transaction {
  /** The commit sequence at the transaction's first read or write: its snapshot (as MongoDB). */
  startSeq: number | null
  /** Version and copy of each document the transaction touched, when it first touched it. */
  seen: Map<string, { version: number; doc: Doc | undefined }>
  writes: Map<string, Staged>
  /** Touched a document committed after its snapshot: the commit will conflict. */
  doomed: boolean
  state: 'open' | 'committed' | 'aborted'
}

export interface TransactionStats {
  started: number
  committed: number
  /** Commits refused with DATABASE_TRANSACTION_CONFLICT. */
  conflicts: number
  aborted: number
}

const idKey = (id: unknown) => JSON.stringify(id)
const docKey = (collection: string, id: unknown) => `${collection}\u0000${idKey(id)}`

function getPath(doc: Doc, path: string): unknown {
  let at: unknown = doc
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Doc)[part]
  }
  return at
}

/** A platform-style generated `_id`: 32 hex digits. */
const generateId = () => randomBytes(16).toString('hex')

/** Parameters the SDK sends with a database action (JSON body of POST /admin). */
export interface DbParams {
  collectionName?: string
  queryType?: 'WHERE' | 'DOC'
  query?: string
  order?: string
  offset?: number
  limit?: number
  projection?: string
  data?: string | string[]
  multi?: boolean
  merge?: boolean
  upsert?: boolean
  transactionId?: string
  stages?: { stageKey: string; stageValue: string }[]
}

/**
 * The query matching everything, for sorting, paging and projecting: mingo's `find()` builds a
 * Query per call, and its options merge mingo's whole operator table twice each time.
 */
const EVERYTHING = new Query({})
const find = (docs: Doc[], projection: Doc | undefined) => EVERYTHING.find(docs, projection)

/** Compiled queries kept (the same query strings come back page after page). */
const PLAN_CACHE = 2_000

export interface DatabaseOptions {
  /** false: every query tests every document (the reference the indexed path is checked on). */
  indexed?: boolean
  /**
   * Above this many candidates, a query ordered by `_id` walks the collection's sorted `_id`s
   * and stops at its page instead of testing and sorting every candidate.
   */
  walkAbove?: number
  /**
   * Candidates are put in natural order by sorting them when they are fewer than the
   * collection's size divided by this, else by walking the collection.
   */
  sortBelowOneIn?: number
}

export class CloudDatabase {
  private readonly collections = new Map<string, CollectionState>()
  private readonly plans = new Map<string, QueryPlan>()
  private lastDump: { key: string; text: string } | null = null
  private readonly indexed: boolean
  private readonly walkAbove: number
  private readonly sortBelowOneIn: number
  /** Per document: the commit sequence number of its last committed write (or deletion). */
  private readonly versions = new Map<string, number>()
  private seq = 0
  private readonly transactions = new Map<string, Transaction>()
  readonly stats: TransactionStats = { started: 0, committed: 0, conflicts: 0, aborted: 0 }
  /** Documents queries have tested so far: what the indexes save (tests read it). */
  documentsTested = 0

  constructor(
    readonly envId: string,
    options: DatabaseOptions = {},
  ) {
    this.indexed = options.indexed ?? true
    this.walkAbove = options.walkAbove ?? 512
    this.sortBelowOneIn = options.sortBelowOneIn ?? 16
  }

  // --- set-up and inspection (the console's part, and tests') -------------------------------

  createCollection(name: string): boolean {
    if (this.collections.has(name)) return false
    this.collections.set(name, {
      docs: new Map(),
      place: new Map(),
      nextPlace: 0,
      indexes: [],
      taken: new Map(),
      fields: new Map(),
      sortedIds: { ids: [], keys: [] },
      otherIds: 0,
      writes: 0,
      json: null,
    })
    return true
  }

  /** IDX: a unique index over plain fields has no sparse form: a missing field counts as null. */
  createIndex(collection: string, index: IndexSpec) {
    const c = this.collection(collection)
    c.indexes = c.indexes.filter((i) => i.name !== index.name)
    c.taken.delete(index.name)
    if (index.unique) {
      const taken = new Map<string, string>()
      for (const [id, doc] of c.docs) {
        const key = this.indexKey(index, doc)
        if (taken.has(key)) throw this.duplicate(collection, index, key)
        taken.set(key, id)
      }
      c.taken.set(index.name, taken)
    }
    c.indexes.push(index)
    for (const field of index.fields)
      if (field !== '_id' && !c.fields.has(field)) {
        const hash = new FieldIndex(field)
        for (const [id, doc] of c.docs) hash.add(id, doc)
        c.fields.set(field, hash)
      }
  }

  indexes(collection: string): IndexSpec[] {
    return [...this.collection(collection).indexes]
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].sort()
  }

  /** The commit sequence: it moves with every committed write or deletion, and only then. */
  dataVersion(): number {
    return this.seq
  }

  /** Every document of a collection, as stored (copies). */
  dump(name: string): Doc[] {
    const c = this.collections.get(name)
    return c ? [...c.docs.values()].map((d) => structuredClone(d)) : []
  }

  /** How many documents a collection holds (0 for one that does not exist). */
  size(name: string): number {
    return this.collections.get(name)?.docs.size ?? 0
  }

  /**
   * Every document of a collection as JSON (what JSON.stringify(dump(name)) gives), kept until
   * the collection's next write: tests compare whole environments before and after a call.
   */
  dumpJson(name: string): string {
    const c = this.collections.get(name)
    if (!c) return '[]'
    if (c.json?.writes !== c.writes)
      c.json = { writes: c.writes, text: JSON.stringify([...c.docs.values()]) }
    return c.json.text
  }

  /**
   * `[[name, documents], …]` of the given collections as JSON (what JSON.stringify of the pairs
   * of dump() gives), the same string again while none of them changed: comparing a whole
   * environment before and after a call that wrote nothing then compares one string with itself.
   */
  dumpAllJson(names: readonly string[]): string {
    const key = names
      .map((n) => `${n}\u0000${this.collections.get(n)?.writes ?? -1}`)
      .join('\u0001')
    if (this.lastDump?.key !== key)
      this.lastDump = {
        key,
        text: `[${names.map((n) => `[${JSON.stringify(n)},${this.dumpJson(n)}]`).join(',')}]`,
      }
    return this.lastDump.text
  }

  // --- the actions ---------------------------------------------------------------------------

  /** Runs one database.* action; answers the `data` (or top-level fields) of the reply. */
  handle(action: string, p: DbParams): Doc {
    switch (action) {
      case 'database.addCollection':
        if (!p.collectionName) throw new TcbApiError('INVALID_PARAM', 'collectionName missing')
        if (!this.createCollection(p.collectionName))
          throw new TcbApiError(
            'DATABASE_COLLECTION_ALREADY_EXIST',
            `[ResourceInUse] Table exist. ${p.collectionName}`,
          )
        return { data: {} }
      case 'database.startTransaction':
        return { transactionId: this.startTransaction() }
      case 'database.commitTransaction':
        try {
          this.commit(this.transaction(p.transactionId))
        } finally {
          if (p.transactionId) this.transactions.delete(p.transactionId)
        }
        return { data: {} }
      case 'database.abortTransaction':
        this.abort(p.transactionId)
        return { data: {} }
      case 'database.insertDocument':
        return { data: { insertedIds: this.insert(p) } }
      case 'database.getDocument':
        return { data: this.get(p) }
      case 'database.calculateDocument':
        this.noTransaction(p, action)
        return { data: { total: this.matching(p).length } }
      case 'database.modifyDocument':
        return { data: this.modify(p) }
      case 'database.removeDocument':
        return { data: { deleted: this.remove(p) } }
      case 'database.aggregateDocuments':
        return { data: { list: this.aggregate(p).map(encode) } }
      default:
        throw new TcbApiError('INVALID_PARAM', `the emulator does not know ${action}`)
    }
  }

  // --- reading -------------------------------------------------------------------------------

  private collection(name: string | undefined): CollectionState {
    const c = name ? this.collections.get(name) : undefined
    // ERR -502005 DATABASE_COLLECTION_NOT_EXIST: collections are created in the console first.
    if (!c)
      throw new TcbApiError(
        'DATABASE_COLLECTION_NOT_EXIST',
        `[ResourceNotFound] Db or Table not exist: ${name ?? ''}`,
      )
    return c
  }

  private criteria(p: DbParams): Doc {
    return p.query ? decodeDoc(p.query) : {}
  }

  /** Tests one document against a query, counting it (documentsTested). */
  private test(plan: QueryPlan, doc: Doc): boolean {
    this.documentsTested++
    return plan.query.test(doc)
  }

  /** A query string compiled (mingo's Query and what the indexes can use), cached. */
  private plan(text: string | undefined): QueryPlan {
    const key = text ?? ''
    let plan = this.plans.get(key)
    if (plan) {
      // Most recently used last: the first entry is the one to drop.
      this.plans.delete(key)
    } else {
      plan = compile(text ? decodeDoc(text) : {})
      if (this.plans.size >= PLAN_CACHE) this.plans.delete(this.plans.keys().next().value ?? '')
    }
    this.plans.set(key, plan)
    return plan
  }

  /**
   * The idKeys a query's matches are among (a superset: mingo tests each), from the narrowest
   * index the query can use: `_id` or a hash index of a declared index's equality prefix.
   * Null: no index applies, every document is a candidate.
   */
  private lookup(c: CollectionState, plan: QueryPlan): Candidates | null {
    if (!this.indexed) return null
    let byId: Set<string> | null = null
    if (plan.ids) byId = new Set(plan.ids.map(idKey).filter((k) => c.docs.has(k)))
    let best: { hash: FieldIndex; keys: string[]; size: number } | null = null
    for (const field of usableFields(plan, c.indexes)) {
      const hash = c.fields.get(field)
      const keys = plan.equal.get(field)
      if (!hash || !keys) continue
      const size = hash.size(keys)
      if (!best || size < best.size) best = { hash, keys, size }
    }
    if (byId && (!best || byId.size <= best.size)) {
      const found = byId
      return { size: found.size, ids: () => found, has: (id) => found.has(id) }
    }
    if (!best) return null
    const { hash, keys, size } = best
    return { size, ids: () => hash.ids(keys), has: hash.member(keys) }
  }

  /** The committed documents a WHERE query matches, in insertion (natural) order. */
  private matching(p: DbParams): Doc[] {
    return this.matchingIn(this.collection(p.collectionName), this.plan(p.query))
  }

  private matchingIn(c: CollectionState, plan: QueryPlan): Doc[] {
    const found = this.lookup(c, plan)
    const out: Doc[] = []
    if (!found || found.size * this.sortBelowOneIn >= c.docs.size) {
      // Most of the collection: walking it in order beats sorting the candidates.
      for (const [id, doc] of c.docs)
        if ((!found || found.has(id)) && this.test(plan, doc)) out.push(doc)
      return out
    }
    // Buckets of different values are disjoint: no candidate comes twice.
    const ids = [...found.ids()].sort((a, b) => (c.place.get(a) ?? 0) - (c.place.get(b) ?? 0))
    for (const id of ids) {
      const doc = c.docs.get(id)
      if (doc && this.test(plan, doc)) out.push(doc)
    }
    return out
  }

  /**
   * A query ordered by `_id` first (unique, so the rest of the order never matters) over many
   * candidates, when every `_id` of the collection is a string (mingo then sorts them as
   * JavaScript does): the candidates are tested in `_id` order until `want` match. They come
   * either from walking the collection's sorted `_id`s within the query's `_id` bounds, or, when
   * an index gives far fewer candidates than that range holds, from sorting those by `_id`.
   * Null when this does not apply.
   */
  private orderedById(
    c: CollectionState,
    plan: QueryPlan,
    order: Record<string, 1 | -1>,
    want: number,
  ): Doc[] | null {
    if (!this.indexed || Object.keys(order)[0] !== '_id' || c.otherIds > 0 || want <= 0) return null
    const found = this.lookup(c, plan)
    if (found && found.size <= this.walkAbove) return null
    const desc = order._id === -1
    const out: Doc[] = []
    const sortFound = () => {
      const docs = [...(found as Candidates).ids()].map((id) => c.docs.get(id) as Doc)
      docs.sort((x, y) => {
        const a = x._id as string
        const b = y._id as string
        return (a < b ? -1 : a > b ? 1 : 0) * (desc ? -1 : 1)
      })
      for (const doc of docs) {
        if (this.test(plan, doc)) out.push(doc)
        if (out.length >= want) break
      }
      return out
    }
    // Rebuilding the sorted _ids costs the whole collection: not for a quarter of it.
    if (found && !c.sortedIds && found.size * 4 < c.docs.size) return sortFound()
    if (!c.sortedIds) {
      const ids = [...c.docs.values()].map((d) => d._id as string).sort()
      c.sortedIds = { ids, keys: ids.map(idKey) }
    }
    const { ids, keys } = c.sortedIds
    const range = plan.idRange
    let lo = 0
    let hi = ids.length
    if (range.gt !== undefined) lo = Math.max(lo, bound(ids, range.gt, true))
    if (range.gte !== undefined) lo = Math.max(lo, bound(ids, range.gte, false))
    if (range.lt !== undefined) hi = Math.min(hi, bound(ids, range.lt, false))
    if (range.lte !== undefined) hi = Math.min(hi, bound(ids, range.lte, true))
    if (found && found.size * 4 < hi - lo) return sortFound()
    for (let n = 0; n < hi - lo && out.length < want; n++) {
      const id = keys[desc ? hi - 1 - n : lo + n] as string
      const doc = c.docs.get(id)
      if (doc && (!found || found.has(id)) && this.test(plan, doc)) out.push(doc)
    }
    return out
  }

  private get(p: DbParams): Doc {
    const c = this.collection(p.collectionName)
    const projection = p.projection ? (decode(p.projection) as Doc) : undefined
    if (p.queryType === 'DOC') {
      const id = this.criteria(p)._id
      const doc = p.transactionId
        ? this.readInTransaction(this.transaction(p.transactionId), p.collectionName!, id)
        : c.docs.get(idKey(id))
      const list = !doc ? [] : projection ? find([doc], projection).all() : [doc]
      return { list: list.map((d) => encode(d as Doc)) }
    }
    // TX: inside a transaction only single documents are read and written (doc(), add()).
    this.noTransaction(p, 'a query')
    const plan = this.plan(p.query)
    const order = p.order ? (decode(p.order) as Record<string, 1 | -1>) : undefined
    const sorted = order && Object.keys(order).length > 0 ? order : undefined
    const offset = p.offset ?? 0
    const limit = Math.min(p.limit ?? GET_MAX, GET_MAX)
    const walked =
      sorted && offset >= 0 && limit > 0 ? this.orderedById(c, plan, sorted, offset + limit) : null
    let cursor
    if (walked) cursor = find(walked.slice(offset), projection)
    else {
      cursor = find(this.matchingIn(c, plan), projection)
      if (sorted) cursor.sort(sorted)
      cursor.skip(offset).limit(limit)
    }
    const list = cursor.all().map((d) => encode(d as Doc))
    return { list, limit, offset }
  }

  private aggregate(p: DbParams): Doc[] {
    this.noTransaction(p, 'aggregate')
    const c = this.collection(p.collectionName)
    const pipeline = (p.stages ?? []).map((s) => ({ [s.stageKey]: decode(s.stageValue) }))
    const limited = pipeline.some((s) => '$limit' in s)
    // A leading $match picks its documents through the indexes (it runs again, to no effect).
    const first = p.stages?.[0]
    const source =
      first?.stageKey === '$match'
        ? this.matchingIn(c, this.plan(first.stageValue))
        : [...c.docs.values()]
    const docs = source.map((d) => structuredClone(d))
    // $lookup joins another collection of this environment by name (AGG: Aggregate.lookup).
    // Not copied: mingo's stages build new objects, and the answer is encoded before it leaves.
    const collectionResolver = (name: string) => [...this.collection(name).docs.values()]
    const out = mingoAggregate(docs, pipeline, { collectionResolver }) as Doc[]
    return limited ? out : out.slice(0, AGGREGATE_DEFAULT_LIMIT)
  }

  // --- writing -------------------------------------------------------------------------------

  private insert(p: DbParams): unknown[] {
    const c = this.collection(p.collectionName)
    const name = p.collectionName!
    const docs = (Array.isArray(p.data) ? p.data : [p.data ?? '{}']).map(decodeDoc)
    const tx = p.transactionId ? this.transaction(p.transactionId) : null
    const ids: unknown[] = []
    for (const doc of docs) {
      // DB: add() without an _id gets a generated one; a given _id must be new (E11000).
      if (doc._id === undefined) doc._id = generateId()
      // In a transaction, a document committed after its snapshot is not in it: the insert is
      // staged and the commit conflicts (MongoDB answers a write conflict, not E11000).
      const exists = tx
        ? this.readInTransaction(tx, name, doc._id) !== undefined &&
          !this.afterSnapshot(tx, name, doc._id)
        : c.docs.has(idKey(doc._id))
      if (exists)
        throw this.duplicate(name, { name: '_id_', fields: ['_id'], unique: true }, idKey(doc._id))
      if (tx) {
        this.checkUnique(name, doc, tx)
        tx.writes.set(docKey(name, doc._id), { collection: name, id: doc._id, doc })
      } else this.write(name, doc._id, doc)
      ids.push(doc._id)
    }
    return ids
  }

  private modify(p: DbParams): Doc {
    const name = p.collectionName!
    const c = this.collection(name)
    const data = decodeDoc(typeof p.data === 'string' ? p.data : '{}')
    const change = (doc: Doc): Doc | null => {
      if (p.merge === false) {
        // doc().set(): the document is replaced (its _id kept). A copy: stored documents
        // share nothing (store() keeps what it is given).
        return { ...structuredClone(data), _id: doc._id }
      }
      const next = structuredClone(doc)
      return mingoUpdate(next, data).length > 0 ? next : null
    }
    if (p.queryType === 'DOC') {
      const id = this.criteria(p)._id
      if (p.transactionId) {
        const tx = this.transaction(p.transactionId)
        const current = this.readInTransaction(tx, name, id)
        if (!current && !p.upsert) return { updated: 0 }
        const next = current ? change(current) : { ...data, _id: id }
        if (!next) return { updated: 0 }
        this.checkUnique(name, next, tx)
        tx.writes.set(docKey(name, id), { collection: name, id, doc: next })
        return current ? { updated: 1 } : { updated: 0, upsert_id: id }
      }
      const current = c.docs.get(idKey(id))
      if (!current) {
        if (!p.upsert) return { updated: 0 }
        const created = { ...data, _id: id }
        this.write(name, id, created)
        return { updated: 0, upsert_id: id }
      }
      const next = change(current)
      if (!next) return { updated: 0 }
      this.write(name, id, next)
      return { updated: 1 }
    }
    this.noTransaction(p, 'a query update')
    if (!p.query) throw new TcbApiError('INVALID_PARAM', 'update needs where()')
    let updated = 0
    for (const doc of this.matching(p)) {
      // One update's values go into many documents: each gets its own copy.
      const changed = change(doc)
      const next = changed && structuredClone(changed)
      if (!next) continue
      this.write(name, doc._id, next)
      updated++
      if (p.multi === false) break
    }
    return { updated }
  }

  private remove(p: DbParams): number {
    const name = p.collectionName!
    const c = this.collection(name)
    if (p.queryType === 'DOC') {
      const id = this.criteria(p)._id
      if (p.transactionId) {
        const tx = this.transaction(p.transactionId)
        if (!this.readInTransaction(tx, name, id)) return 0
        tx.writes.set(docKey(name, id), { collection: name, id, doc: undefined })
        return 1
      }
      if (!c.docs.has(idKey(id))) return 0
      this.write(name, id, undefined)
      return 1
    }
    this.noTransaction(p, 'a query remove')
    if (!p.query) throw new TcbApiError('INVALID_PARAM', 'remove needs where()')
    let deleted = 0
    for (const doc of this.matching(p)) {
      this.write(name, doc._id, undefined)
      deleted++
      if (p.multi === false) break
    }
    return deleted
  }

  /** Writes (or with undefined deletes) one committed document, after the unique checks. */
  private write(collection: string, id: unknown, doc: Doc | undefined) {
    if (doc) this.checkUnique(collection, doc, null)
    this.store(collection, id, doc)
  }

  /** Stores (or deletes) a committed document: its unique keys and version follow. */
  private store(collection: string, id: unknown, doc: Doc | undefined) {
    const c = this.collection(collection)
    const k = idKey(id)
    const before = c.docs.get(k)
    for (const index of c.indexes) {
      const taken = c.taken.get(index.name)
      if (!taken) continue
      if (before && taken.get(this.indexKey(index, before)) === k)
        taken.delete(this.indexKey(index, before))
      if (doc) taken.set(this.indexKey(index, doc), k)
    }
    if (before) for (const hash of c.fields.values()) hash.remove(k, before)
    if (doc) for (const hash of c.fields.values()) hash.add(k, doc)
    const other = (d: Doc | undefined) => (d && typeof d._id !== 'string' ? 1 : 0)
    c.otherIds += other(doc) - other(before)
    if (c.sortedIds && typeof doc?._id === 'string' && !before) {
      // A new string _id: appended while _ids come in ascending order, else sorted on next use.
      const last = c.sortedIds.ids[c.sortedIds.ids.length - 1]
      if (last === undefined || doc._id > last) {
        c.sortedIds.ids.push(doc._id)
        c.sortedIds.keys.push(k)
      } else c.sortedIds = null
    } else if (before && before._id !== doc?._id) c.sortedIds = null
    if (doc) {
      if (!before) c.place.set(k, c.nextPlace++)
      // Not copied: every caller hands over a document no one else holds (decoded from the
      // request, or a copy it changed), and stored documents are never changed in place.
      c.docs.set(k, doc)
    } else {
      c.docs.delete(k)
      c.place.delete(k)
    }
    c.writes++
    this.versions.set(docKey(collection, id), ++this.seq)
  }

  private indexKey(index: IndexSpec, doc: Doc): string {
    return JSON.stringify(index.fields.map((f) => getPath(doc, f) ?? null))
  }

  /**
   * A unique index refuses a second document with the same key (ERR -502001, MongoDB's E11000
   * text). In a transaction the committed documents are checked with the transaction's own
   * writes laid over them.
   */
  private checkUnique(collection: string, doc: Doc, tx: Transaction | null) {
    const c = this.collection(collection)
    const self = idKey(doc._id)
    for (const index of c.indexes) {
      const taken = c.taken.get(index.name)
      if (!taken) continue
      const key = this.indexKey(index, doc)
      const holder = taken.get(key)
      // The committed holder counts unless it is this document or the transaction rewrote it.
      const rewritten = holder !== undefined && tx?.writes.has(`${collection}\u0000${holder}`)
      if (holder !== undefined && holder !== self && !rewritten) {
        const holderSeq = this.versions.get(`${collection}\u0000${holder}`) ?? 0
        if (tx?.state === 'open' && holderSeq > (tx.startSeq ?? this.seq)) tx.doomed = true
        else throw this.duplicate(collection, index, key)
      }
      if (tx)
        for (const w of tx.writes.values())
          if (w.collection === collection && w.doc && idKey(w.id) !== self)
            if (this.indexKey(index, w.doc) === key) throw this.duplicate(collection, index, key)
    }
  }

  private duplicate(collection: string, index: IndexSpec, key: string) {
    const name = index.name === '_id_' ? '_id_' : index.name
    return new TcbApiError(
      'DATABASE_REQUEST_FAILED',
      `[FailedOperation] E11000 duplicate key error collection: ${this.envId}.${collection} ` +
        `index: ${name} dup key: ${key}`,
    )
  }

  // --- transactions --------------------------------------------------------------------------

  private startTransaction(): string {
    const id = `tx-${generateId()}`
    this.transactions.set(id, {
      startSeq: null,
      seen: new Map(),
      writes: new Map(),
      doomed: false,
      state: 'open',
    })
    this.stats.started++
    return id
  }

  private transaction(id: string | undefined): Transaction {
    const tx = id ? this.transactions.get(id) : undefined
    if (!tx || tx.state !== 'open')
      throw new TcbApiError('DATABASE_REQUEST_FAILED', `[TransactionNotFound] ${id ?? ''}`)
    return tx
  }

  /** Whether the document was committed after the transaction's snapshot. */
  private afterSnapshot(tx: Transaction, collection: string, id: unknown): boolean {
    return (this.versions.get(docKey(collection, id)) ?? 0) > (tx.startSeq ?? this.seq)
  }

  private noTransaction(p: DbParams, what: string) {
    if (p.transactionId)
      throw new TcbApiError('INVALID_PARAM', `${what} is not allowed inside a transaction (TX)`)
  }

  /**
   * A document as the transaction sees it: its own write, else the committed document as it
   * was when the transaction first touched it (a snapshot, so repeated reads agree).
   */
  private readInTransaction(tx: Transaction, collection: string, id: unknown): Doc | undefined {
    const key = docKey(collection, id)
    const staged = tx.writes.get(key)
    if (staged) return staged.doc && structuredClone(staged.doc)
    tx.startSeq ??= this.seq
    let seen = tx.seen.get(key)
    if (!seen) {
      const doc = this.collection(collection).docs.get(idKey(id))
      seen = { version: this.versions.get(key) ?? 0, doc: doc && structuredClone(doc) }
      // Committed after the snapshot: the transaction cannot see it as of its start (no older
      // versions are kept here), and the commit will fail, as MongoDB's snapshot would make it.
      if (seen.version > tx.startSeq) tx.doomed = true
      tx.seen.set(key, seen)
    }
    return seen.doc && structuredClone(seen.doc)
  }

  /**
   * TX: transactions are optimistic. Every document the transaction read or wrote is checked
   * at commit against its version: if another write committed a change to one of them first,
   * the commit fails with DATABASE_TRANSACTION_CONFLICT (the code @cloudbase/database's
   * runTransaction retries on) and nothing is written. Otherwise every write lands at once.
   * Stricter than MongoDB's snapshot isolation, which checks only written documents: see
   * README.md.
   */
  private commit(tx: Transaction) {
    // A unique key taken by a commit after the snapshot dooms the transaction (a conflict);
    // one taken before it was refused at the write already.
    for (const w of tx.writes.values()) if (w.doc) this.checkUnique(w.collection, w.doc, tx)
    const changed = [...tx.seen].some(
      ([key, seen]) => (this.versions.get(key) ?? 0) !== seen.version,
    )
    if (tx.doomed || changed) {
      tx.state = 'aborted'
      this.stats.conflicts++
      throw new TcbApiError(
        'DATABASE_TRANSACTION_CONFLICT',
        'database transaction conflict: a document was changed by another write',
      )
    }
    tx.state = 'committed'
    // Unique keys were checked with every write of the transaction in place: deletions first,
    // so that a key moved from one document to another is free when it is taken again.
    const writes = [...tx.writes.values()]
    for (const w of writes) if (!w.doc) this.store(w.collection, w.id, undefined)
    for (const w of writes) if (w.doc) this.store(w.collection, w.id, w.doc)
    this.stats.committed++
  }

  private abort(id: string | undefined) {
    const tx = id ? this.transactions.get(id) : undefined
    if (tx && tx.state === 'open') {
      tx.state = 'aborted'
      this.stats.aborted++
    }
    if (id) this.transactions.delete(id)
  }
}
