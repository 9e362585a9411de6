// How the emulator finds the documents a query may match without testing every document of the
// collection, as the platform's database answers from its indexes. Only candidates are picked
// here: mingo still tests every candidate against the whole query, so an index can make a query
// faster but never changes its answer, as long as the candidates are a superset of the matches.
// (tests/unit/cloud/emulator-index.test.ts compares this path with a full scan on random queries.)
//
// - A hash index per field of the collection's declared indexes (and `_id`, which the documents'
//   map already is): a document sits in the bucket of its field's value, or, when the value is
//   an array, an object, a non-plain value, or the path crosses an array, in the field's `wild`
//   set, which every lookup includes (MongoDB's array and nested-path rules are mingo's alone).
// - A query uses the hash index of a field that it tests for equality (`f: v`, `$eq`, `$in`, and
//   `$exists: false` as the bucket of null) when
//   that field lies in the equality prefix of a declared index (what the platform could use).
import { Query } from 'mingo'
import type { Doc } from './ejson'

/** A document whose indexed value cannot be hashed: a candidate of every lookup. */
export const WILD = Symbol('wild')

/**
 * The bucket of a value under equality (mingo's `$eq` of two non-array values is true only for
 * the same type and value), or null when the value is not hashable here.
 */
export function eqKey(value: unknown): string | null {
  if (value === null || value === undefined) return 'z'
  switch (typeof value) {
    case 'string':
      return `s${value}`
    case 'number':
      // String(-0) is '0': 0 and -0 share a bucket (a superset either way).
      return Number.isNaN(value) ? null : `n${String(value)}`
    case 'boolean':
      return value ? 'b1' : 'b0'
    default:
      if (value instanceof Date) {
        const t = value.getTime()
        return Number.isNaN(t) ? null : `d${t}`
      }
      return null
  }
}

/** The bucket a document's value at a dotted path falls in (WILD when not hashable). */
export function docKeyAt(doc: Doc, path: string): string | typeof WILD {
  let at: unknown = doc
  for (const part of path.split('.')) {
    if (Array.isArray(at)) return WILD
    if (at === null || typeof at !== 'object') return 'z'
    at = (at as Doc)[part]
  }
  if (Array.isArray(at)) return WILD
  return eqKey(at) ?? WILD
}

/** One field's hash index: the idKeys of the documents per value bucket. */
export class FieldIndex {
  readonly buckets = new Map<string, Set<string>>()
  readonly wild = new Set<string>()

  constructor(readonly path: string) {}

  add(id: string, doc: Doc) {
    const key = docKeyAt(doc, this.path)
    if (key === WILD) this.wild.add(id)
    else {
      let bucket = this.buckets.get(key)
      if (!bucket) this.buckets.set(key, (bucket = new Set()))
      bucket.add(id)
    }
  }

  remove(id: string, doc: Doc) {
    const key = docKeyAt(doc, this.path)
    if (key === WILD) this.wild.delete(id)
    else {
      const bucket = this.buckets.get(key)
      bucket?.delete(id)
      if (bucket?.size === 0) this.buckets.delete(key)
    }
  }

  /** How many candidates the given value buckets hold (with the wild ones). */
  size(keys: readonly string[]): number {
    let n = this.wild.size
    for (const k of keys) n += this.buckets.get(k)?.size ?? 0
    return n
  }

  /** Every candidate of the given value buckets (with the wild ones), in no particular order. */
  *ids(keys: readonly string[]): Iterable<string> {
    for (const k of keys) yield* this.buckets.get(k) ?? []
    yield* this.wild
  }

  /** A membership test for the candidates of the given value buckets (with the wild ones). */
  member(keys: readonly string[]): (id: string) => boolean {
    const sets = keys.flatMap((k) => this.buckets.get(k) ?? [])
    if (this.wild.size > 0) sets.push(this.wild)
    const [only] = sets
    if (sets.length === 0 || !only) return () => false
    if (sets.length === 1) return (id) => only.has(id)
    return (id) => sets.some((set) => set.has(id))
  }
}

/** Bounds a query puts on a string `_id` (`$gt`, `$gte`, `$lt`, `$lte`). */
export interface IdRange {
  gt?: string
  gte?: string
  lt?: string
  lte?: string
}

/** What a query string compiles to, cached per string. */
export interface QueryPlan {
  criteria: Doc
  query: Query
  /** Fields tested for equality with hashable values: their buckets (one for $eq, n for $in). */
  equal: Map<string, string[]>
  /** `_id` values tested for equality ($eq / $in), as given. */
  ids: unknown[] | null
  idRange: IdRange
}

const isPlainObject = (v: unknown): v is Doc =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  !(v instanceof Date) &&
  !(v instanceof RegExp) &&
  Object.getPrototypeOf(v) === Object.prototype

/** Buckets of an `$in` list, or null when one of its values is not hashable. */
function inKeys(list: unknown): string[] | null {
  if (!Array.isArray(list)) return null
  const keys = list.map(eqKey)
  return keys.every((k): k is string => k !== null) ? [...new Set(keys)] : null
}

/** Reads the equality tests and the `_id` range of a query's top level (and of its `$and`s). */
function analyse(criteria: Doc, plan: QueryPlan) {
  for (const [field, condition] of Object.entries(criteria)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) analyse(part, plan)
      continue
    }
    if (field.startsWith('$')) continue
    let keys: string[] | null = null
    let values: unknown[] | null = null
    if (isPlainObject(condition)) {
      const ops = Object.keys(condition)
      // An object without operators is an equality on a whole object: not hashed.
      if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) continue
      if ('$eq' in condition && eqKey(condition.$eq) !== null && !Array.isArray(condition.$eq)) {
        keys = [eqKey(condition.$eq) as string]
        values = [condition.$eq]
      } else if ('$in' in condition) {
        keys = inKeys(condition.$in)
        values = keys ? (condition.$in as unknown[]) : null
      } else if (condition.$exists === false && field !== '_id') {
        // A missing field is in the bucket of null (with the documents holding null).
        keys = ['z']
        values = [null]
      }
      if (field === '_id')
        for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
          const bound = condition[`$${op}`]
          if (typeof bound === 'string') plan.idRange[op] = bound
        }
    } else if (eqKey(condition) !== null) {
      keys = [eqKey(condition) as string]
      values = [condition]
    }
    if (!keys || !values) continue
    const known = plan.equal.get(field)
    // Two tests of one field: either alone bounds the matches; keep the narrower.
    if (!known || keys.length < known.length) {
      plan.equal.set(field, keys)
      if (field === '_id') plan.ids = values
    }
  }
}

export function compile(criteria: Doc): QueryPlan {
  const plan: QueryPlan = {
    criteria,
    query: new Query(criteria),
    equal: new Map(),
    ids: null,
    idRange: {},
  }
  analyse(criteria, plan)
  return plan
}

/**
 * The fields a query may look up: those in the equality prefix of a declared index (the
 * leading fields the query tests for equality), as the platform picks an index.
 */
export function usableFields(plan: QueryPlan, indexes: readonly { fields: string[] }[]): string[] {
  const usable = new Set<string>()
  for (const index of indexes)
    for (const field of index.fields) {
      if (!plan.equal.has(field)) break
      usable.add(field)
    }
  usable.delete('_id')
  return [...usable]
}

/** First position in sorted `ids` whose id is ≥ `x` (`strict`: > `x`). */
export function bound(ids: readonly string[], x: string, strict: boolean): number {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const v = ids[mid] as string
    if (v < x || (strict && v === x)) lo = mid + 1
    else hi = mid
  }
  return lo
}
