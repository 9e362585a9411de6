// What was read once can be read again offline (DESIGN.md, "Weak network"): the answers a
// page chooses to keep are saved in local storage, a bounded number per kind, and shown when
// the next load gets no answer. Plain functions over a key-value storage, so that they run
// (and are tested) without Taro; the app passes Taro's storage in.

/** The storage the cache writes to: Taro.getStorageSync / setStorageSync / removeStorageSync. */
export interface KeyValueStorage {
  get(key: string): unknown
  set(key: string, value: unknown): void
  remove(key: string): void
}

/** An answer as saved, with when (ISO time). */
export interface Saved<T> {
  data: T
  savedAt: string
}

/** An answer as loaded: fresh (savedAt null) or, without network, the saved copy. */
export interface MaybeSaved<T> {
  data: T
  /** When the shown copy was saved; null when it came from the server just now. */
  savedAt: string | null
}

export interface OfflineCache<T> {
  /** Keeps `data` under `key`, the most recent first; the oldest beyond the limit are dropped. */
  save(key: string, data: T, now?: Date): void
  /** The copy saved under `key`, if any. */
  read(key: string): Saved<T> | null
  /** The keys held, the most recently saved first. */
  keys(): string[]
}

interface Options {
  /** A prefix for this kind's storage keys, e.g. 'hemei.offline.notice'. */
  name: string
  /** How many entries to keep at most. */
  limit: number
}

function isSaved(value: unknown): value is Saved<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    typeof (value as { savedAt?: unknown }).savedAt === 'string'
  )
}

/** A bounded cache of one kind of answer (notices, feed pages) in `storage`. */
export function createOfflineCache<T>(
  storage: KeyValueStorage,
  { name, limit }: Options,
): OfflineCache<T> {
  const indexKey = `${name}:index`
  const entryKey = (key: string) => `${name}:${key}`

  const keys = (): string[] => {
    let index: unknown
    try {
      index = storage.get(indexKey)
    } catch {
      return []
    }
    return Array.isArray(index) ? index.filter((k): k is string => typeof k === 'string') : []
  }

  return {
    keys,
    save(key, data, now = new Date()) {
      const saved: Saved<T> = { data, savedAt: now.toISOString() }
      const index = [key, ...keys().filter((k) => k !== key)]
      try {
        for (const dropped of index.slice(limit)) storage.remove(entryKey(dropped))
        storage.set(entryKey(key), saved)
        storage.set(indexKey, index.slice(0, limit))
      } catch {
        // Storage full or unavailable: the page still shows what it loaded, just not offline.
      }
    },
    read(key) {
      let value: unknown
      try {
        value = storage.get(entryKey(key))
      } catch {
        return null
      }
      return isSaved(value) ? (value as Saved<T>) : null
    },
  }
}

/**
 * Loads through `load` and saves the answer under `key`; when the load fails in a way
 * `offline` recognises (no answer from the server) and a copy is saved, answers with that
 * copy instead. Any other failure, or no copy, is thrown as it came.
 */
export async function loadOrSaved<T>(
  cache: OfflineCache<T>,
  key: string,
  load: () => Promise<T>,
  offline: (error: unknown) => boolean,
): Promise<MaybeSaved<T>> {
  try {
    const data = await load()
    cache.save(key, data)
    return { data, savedAt: null }
  } catch (error) {
    const saved = offline(error) ? cache.read(key) : null
    if (!saved) throw error
    return saved
  }
}
