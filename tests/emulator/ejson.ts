// The wire format of the database actions: @cloudbase/database sends queries, documents, orders,
// projections and aggregation stages as canonical Extended JSON strings (`stringifyByEJSON`,
// bson's `EJSON.stringify(value, { relaxed: false })`) and parses the documents it gets back with
// `EJSON.parse` (relaxed). The same bson major the SDK uses (4.x) decodes and encodes here.
import { BSONRegExp, EJSON } from 'bson'

export type Doc = Record<string, unknown>

/** bson's regular expression as a JavaScript RegExp (what mingo matches with). */
function toRegExp(re: BSONRegExp): RegExp {
  // BSON flags JavaScript lacks (x, l) are dropped; i, m, s, u keep their meaning.
  const flags = [...new Set(re.options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
  return new RegExp(re.pattern, flags)
}

/** Replaces bson value classes that mingo cannot compare with plain JavaScript values. */
function plain(value: unknown): unknown {
  if (value instanceof BSONRegExp) return toRegExp(value)
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Doc = {}
    for (const [k, v] of Object.entries(value)) out[k] = plain(v)
    return out
  }
  return value
}

/** One Extended JSON string from the SDK as plain values (numbers, Dates, RegExps). */
export function decode(text: string): unknown {
  return plain(EJSON.parse(text, { relaxed: true }))
}

export const decodeDoc = (text: string) => decode(text) as Doc

/** A stored document as the SDK expects it back: canonical Extended JSON. */
export function encode(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: false })
}
