// Query and update commands of the double (db.command), with how a document matches a
// condition and how an update changes it. Behaviour follows the documentation:
// - query commands: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/query.html
// - nested fields in where (object form equals dot form):
//   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/query.html#查询、更新数组元素和嵌套对象
// - update commands, plain-object update merges, _.set replaces:
//   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/update.html
//   https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/Command.set.html

export type Doc = Record<string, unknown>

type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists'

/** A field-level query operator such as `_.gt(3)`; chainable with `.and()` / `.or()`. */
export class QueryCommand {
  constructor(
    readonly op: QueryOp,
    readonly operand: unknown,
  ) {}
  and(...rest: (QueryCommand | LogicCommand)[]): LogicCommand {
    return new LogicCommand('and', [this, ...rest])
  }
  or(...rest: (QueryCommand | LogicCommand)[]): LogicCommand {
    return new LogicCommand('or', [this, ...rest])
  }
}

/** `_.and(...)` / `_.or(...)`: over field commands inside a field, over conditions at the top. */
export class LogicCommand {
  constructor(
    readonly op: 'and' | 'or',
    readonly operands: unknown[],
  ) {}
  and(...rest: unknown[]): LogicCommand {
    return new LogicCommand('and', [this, ...rest])
  }
  or(...rest: unknown[]): LogicCommand {
    return new LogicCommand('or', [this, ...rest])
  }
}

type UpdateOp = 'set' | 'inc' | 'push' | 'remove'

/** A field-level update operator such as `_.inc(1)`. */
export class UpdateCommand {
  constructor(
    readonly op: UpdateOp,
    readonly operand: unknown,
  ) {}
}

/** `db.RegExp({ regexp, options })`: a string field matching a regular expression. */
export class DbRegExp {
  readonly pattern: RegExp
  constructor(arg: { regexp: string; options?: string }) {
    // Options i, m, s, u as documented; the platform's engine is PCRE, JS syntax covers our use.
    this.pattern = new RegExp(arg.regexp, (arg.options ?? '').replace(/[^imsu]/g, ''))
  }
}

/** `db.serverDate()`: the server's clock at the moment the write lands. */
export class ServerDate {
  constructor(readonly offset: number) {}
}

const list = (args: unknown[]): unknown[] =>
  args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args

export function createCommand() {
  return {
    eq: (v: unknown) => new QueryCommand('eq', v),
    neq: (v: unknown) => new QueryCommand('neq', v),
    gt: (v: unknown) => new QueryCommand('gt', v),
    gte: (v: unknown) => new QueryCommand('gte', v),
    lt: (v: unknown) => new QueryCommand('lt', v),
    lte: (v: unknown) => new QueryCommand('lte', v),
    in: (v: unknown[]) => new QueryCommand('in', v),
    nin: (v: unknown[]) => new QueryCommand('nin', v),
    exists: (v: boolean) => new QueryCommand('exists', v),
    and: (...args: unknown[]) => new LogicCommand('and', list(args)),
    or: (...args: unknown[]) => new LogicCommand('or', list(args)),
    set: (v: unknown) => new UpdateCommand('set', v),
    inc: (v: number) => new UpdateCommand('inc', v),
    push: (v: unknown) => new UpdateCommand('push', v),
    remove: () => new UpdateCommand('remove', undefined),
  }
}
export type DbCommand = ReturnType<typeof createCommand>

export const isPlainObject = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype

/** The value at a dotted path ('a.b.c'); undefined when any step is missing. */
export function getPath(doc: unknown, path: string): unknown {
  let at: unknown = doc
  for (const key of path.split('.')) {
    if (!isPlainObject(at)) return undefined
    at = at[key]
  }
  return at
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const keys = path.split('.')
  let at = doc
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(at[key])) at[key] = {}
    at = at[key] as Doc
  }
  at[keys[keys.length - 1]!] = value
}

function removePath(doc: Doc, path: string): void {
  const keys = path.split('.')
  const parent = getPath(doc, keys.slice(0, -1).join('.'))
  const target = keys.length === 1 ? doc : parent
  if (isPlainObject(target)) delete target[keys[keys.length - 1]!]
}

// MongoDB's cross-type order, reduced to the types a document here can hold.
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return 1
  if (typeof v === 'string') return 2
  if (isPlainObject(v)) return 3
  if (Array.isArray(v)) return 4
  if (typeof v === 'boolean') return 5
  if (v instanceof Date) return 6
  return 7
}

