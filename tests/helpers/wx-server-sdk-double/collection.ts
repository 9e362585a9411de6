// Collections, queries and single documents of the double, inside or outside a transaction.
import {
  applyUpdate,
  compareValues,
  type Doc,
  getPath,
  matches,
  project,
  resolveServerDates,
} from './commands'
import { Aggregate } from './aggregate'
import {
  CloudSdkError,
  type DbOptions,
  duplicateKey,
  type Environment,
  docKey,
  generateId,
  GET_MAX,
  type TxState,
} from './environment'

export interface Context {
  env: Environment
  db: DbOptions
  /** Set inside a transaction: reads note the version they saw, writes wait for the commit. */
  tx: TxState | null
}

/** A document as this context sees it: a transaction sees its own staged writes first. */
function docAt(ctx: Context, collection: string, id: string): Doc | undefined {
  const { tx } = ctx
  if (tx) {
    const key = docKey(collection, id)
    const staged = tx.writes.get(key)
    if (staged) return staged.doc
    if (!tx.seen.has(key)) tx.seen.set(key, ctx.env.version(collection, id))
  }
  return ctx.env.rows(collection).get(id)
}

/** Writes a document now, or inside a transaction stages it for the commit. */
function put(ctx: Context, collection: string, id: string, doc: Doc | undefined, op: string) {
  const { tx } = ctx
  if (!tx) return ctx.env.write(collection, id, doc, op)
  docAt(ctx, collection, id)
  // A unique key already taken fails the write itself, as on the platform; one taken by another
  // transaction before this one commits fails the commit.
  if (doc) ctx.env.checkUnique(collection, id, doc, op)
  tx.writes.set(docKey(collection, id), { collection, id, doc, op })
}

function guard(ctx: Context) {
  if (ctx.tx?.closed) throw new CloudSdkError(-1, 'transaction:fail the transaction has ended')
}

function prepare(ctx: Context, data: unknown, op: string): Doc {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new CloudSdkError(-1, `${op}:fail data must be an object`)
  return resolveServerDates(data, ctx.env.now()) as Doc
}

export class DocumentRef {
  constructor(
    private readonly ctx: Context,
    private readonly collection: string,
    readonly id: string,
  ) {}

  private current(): Doc | undefined {
    return docAt(this.ctx, this.collection, this.id)
  }

  async get(): Promise<{ data: Doc | null; errMsg: string }> {
    guard(this.ctx)
    const doc = this.current()
    if (doc) return { data: structuredClone(doc), errMsg: 'document.get:ok' }
    if (this.ctx.db.throwOnNotFound === false) return { data: null, errMsg: 'document.get:ok' }
    throw new CloudSdkError(
      -1,
      `document.get:fail document with _id ${this.id} does not exist; at document.get api`,
    )
  }

  /** …/database/document/Document.set.html: replaces the whole record, creating it if missing. */
  async set({ data }: { data: Doc }) {
    guard(this.ctx)
    const doc = prepare(this.ctx, data, 'document.set')
    if ('_id' in doc) throw new CloudSdkError(-1, 'document.set:fail 不能更新_id的值')
    const existed = this.current() !== undefined
    const next = { _id: this.id, ...structuredClone(doc) }
    put(this.ctx, this.collection, this.id, next, 'document.set')
    return {
      _id: this.id,
      stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 },
      errMsg: 'document.set:ok',
    }
  }

  /** …/database/document/Document.update.html: a missing record is not an error, updated is 0. */
  async update({ data }: { data: Doc }) {
    guard(this.ctx)
    const before = this.current()
    if (!before) return { stats: { updated: 0 }, errMsg: 'document.update:ok' }
    const next = update(before, prepare(this.ctx, data, 'document.update'), 'document.update')
    const changed = JSON.stringify(next) !== JSON.stringify(before)
    if (changed) put(this.ctx, this.collection, this.id, next, 'update')
    return { stats: { updated: changed ? 1 : 0 }, errMsg: 'document.update:ok' }
  }

  async remove() {
    guard(this.ctx)
    const existed = this.current() !== undefined
    if (existed) put(this.ctx, this.collection, this.id, undefined, 'remove')
    return { stats: { removed: existed ? 1 : 0 }, errMsg: 'document.remove:ok' }
  }
}

function update(before: Doc, data: Doc, op: string): Doc {
  try {
    return applyUpdate(before, data)
  } catch (e) {
    throw new CloudSdkError(-1, `${op}:fail ${(e as Error).message}`)
  }
}

interface QueryState {
  where: unknown
  order: [string, 'asc' | 'desc'][]
  skip: number
  limit: number
  fields: Record<string, boolean | number> | null
}

