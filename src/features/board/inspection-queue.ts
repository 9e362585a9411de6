// Inspections that have not reached the server yet (DESIGN.md, "Weak network"): a grid
// worker in a village with no signal saves an inspection, it waits in local storage with its
// photos, and goes out when the network returns. Each carries a client id made on the phone;
// the server treats a second arrival of the same id as the same inspection, so sending
// again after a lost answer is harmless. Plain functions over a key-value storage, so that
// they run (and are tested) without Taro; the app passes Taro's storage in.
import type { KeyValueStorage } from '@/lib/offline-cache'

/** A photo taken for an inspection: its bytes until uploaded, then the server's url. */
export interface QueuedPhoto {
  fileName: string
  /** base64; emptied once uploaded. */
  content: string
  takenAt: string
  url: string | null
}

/** One inspection waiting to be sent. */
export interface QueuedInspection<T> {
  clientId: string
  roundId: string
  householdId: string
  /** How the list names the household (户主 · 门牌号) while it waits. */
  label: string
  /** The inspection as the form filled it, without its photos. */
  input: T
  photos: QueuedPhoto[]
  queuedAt: string
  /** Why the server refused it last time (not a network failure); null until then. */
  error: string | null
}

export interface InspectionQueue<T> {
  /** Everything waiting, oldest first. */
  list(): QueuedInspection<T>[]
  /** Adds an inspection or replaces the one with the same client id. */
  put(entry: QueuedInspection<T>): void
  remove(clientId: string): void
}

const KEY = 'hemei.board.outbox'

function isEntry(value: unknown): value is QueuedInspection<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Partial<QueuedInspection<unknown>>
  return (
    typeof v.clientId === 'string' &&
    typeof v.roundId === 'string' &&
    typeof v.householdId === 'string' &&
    Array.isArray(v.photos)
  )
}

/**
 * The outbox of inspections in `storage`. The list holds the inspections without their
 * photos' bytes; each photo waits under a key of its own, since WeChat stores at most 1 MB
 * under one key and a few compressed photos are more than that.
 */
export function createInspectionQueue<T>(storage: KeyValueStorage): InspectionQueue<T> {
  const photoKey = (clientId: string, index: number) => `${KEY}:${clientId}:${index}`
  const stored = (): QueuedInspection<T>[] => {
    let value: unknown
    try {
      value = storage.get(KEY)
    } catch {
      return []
    }
    return Array.isArray(value) ? (value.filter(isEntry) as QueuedInspection<T>[]) : []
  }
  const withBytes = (entry: QueuedInspection<T>): QueuedInspection<T> => ({
    ...entry,
    photos: entry.photos.map((p, i) => {
      if (p.url) return p
      const content: unknown = storage.get(photoKey(entry.clientId, i))
      return { ...p, content: typeof content === 'string' ? content : '' }
    }),
  })
  const dropPhotos = (entry: QueuedInspection<T>) =>
    entry.photos.forEach((_, i) => storage.remove(photoKey(entry.clientId, i)))
  const write = (entries: QueuedInspection<T>[]) => {
    if (entries.length === 0) storage.remove(KEY)
    else storage.set(KEY, entries)
  }
  return {
    list: () => stored().map(withBytes),
    put(entry) {
      const entries = stored()
      const at = entries.findIndex((e) => e.clientId === entry.clientId)
      const old = entries[at]
      if (old) dropPhotos(old)
      entry.photos.forEach((p, i) => {
        if (!p.url && p.content) storage.set(photoKey(entry.clientId, i), p.content)
      })
      const light = { ...entry, photos: entry.photos.map((p) => ({ ...p, content: '' })) }
      if (at >= 0) entries[at] = light
      else entries.push(light)
      write(entries)
    },
    remove(clientId) {
      const entries = stored()
      const gone = entries.find((e) => e.clientId === clientId)
      if (gone) dropPhotos(gone)
      write(entries.filter((e) => e.clientId !== clientId))
    },
  }
}

/** A client id unique enough for one phone's inspections (time plus randomness). */
export function newClientId(now = Date.now(), random = Math.random): string {
  return `c${now.toString(36)}${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`
}

/**
 * The idempotency key an inspection is sent under, every time: it lives with the queued entry
 * (made from its client id), so a resend after a lost answer or a restart of the app is a
 * repeat the server answers from its record, never a second write.
 */
export const requestKeyOf = (entry: { clientId: string }) => `inspect-${entry.clientId}`

export interface FlushResult {
  sent: number
  /** Refused by the server (kept, with the reason, for the worker to look at). */
  refused: number
  /** Still waiting because the network failed. */
  waiting: number
}

/**
 * Sends what waits, oldest first. `upload` turns a photo's bytes into a url (saved at once,
 * so a photo is uploaded only once); `send` delivers the inspection. A network failure stops
 * the round, leaving the rest queued; any other failure marks that entry with the reason and
 * goes on with the next one.
 */
export async function flushQueue<T>(
  queue: InspectionQueue<T>,
  upload: (photo: QueuedPhoto) => Promise<string>,
  send: (
    entry: QueuedInspection<T>,
    photoUrls: { url: string; takenAt: string }[],
  ) => Promise<void>,
  offline: (error: unknown) => boolean,
  describe: (error: unknown) => string,
): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: 0, waiting: 0 }
  const entries = queue.list()
  for (const [index, original] of entries.entries()) {
    const entry = { ...original, photos: original.photos.map((p) => ({ ...p })) }
    try {
      for (const photo of entry.photos) {
        if (photo.url) continue
        photo.url = await upload(photo)
        photo.content = ''
        queue.put(entry)
      }
      await send(
        entry,
        entry.photos.map((p) => ({ url: p.url ?? '', takenAt: p.takenAt })),
      )
      queue.remove(entry.clientId)
      result.sent++
    } catch (error) {
      if (offline(error)) {
        result.waiting = entries.length - index
        return result
      }
      queue.put({ ...entry, error: describe(error) })
      result.refused++
    }
  }
  return result
}
