// Ids of list lines that mean nothing outside their round. A line shown masked must not carry
// the household's id: other answers (a nomination search, a candidate) map that id to the full
// name, and joining the two would undo the mask. A line's id is the household id encrypted
// deterministically for its round (SIV-style: the tag is an HMAC of round and household and
// doubles as the IV), so the server reads it back without a lookup and nobody else can.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import type { Store } from '../store/store'

/** Where the key lives: the cloud function's instances share it through the store. */
export const ROW_KEY_SETTING = 'board.rowKey'
const PREFIX = 'ln_'
const TAG_BYTES = 12

interface Keys {
  mac: Buffer
  enc: Buffer
}

const derive = (key: Buffer): Keys => ({
  mac: createHmac('sha256', key).update('row-id mac').digest(),
  enc: createHmac('sha256', key).update('row-id enc').digest(),
})

const tagOf = (keys: Keys, roundId: string, householdId: string) =>
  createHmac('sha256', keys.mac)
    .update(`${roundId}\n${householdId}`)
    .digest()
    .subarray(0, TAG_BYTES)

const ivOf = (tag: Buffer) => Buffer.concat([tag, Buffer.alloc(16 - TAG_BYTES)])

/** The line id of `householdId` in `roundId`. */
export function encodeRowId(key: Buffer, roundId: string, householdId: string): string {
  const keys = derive(key)
  const tag = tagOf(keys, roundId, householdId)
  const cipher = createCipheriv('aes-256-ctr', keys.enc, ivOf(tag))
  const body = Buffer.concat([cipher.update(householdId, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([tag, body]).toString('base64url')
}

/** The household behind a line id of `roundId`; null for anything else (another round too). */
export function decodeRowId(key: Buffer, roundId: string, rowId: string): string | null {
  if (!rowId.startsWith(PREFIX)) return null
  const raw = Buffer.from(rowId.slice(PREFIX.length), 'base64url')
  if (raw.length <= TAG_BYTES) return null
  const keys = derive(key)
  const tag = raw.subarray(0, TAG_BYTES)
  const decipher = createDecipheriv('aes-256-ctr', keys.enc, ivOf(tag))
  const householdId = Buffer.concat([
    decipher.update(raw.subarray(TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8')
  return timingSafeEqual(tagOf(keys, roundId, householdId), tag) ? householdId : null
}

/** A new installation key, as the setting stores it (hex). */
export const newRowKey = () => randomBytes(32).toString('hex')

/** Line ids with the installation's key (created on first use, read once per store). */
export interface RowIds {
  encode(roundId: string, householdId: string): string
}

const keys = new WeakMap<Store, Promise<Buffer>>()

async function readOrCreateKey(store: Store): Promise<Buffer> {
  const stored = await store.settings.get(ROW_KEY_SETTING)
  if (stored) return Buffer.from(stored, 'hex')
  await store.settings.set(ROW_KEY_SETTING, newRowKey())
  // Read back what is stored: with two first uses at once, both settle on the last one written.
  return Buffer.from((await store.settings.get(ROW_KEY_SETTING)) ?? '', 'hex')
}

/**
 * Stores the installation's key if there is none yet, without caching it: called by the writes
 * that make lists to mask (publishing), inside their unit of work, so that a read never has to
 * create it. Should that unit roll back, nothing was kept anywhere.
 */
export async function storeRowKey(store: Store): Promise<void> {
  if (await store.settings.get(ROW_KEY_SETTING)) return
  await store.settings.set(ROW_KEY_SETTING, newRowKey())
}

/**
 * The codec for answers that give out line ids. The key exists once lists were published
 * (storeRowKey) or imported; only an installation that published before publishing stored it
 * has its first reader create it.
 */
export async function rowIds(store: Store): Promise<RowIds> {
  let pending = keys.get(store)
  if (!pending) {
    pending = readOrCreateKey(store)
    keys.set(store, pending)
    pending.catch(() => keys.delete(store))
  }
  const key = await pending
  return { encode: (roundId, householdId) => encodeRowId(key, roundId, householdId) }
}

/**
 * The household behind a line id of `roundId`, or null. Reading never creates the key (a
 * refused call changes nothing): without one, no line id was ever given out.
 */
export async function readRowId(
  store: Store,
  roundId: string,
  rowId: string,
): Promise<string | null> {
  if (!rowId.startsWith(PREFIX)) return null
  const cached = keys.get(store)
  const key = cached ? await cached : null
  const found = key ? decodeRowId(key, roundId, rowId) : null
  if (found !== null) return found
  // Not cached yet, or an instance that raced another on the very first use holds a key that
  // lost: read the stored one before calling the id unknown.
  const stored = await store.settings.get(ROW_KEY_SETTING)
  if (!stored) return null
  const fresh = Buffer.from(stored, 'hex')
  if (key?.equals(fresh)) return null
  keys.set(store, Promise.resolve(fresh))
  return decodeRowId(fresh, roundId, rowId)
}
