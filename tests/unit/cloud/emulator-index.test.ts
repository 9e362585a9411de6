// The emulator's index-aware query path (tests/emulator/query-index.ts) answers exactly what a
// full scan answers: random documents (strings, numbers with 0 / -0 / NaN, booleans, null,
// missing fields, dates, arrays, nested objects, string and number `_id`s), random declared
// indexes, and random sequences of inserts, updates, removes, queries (equality, $in, _id
// ranges, $ne, $exists, $and / $or), orders, skips, limits, counts and aggregates run on an
// indexed database and on one that scans, and every answer (or error) must be the same.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CloudDatabase, type DatabaseOptions, TcbApiError } from '../../emulator/database'
import { encode, type Doc } from '../../emulator/ejson'

const day = (d: number) => new Date(Date.UTC(2026, 11, d))
const FIELDS = ['a', 'b', 'n.k', 'arr'] as const
const common = fc.constantFrom<unknown>('x', 'y', 1, null)
const rare = fc.constantFrom<unknown>(
  'X',
  '10',
  '9',
  '',
  0,
  -0,
  1.5,
  10,
  Number.NaN,
  true,
  false,
  day(1),
  day(2),
)
/** Mostly a few common values, so that queries match. */
const scalar = fc.oneof({ weight: 3, arbitrary: common }, { weight: 2, arbitrary: rare })
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ k: scalar }) },
)
const idValue = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'aa', 'ab', 'b1', 'B', 'z', '0') },
  { weight: 1, arbitrary: fc.constantFrom(1, 2) },
)

/** A document: some of a, b, n (an object with k, or a scalar), arr. */
const doc = fc
  .record(
    {
      _id: idValue,
      a: value,
      b: value,
      n: fc.oneof(
        fc.record({ k: value }),
        scalar,
        fc.array(fc.record({ k: scalar }), { maxLength: 2 }),
      ),
      arr: fc.oneof(fc.array(scalar, { maxLength: 3 }), scalar),
    },
    // A generated _id is random: both databases are given one.
    { requiredKeys: ['_id'] },
  )
  .map((d) => d as Doc)

/** One field's condition, as the SDK would send it. */
const condition = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: scalar.map((v) => ({ $eq: v })) },
  { weight: 3, arbitrary: fc.array(scalar, { maxLength: 4 }).map((v) => ({ $in: v })) },
  { weight: 1, arbitrary: scalar.map((v) => ({ $ne: v })) },
  { weight: 1, arbitrary: fc.boolean().map((v) => ({ $exists: v })) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
  { weight: 1, arbitrary: fc.record({ k: scalar }) },
  {
    weight: 1,
    arbitrary: fc.tuple(scalar, scalar).map(([eq, ne]) => ({ $eq: eq, $ne: ne })),
  },
)
/** An `_id` range: a lower bound, an upper bound, or both. */
const idRange = fc
  .record({
    low: fc.constantFrom('$gt', '$gte', null),
    high: fc.constantFrom('$lt', '$lte', null),
    from: idValue,
    to: idValue,
  })
  .filter((r) => r.low !== null || r.high !== null)
  .map((r) => ({
    ...(r.low ? { [r.low]: r.from } : {}),
    ...(r.high ? { [r.high]: r.to } : {}),
  }))
const idCondition = fc.oneof(
  { weight: 1, arbitrary: idValue },
  { weight: 1, arbitrary: fc.array(idValue, { maxLength: 4 }).map((v) => ({ $in: v })) },
  { weight: 3, arbitrary: idRange },
)
const conditionOn = (field: string) => (field === '_id' ? idCondition : condition)
/** One or two fields' conditions (more rarely match anything). */
const simpleQuery: fc.Arbitrary<Doc> = fc
  .shuffledSubarray([...FIELDS, '_id'], { minLength: 0, maxLength: 2 })
  .chain((fields) =>
    fc
      .tuple(...fields.map(conditionOn))
      .map((cs) => Object.fromEntries(fields.map((f, i) => [f, cs[i]]))),
  )
const query: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 6, arbitrary: simpleQuery },
  {
    weight: 1,
    arbitrary: fc.tuple(simpleQuery, simpleQuery).map(([x, y]) => ({ ...x, $and: [x, y] })),
  },
  { weight: 1, arbitrary: fc.tuple(simpleQuery, simpleQuery).map(([x, y]) => ({ $or: [x, y] })) },
)
const order = fc.constantFrom<Record<string, 1 | -1> | undefined>(
  undefined,
  { _id: 1 },
  { _id: -1 },
  { _id: 1 },
  { _id: -1 },
  { _id: -1, a: 1 },
  { a: 1 },
  { a: -1, _id: 1 },
  { b: 1, a: -1 },
)

type Op =
  | { kind: 'insert'; docs: Doc[] }
  | { kind: 'get'; query: Doc; order?: Record<string, 1 | -1>; offset: number; limit: number }
  | { kind: 'count' | 'remove'; query: Doc }
  | { kind: 'update'; query: Doc; set: Doc }
  | { kind: 'set'; id: unknown; data: Doc }
  | { kind: 'aggregate'; query: Doc }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(doc, { minLength: 1, maxLength: 12 })
      .map((docs) => ({ kind: 'insert' as const, docs })),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({ query, order, offset: fc.nat(4), limit: fc.integer({ min: 0, max: 8 }) })
      .map((g) => ({ kind: 'get' as const, ...g })),
  },
  { weight: 2, arbitrary: query.map((q) => ({ kind: 'count' as const, query: q })) },
  { weight: 1, arbitrary: query.map((q) => ({ kind: 'remove' as const, query: q })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ query, set: fc.record({ a: value, b: value }, { requiredKeys: [] }) })
      .filter((u) => Object.keys(u.set).length > 0)
      .map((u) => ({ kind: 'update' as const, ...u })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ id: idValue, data: fc.record({ a: value, b: value }, { requiredKeys: [] }) })
      .map((s) => ({ kind: 'set' as const, ...s })),
  },
  { weight: 1, arbitrary: query.map((q) => ({ kind: 'aggregate' as const, query: q })) },
)