/** Total order used by orderBy and sort: missing/null first, then by type, then by value. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  const ja = JSON.stringify(a)
  const jb = JSON.stringify(b)
  return ja < jb ? -1 : ja > jb ? 1 : 0
}

export function sameValue(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && compareValues(a, b) === 0
}

// Comparisons only hold between values of the same type (MongoDB type bracketing).
function compares(value: unknown, operand: unknown, ok: (c: number) => boolean): boolean {
  const values = Array.isArray(value) ? value : [value]
  return values.some(
    (v) => v !== undefined && typeRank(v) === typeRank(operand) && ok(compareValues(v, operand)),
  )
}

// An array field equals a scalar when any element does (documented for array queries).
function equals(value: unknown, operand: unknown): boolean {
  if (sameValue(value, operand)) return true
  return Array.isArray(value) && value.some((v) => sameValue(v, operand))
}

function matchField(value: unknown, cond: unknown, present: boolean): boolean {
  if (cond instanceof DbRegExp) {
    const values = Array.isArray(value) ? value : [value]
    return values.some((v) => typeof v === 'string' && cond.pattern.test(v))
  }
  if (cond instanceof QueryCommand) {
    const o = cond.operand
    switch (cond.op) {
      case 'eq':
        return equals(value, o)
      case 'neq':
        return !equals(value, o)
      case 'gt':
        return compares(value, o, (c) => c > 0)
      case 'gte':
        return compares(value, o, (c) => c >= 0)
      case 'lt':
        return compares(value, o, (c) => c < 0)
      case 'lte':
        return compares(value, o, (c) => c <= 0)
      case 'in':
        return (o as unknown[]).some((x) => equals(value, x))
      case 'nin':
        return !(o as unknown[]).some((x) => equals(value, x))
      case 'exists':
        return present === Boolean(o)
      default:
        throw new Error(`unknown query command ${String(cond.op)}`)
    }
  }
  if (cond instanceof LogicCommand) {
    const test = (c: unknown) => matchField(value, c, present)
    return cond.op === 'and' ? cond.operands.every(test) : cond.operands.some(test)
  }
  return equals(value, cond)
}

/** Flattens `{ a: { b: 1 } }` into `{ 'a.b': 1 }`, stopping at commands, arrays and dates. */
export function flatten(data: Doc, prefix = ''): [string, unknown][] {
  return Object.entries(data).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return isPlainObject(value) && Object.keys(value).length > 0
      ? flatten(value, path)
      : [[path, value] as [string, unknown]]
  })
}

/** Whether a document satisfies a where/match condition. */
export function matches(doc: Doc, cond: unknown): boolean {
  if (cond instanceof LogicCommand) {
    const test = (c: unknown) => matches(doc, c)
    return cond.op === 'and' ? cond.operands.every(test) : cond.operands.some(test)
  }
  if (!isPlainObject(cond)) throw new Error('where() takes an object or a logic command')
  return flatten(cond).every(([path, c]) => {
    const value = getPath(doc, path)
    return matchField(value, c, value !== undefined)
  })
}

/** Replaces every serverDate marker with a Date from the given clock. */
export function resolveServerDates(value: unknown, now: number): unknown {
  if (value instanceof ServerDate) return new Date(now + value.offset)
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now))
  if (isPlainObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveServerDates(v, now)]),
    )
  if (value instanceof UpdateCommand)
    return new UpdateCommand(value.op, resolveServerDates(value.operand, now))
  return value
}

/** Applies update data: plain objects merge field by field, commands do what they say. */
export function applyUpdate(doc: Doc, data: Doc): Doc {
  const next = structuredClone(doc)
  for (const [path, value] of flatten(data)) {
    if (path === '_id' || path.startsWith('_id.')) throw new Error('不能更新_id的值')
    if (!(value instanceof UpdateCommand)) {
      setPath(next, path, structuredClone(value))
      continue
    }
    const current = getPath(next, path)
    switch (value.op) {
      case 'set':
        setPath(next, path, structuredClone(value.operand))
        break
      case 'inc':
        setPath(next, path, (typeof current === 'number' ? current : 0) + Number(value.operand))
        break
      case 'push': {
        const items = Array.isArray(value.operand) ? value.operand : [value.operand]
        setPath(next, path, [...(Array.isArray(current) ? current : []), ...items])
        break
      }
      case 'remove':
        removePath(next, path)
        break
      default:
        throw new Error(`unknown update command ${String(value.op)}`)
    }
  }
  return next
}

/** Applies a field() projection: `{ a: true }` keeps a (and _id), `{ a: false }` drops it. */
export function project(doc: Doc, spec: Record<string, boolean | number>): Doc {
  const entries = Object.entries(spec)
  const including = entries.some(([key, on]) => key !== '_id' && Boolean(on))
  if (!including) {
    const out = structuredClone(doc)
    for (const [key, on] of entries) if (!on) removePath(out, key)
    return out
  }
  const out: Doc = {}
  if (spec._id !== false && spec._id !== 0 && doc._id !== undefined) out._id = doc._id
  for (const [key, on] of entries) {
    const value = getPath(doc, key)
    if (on && key !== '_id' && value !== undefined) setPath(out, key, structuredClone(value))
  }
  return out
}
