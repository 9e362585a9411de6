// The part of wx-server-sdk's database API the cloud Store uses, typed for our code. The real
// SDK's `cloud.database({ throwOnNotFound: false })` satisfies it (tests run it against the
// CloudBase emulator in tests/emulator). Reference:
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/Cloud.database.html

export type Doc = Record<string, unknown>

/** A query, logic or update command (db.command.*): opaque to the adapter. */
export type Command = object

/** A pipeline of stages for a lookup (db.command.aggregate.pipeline()), ended by done(). */
export interface Pipeline {
  match(cond: unknown): Pipeline
  limit(n: number): Pipeline
  done(): Doc[]
}

export interface AggregateCommands {
  pipeline(): Pipeline
  sum(expr: unknown): object
  avg(expr: unknown): object
  max(expr: unknown): object
  min(expr: unknown): object
  first(expr: unknown): object
  last(expr: unknown): object
  eq(args: unknown[]): object
  cond(spec: { if: unknown; then: unknown; else: unknown }): object
}

export interface Commands {
  eq(v: unknown): Command
  neq(v: unknown): Command
  gt(v: unknown): Command
  gte(v: unknown): Command
  lt(v: unknown): Command
  lte(v: unknown): Command
  in(v: unknown[]): Command
  nin(v: unknown[]): Command
  exists(v: boolean): Command
  and(...conds: unknown[]): Command
  or(...conds: unknown[]): Command
  set(v: unknown): Command
  inc(n: number): Command
  push(v: unknown): Command
  remove(): Command
  aggregate: AggregateCommands
}

export interface DocRef {
  /** With throwOnNotFound: false, a missing document answers `data: null`. */
  get(): Promise<{ data: Doc | null }>
  set(arg: { data: Doc }): Promise<unknown>
  update(arg: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<unknown>
}

export interface Query {
  where(cond: unknown): Query
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  skip(n: number): Query
  /** At most 100 in a cloud function, whatever is asked. */
  limit(n: number): Query
  field(spec: Record<string, boolean | number>): Query
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(arg: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface Aggregate {
  match(cond: unknown): Aggregate
  group(spec: Doc): Aggregate
  sort(spec: Record<string, number>): Aggregate
  skip(n: number): Aggregate
  /** Without a limit stage, end() answers at most 20 results. */
  limit(n: number): Aggregate
  project(spec: Doc): Aggregate
  /**
   * Joins documents of another collection into each result, under `as` (an array): by equal
   * fields (`localField`, which may name an array, against `foreignField`), or by a `pipeline`
   * of stages run on that collection (an uncorrelated subquery). One request with the rest.
   * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.lookup.html
   */
  lookup(
    spec:
      | { from: string; localField: string; foreignField: string; as: string }
      | { from: string; pipeline: Doc[]; as: string },
  ): Aggregate
  end(): Promise<{ list: Doc[] }>
}

export interface CollectionRef extends Query {
  doc(id: string): DocRef
  /** An array adds every document in one request (then the answer names their ids). */
  add(arg: { data: Doc | Doc[] }): Promise<{ _id?: string | number }>
  aggregate(): Aggregate
}

/** Inside a transaction only single-document operations exist. */
export interface TxCollection {
  doc(id: string): DocRef
  add(arg: { data: Doc }): Promise<{ _id: string | number }>
}

export interface Transaction {
  collection(name: string): TxCollection
  rollback(reason?: unknown): Promise<void>
}

export interface CloudDb {
  command: Commands
  collection(name: string): CollectionRef
  runTransaction<T>(callback: (tx: Transaction) => Promise<T>, times?: number): Promise<T>
  /** db.RegExp({ regexp, options }): a regular-expression condition for where(). */
  RegExp(arg: { regexp: string; options?: string }): object
}
