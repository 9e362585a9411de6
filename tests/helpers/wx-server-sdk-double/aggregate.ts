// The aggregation pipeline of the double: collection.aggregate().match().group()…end().
// Stages: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.group.html
// Accumulators ($ = db.command.aggregate): …/database/command/AggregateCommand.sum.html (avg, max,
// min, first, last alike).
// Without a limit stage end() answers 20 results at most: observed on the platform and reported in
// https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13
// and https://developers.weixin.qq.com/community/develop/doc/0006ee7caecd8020df7b559b451800
import { compareValues, type Doc, getPath, isPlainObject, matches } from './commands'

export const AGGREGATE_DEFAULT_LIMIT = 20

type AccumulatorOp = 'sum' | 'avg' | 'max' | 'min' | 'first' | 'last'

/** `$.sum('$score')`, `$.sum(1)`, `$.avg(...)`…: how a group folds its documents. */
export class Accumulator {
  constructor(
    readonly op: AccumulatorOp,
    readonly expr: unknown,
  ) {}
}

export function createAggregateCommand() {
  return {
    sum: (expr: unknown) => new Accumulator('sum', expr),
    avg: (expr: unknown) => new Accumulator('avg', expr),
    max: (expr: unknown) => new Accumulator('max', expr),
    min: (expr: unknown) => new Accumulator('min', expr),
    first: (expr: unknown) => new Accumulator('first', expr),
    last: (expr: unknown) => new Accumulator('last', expr),
  }
}
export type AggregateCommand = ReturnType<typeof createAggregateCommand>

/** '$a.b' reads a field; an object is evaluated key by key; anything else is a literal. */
function evaluate(doc: Doc, expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) return getPath(doc, expr.slice(1))
  if (isPlainObject(expr))
    return Object.fromEntries(Object.entries(expr).map(([k, v]) => [k, evaluate(doc, v)]))
  return expr
}

function accumulate(acc: Accumulator, docs: Doc[]): unknown {
  const values = docs.map((d) => evaluate(d, acc.expr))
  const numbers = values.filter((v): v is number => typeof v === 'number')
  const present = values.filter((v) => v !== undefined && v !== null)
  switch (acc.op) {
    case 'sum':
      return numbers.reduce((s, n) => s + n, 0)
    case 'avg':
      return numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null
    case 'max':
      return present.length ? present.reduce((m, v) => (compareValues(v, m) > 0 ? v : m)) : null
    case 'min':
      return present.length ? present.reduce((m, v) => (compareValues(v, m) < 0 ? v : m)) : null
    case 'first':
      return values[0] ?? null
    case 'last':
      return values[values.length - 1] ?? null
    default:
      throw new Error(`unknown accumulator ${String(acc.op)}`)
  }
}

function group(docs: Doc[], spec: Doc): Doc[] {
  if (!('_id' in spec)) throw new Error('group() needs an _id')
  const groups = new Map<string, { key: unknown; docs: Doc[] }>()
  for (const doc of docs) {
    const key = evaluate(doc, spec._id) ?? null
    const id = JSON.stringify(key)
    const found = groups.get(id) ?? { key, docs: [] }
    found.docs.push(doc)
    groups.set(id, found)
  }
  return [...groups.values()].map(({ key, docs: members }) => {
    const out: Doc = { _id: key }
    for (const [name, acc] of Object.entries(spec)) {
      if (name === '_id') continue
      if (!(acc instanceof Accumulator)) throw new Error(`group field ${name} needs an accumulator`)
      out[name] = accumulate(acc, members)
    }
    return out
  })
}

function sort(docs: Doc[], spec: Record<string, number>): Doc[] {
  const keys = Object.entries(spec)
  return [...docs].sort((a, b) => {
    for (const [path, dir] of keys) {
      const c = compareValues(getPath(a, path), getPath(b, path))
      if (c !== 0) return dir < 0 ? -c : c
    }
    return 0
  })
}

// project: 1/true keeps a field, 0/false drops it, '$path' (or an object of them) computes one.
function projectStage(doc: Doc, spec: Doc): Doc {
  const entries = Object.entries(spec)
  const including = entries.some(([k, v]) => k !== '_id' && v !== 0 && v !== false)
  const out: Doc = including ? {} : structuredClone(doc)
  if (including && spec._id !== 0 && spec._id !== false) out._id = doc._id
  for (const [key, v] of entries) {
    if (v === 0 || v === false) delete out[key]
    else if (v === 1 || v === true) {
      const value = getPath(doc, key)
      if (value !== undefined && key !== '_id') out[key] = structuredClone(value)
    } else out[key] = evaluate(doc, v)
  }
  return out
}

type Stage =
  | { kind: 'match'; cond: unknown }
  | { kind: 'group'; spec: Doc }
  | { kind: 'sort'; spec: Record<string, number> }
  | { kind: 'skip'; n: number }
  | { kind: 'limit'; n: number }
  | { kind: 'project'; spec: Doc }

/** The Aggregate object: each stage returns it, end() runs the pipeline. */
export class Aggregate {
  private readonly stages: Stage[] = []
  constructor(private readonly source: () => Doc[]) {}

  match(cond: unknown): this {
    this.stages.push({ kind: 'match', cond })
    return this
  }
  group(spec: Doc): this {
    this.stages.push({ kind: 'group', spec })
    return this
  }
  sort(spec: Record<string, number>): this {
    this.stages.push({ kind: 'sort', spec })
    return this
  }
  skip(n: number): this {
    this.stages.push({ kind: 'skip', n })
    return this
  }
  limit(n: number): this {
    if (!Number.isInteger(n) || n <= 0) throw new Error('limit() takes a positive integer')
    this.stages.push({ kind: 'limit', n })
    return this
  }
  project(spec: Doc): this {
    this.stages.push({ kind: 'project', spec })
    return this
  }

  async end(): Promise<{ list: Doc[]; errMsg: string }> {
    let docs = this.source()
    for (const stage of this.stages) {
      if (stage.kind === 'match') docs = docs.filter((d) => matches(d, stage.cond))
      else if (stage.kind === 'group') docs = group(docs, stage.spec)
      else if (stage.kind === 'sort') docs = sort(docs, stage.spec)
      else if (stage.kind === 'skip') docs = docs.slice(stage.n)
      else if (stage.kind === 'limit') docs = docs.slice(0, stage.n)
      else docs = docs.map((d) => projectStage(d, stage.spec))
    }
    const limited = this.stages.some((s) => s.kind === 'limit')
    const list = limited ? docs : docs.slice(0, AGGREGATE_DEFAULT_LIMIT)
    return { list: structuredClone(list), errMsg: 'collection.aggregate:ok' }
  }
}
