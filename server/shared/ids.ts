import { randomFillSync } from 'node:crypto'

const ID_BYTES = 10
// Random bytes are drawn a pool at a time (as crypto.randomUUID does): one draw per id cost
// more than the rest of a vote's bookkeeping.
const POOL_IDS = 256
const pool = Buffer.alloc(ID_BYTES * POOL_IDS)
let next = POOL_IDS

/** A new opaque id such as `ntc_3kQz9…`: the prefix tells a reader (and a log) what it names. */
export function newId(prefix: string): string {
  if (next === POOL_IDS) {
    randomFillSync(pool)
    next = 0
  }
  const start = next++ * ID_BYTES
  return `${prefix}_${pool.toString('base64url', start, start + ID_BYTES)}`
}
