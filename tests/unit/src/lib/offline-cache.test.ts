import { createOfflineCache, loadOrSaved, type KeyValueStorage } from '@/lib/offline-cache'

/** A storage like Taro's: '' for a missing key, values kept as JSON. */
function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    get: (key) => {
      const raw = map.get(key)
      return raw === undefined ? '' : (JSON.parse(raw) as unknown)
    },
    set: (key, value) => void map.set(key, JSON.stringify(value)),
    remove: (key) => void map.delete(key),
  }
}

const offline = (error: unknown) => error instanceof Error && error.message === 'offline'

describe('offline cache', () => {
  it('reads back what was saved, with the time it was saved', () => {
    const cache = createOfflineCache<{ title: string }>(memoryStorage(), { name: 't', limit: 3 })
    expect(cache.read('a')).toBeNull()

    cache.save('a', { title: '通知' }, new Date('2025-11-26T02:00:00Z'))

    expect(cache.read('a')).toEqual({
      data: { title: '通知' },
      savedAt: '2025-11-26T02:00:00.000Z',
    })
  })

  it('keeps only the most recently saved entries, dropping the oldest from storage', () => {
    const storage = memoryStorage()
    const cache = createOfflineCache<number>(storage, { name: 't', limit: 3 })
    for (const key of ['a', 'b', 'c', 'd']) cache.save(key, 1)
    // Saving again makes an entry the most recent.
    cache.save('b', 2)
    cache.save('e', 3)

    expect(cache.keys()).toEqual(['e', 'b', 'd'])
    expect(cache.read('a')).toBeNull()
    expect(cache.read('c')).toBeNull()
    expect(cache.read('b')?.data).toBe(2)
    // Three entries and the index: nothing else left behind.
    expect(storage.map.size).toBe(4)
  })

  it('keeps kinds apart by name', () => {
    const storage = memoryStorage()
    const notices = createOfflineCache<string>(storage, { name: 'n', limit: 1 })
    const feeds = createOfflineCache<string>(storage, { name: 'f', limit: 1 })
    notices.save('x', 'notice')
    feeds.save('x', 'feed')
    expect(notices.read('x')?.data).toBe('notice')
    expect(feeds.read('x')?.data).toBe('feed')
  })

  it('ignores what is not a saved entry, and a storage that fails', () => {
    const storage = memoryStorage()
    storage.set('t:a', 'garbage')
    storage.set('t:index', 'garbage')
    const cache = createOfflineCache<string>(storage, { name: 't', limit: 2 })
    expect(cache.read('a')).toBeNull()
    expect(cache.keys()).toEqual([])

    const full: KeyValueStorage = {
      get: () => '',
      set: () => {
        throw new Error('quota')
      },
      remove: () => undefined,
    }
    expect(() => createOfflineCache(full, { name: 't', limit: 2 }).save('a', 1)).not.toThrow()
  })
})

describe('loadOrSaved', () => {
  it('saves a fresh answer and returns it as fresh', async () => {
    const cache = createOfflineCache<string>(memoryStorage(), { name: 't', limit: 2 })
    const answer = await loadOrSaved(cache, 'a', () => Promise.resolve('new'), offline)
    expect(answer).toEqual({ data: 'new', savedAt: null })
    expect(cache.read('a')?.data).toBe('new')
  })

  it('answers with the saved copy when offline', async () => {
    const cache = createOfflineCache<string>(memoryStorage(), { name: 't', limit: 2 })
    cache.save('a', 'old', new Date('2025-11-26T02:00:00Z'))
    const answer = await loadOrSaved(
      cache,
      'a',
      () => Promise.reject(new Error('offline')),
      offline,
    )
    expect(answer).toEqual({ data: 'old', savedAt: '2025-11-26T02:00:00.000Z' })
  })

  it('throws when offline with no copy, or on any other failure', async () => {
    const cache = createOfflineCache<string>(memoryStorage(), { name: 't', limit: 2 })
    await expect(
      loadOrSaved(cache, 'a', () => Promise.reject(new Error('offline')), offline),
    ).rejects.toThrow('offline')
    cache.save('a', 'old')
    await expect(
      loadOrSaved(cache, 'a', () => Promise.reject(new Error('not found')), offline),
    ).rejects.toThrow('not found')
  })
})