/** Declared indexes: a few field lists over the generated fields. */
const indexes = fc.array(fc.shuffledSubarray([...FIELDS, '_id'], { minLength: 1 }), {
  maxLength: 3,
})

function run(db: CloudDatabase, o: Op): unknown {
  const collectionName = 'c'
  try {
    switch (o.kind) {
      case 'insert':
        return db.handle('database.insertDocument', {
          collectionName,
          data: o.docs.map((d) => encode(d)),
        })
      case 'get':
        return db.handle('database.getDocument', {
          collectionName,
          queryType: 'WHERE',
          query: encode(o.query),
          order: o.order ? encode(o.order) : undefined,
          offset: o.offset,
          limit: o.limit,
        })
      case 'count':
        return db.handle('database.calculateDocument', {
          collectionName,
          queryType: 'WHERE',
          query: encode(o.query),
        })
      case 'remove':
        return db.handle('database.removeDocument', {
          collectionName,
          queryType: 'WHERE',
          query: encode(o.query),
          multi: true,
        })
      case 'update':
        return db.handle('database.modifyDocument', {
          collectionName,
          queryType: 'WHERE',
          query: encode(o.query),
          data: encode({ $set: o.set }),
          multi: true,
          merge: true,
        })
      case 'set':
        return db.handle('database.modifyDocument', {
          collectionName,
          queryType: 'DOC',
          query: encode({ _id: o.id }),
          data: encode(o.data),
          merge: false,
          upsert: true,
        })
      case 'aggregate':
        return db.handle('database.aggregateDocuments', {
          collectionName,
          stages: [
            { stageKey: '$match', stageValue: encode(o.query) },
            { stageKey: '$limit', stageValue: '{"$numberInt":"1000"}' },
          ],
        })
    }
  } catch (e) {
    if (e instanceof TcbApiError) return { code: e.code, message: e.message }
    throw e
  }
}

function database(fields: string[][], options: DatabaseOptions) {
  const db = new CloudDatabase('env-diff', options)
  db.createCollection('c')
  fields.forEach((f, n) => db.createIndex('c', { name: `i${n}`, fields: f, unique: false }))
  return db
}

const variants: [string, DatabaseOptions][] = [
  ['defaults', {}],
  // Every candidate list sorted into natural order, every _id order walked.
  ['sorting and walking always', { sortBelowOneIn: 0, walkAbove: -1 }],
]

describe('the emulator answers from its indexes exactly what a full scan answers', () => {
  it.each(variants)('random documents, indexes and operations (%s)', (_name, options) => {
    fc.assert(
      fc.property(indexes, fc.array(op, { minLength: 1, maxLength: 40 }), (fields, ops) => {
        const scan = database(fields, { indexed: false })
        const indexed = database(fields, options)
        for (const o of ops) expect(run(indexed, o)).toEqual(run(scan, o))
        expect(indexed.dump('c')).toEqual(scan.dump('c'))
      }),
      { numRuns: 400 },
    )
  })

  it('pages by _id through 20,000 documents testing each page, not the collection', () => {
    const tested = (options: DatabaseOptions) => {
      const db = database([['a', '_id']], options)
      const data = Array.from({ length: 20_000 }, (_, i) =>
        encode({ _id: `d${String(i).padStart(6, '0')}`, a: i % 4 === 0 ? 'x' : 'y', i }),
      )
      db.handle('database.insertDocument', { collectionName: 'c', data })
      let after = ''
      let pages = 0
      for (;;) {
        const { data: page } = db.handle('database.getDocument', {
          collectionName: 'c',
          queryType: 'WHERE',
          query: encode(after ? { a: 'x', _id: { $gt: after } } : { a: 'x' }),
          order: encode({ _id: 1 }),
          limit: 100,
        }) as { data: { list: string[] } }
        if (page.list.length === 0) break
        pages++
        after = (JSON.parse(page.list.at(-1) as string) as { _id: string })._id
      }
      return { pages, tested: db.documentsTested }
    }
    // 5,000 matches in 50 pages of 100; each page walks the 400 _ids after its cursor and
    // tests only the 100 in the bucket of a: 'x'.
    expect(tested({})).toEqual({ pages: 50, tested: 5_000 })
    // A scan tests every document for each page (and the empty one after the last).
    expect(tested({ indexed: false })).toEqual({ pages: 50, tested: 51 * 20_000 })
  })

  it('answers an equality query from its bucket: 3 candidates of 3,000 tested', () => {
    const db = database([['a']], {})
    const data = Array.from({ length: 3_000 }, (_, i) =>
      encode({ _id: `d${i}`, a: i % 1_000 === 7 ? 'x' : `v${i}` }),
    )
    db.handle('database.insertDocument', { collectionName: 'c', data })
    const { data: found } = db.handle('database.getDocument', {
      collectionName: 'c',
      queryType: 'WHERE',
      query: encode({ a: 'x' }),
    }) as { data: { list: string[] } }
    expect(found.list.map((d) => (JSON.parse(d) as { _id: string })._id)).toEqual([
      'd7',
      'd1007',
      'd2007',
    ])
    expect(db.documentsTested).toBe(3)
  })
})