/** A query: every call answers a new query, as the SDK's do. */
class Query {
  constructor(
    protected readonly ctx: Context,
    protected readonly name: string,
    protected readonly state: QueryState,
  ) {}

  protected with(patch: Partial<QueryState>): Query {
    return new Query(this.ctx, this.name, { ...this.state, ...patch })
  }

  where(cond: unknown): Query {
    // Whether a second where() replaces or narrows the first is not documented: refuse it.
    if (this.state.where !== undefined) throw new Error('the double takes one where() per query')
    return this.with({ where: cond })
  }
  orderBy(field: string, direction: 'asc' | 'desc'): Query {
    return this.with({ order: [...this.state.order, [field, direction]] })
  }
  skip(n: number): Query {
    return this.with({ skip: n })
  }
  /** Capped at GET_MAX: asking for more still answers at most GET_MAX. */
  limit(n: number): Query {
    if (!Number.isInteger(n) || n <= 0) throw new CloudSdkError(-1, 'limit must be positive')
    return this.with({ limit: Math.min(n, GET_MAX) })
  }
  field(spec: Record<string, boolean | number>): Query {
    return this.with({ fields: spec })
  }

  private matching(): Doc[] {
    const all = [...this.ctx.env.rows(this.name).values()]
    const cond = this.state.where
    return cond === undefined ? all : all.filter((d) => matches(d, cond))
  }

  async get(): Promise<{ data: Doc[]; errMsg: string }> {
    const order = this.state.order
    const sorted = [...this.matching()].sort((a, b) => {
      for (const [path, dir] of order) {
        const c = compareValues(getPath(a, path), getPath(b, path))
        if (c !== 0) return dir === 'desc' ? -c : c
      }
      return 0
    })
    const page = sorted.slice(this.state.skip, this.state.skip + this.state.limit)
    const fields = this.state.fields
    const data = page.map((d) => (fields ? project(d, fields) : structuredClone(d)))
    return { data, errMsg: 'collection.get:ok' }
  }

  async count(): Promise<{ total: number; errMsg: string }> {
    return { total: this.matching().length, errMsg: 'collection.count:ok' }
  }

  private requireWhere(op: string) {
    if (this.state.where === undefined) throw new CloudSdkError(-1, `${op}:fail needs where()`)
  }

  /** …/database/query/Query.update.html: every matching record; stats.updated counts changes. */
  async update({ data }: { data: Doc }) {
    this.requireWhere('collection.update')
    const prepared = prepare(this.ctx, data, 'collection.update')
    let updated = 0
    for (const before of this.matching()) {
      const next = update(before, prepared, 'collection.update')
      if (JSON.stringify(next) === JSON.stringify(before)) continue
      this.ctx.env.write(this.name, String(before._id), next, 'collection.update')
      updated++
    }
    return { stats: { updated }, errMsg: 'collection.update:ok' }
  }

  async remove() {
    this.requireWhere('collection.remove')
    const doomed = this.matching()
    for (const d of doomed) this.ctx.env.write(this.name, String(d._id), undefined, 'remove')
    return { stats: { removed: doomed.length }, errMsg: 'collection.remove:ok' }
  }
}

const fresh: QueryState = { where: undefined, order: [], skip: 0, limit: GET_MAX, fields: null }

/** …/database/collection/Collection.add.html: answers the _id, generated when data has none. */
async function add(ctx: Context, name: string, data: Doc) {
  guard(ctx)
  const doc = prepare(ctx, data, 'collection.add')
  const id = doc._id === undefined ? generateId() : String(doc._id)
  if (docAt(ctx, name, id))
    throw duplicateKey('collection.add', name, '_id_', JSON.stringify({ _id: id }))
  put(ctx, name, id, { ...structuredClone(doc), _id: id }, 'add')
  return { _id: id, errMsg: 'collection.add:ok' }
}

export class Collection extends Query {
  constructor(ctx: Context, name: string) {
    super(ctx, name, fresh)
  }
  doc(id: string): DocumentRef {
    return new DocumentRef(this.ctx, this.name, id)
  }
  add({ data }: { data: Doc }) {
    return add(this.ctx, this.name, data)
  }
  aggregate(): Aggregate {
    return new Aggregate(() => [...this.ctx.env.rows(this.name).values()])
  }
}

/**
 * …/database/transaction/Transaction.html: inside a transaction only single-record operations
 * exist (collection().add, doc().get/set/update/remove); where and aggregate do not.
 */
export class TransactionCollection {
  constructor(
    private readonly ctx: Context,
    private readonly name: string,
  ) {}
  doc(id: string): DocumentRef {
    return new DocumentRef(this.ctx, this.name, id)
  }
  add({ data }: { data: Doc }) {
    return add(this.ctx, this.name, data)
  }
}
