import {
  createInspectionQueue,
  flushQueue,
  newClientId,
  requestKeyOf,
  type QueuedInspection,
} from '@/features/board/inspection-queue'
import type { KeyValueStorage } from '@/lib/offline-cache'

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

class Offline extends Error {}
const offline = (error: unknown) => error instanceof Offline
const describeError = (error: unknown) => (error instanceof Error ? error.message : '失败')

const entry = (clientId: string, photos = 0): QueuedInspection<{ score: number }> => ({
  clientId,
  roundId: 'r1',
  householdId: `h-${clientId}`,
  label: `户 ${clientId}`,
  input: { score: 90 },
  photos: Array.from({ length: photos }, (_, i) => ({
    fileName: `photo-${i + 1}.jpg`,
    content: 'AAAA',
    takenAt: '2026-11-26T02:00:00.000Z',
    url: null,
  })),
  queuedAt: '2026-11-26T02:00:00.000Z',
  error: null,
})

describe('inspection outbox', () => {
  it('keeps queued inspections in storage, oldest first, one per client id', () => {
    const storage = memoryStorage()
    const queue = createInspectionQueue<{ score: number }>(storage)
    queue.put(entry('a'))
    queue.put(entry('b'))
    queue.put({ ...entry('a'), input: { score: 70 } })

    const again = createInspectionQueue<{ score: number }>(storage)
    expect(again.list().map((e) => [e.clientId, e.input.score])).toEqual([
      ['a', 70],
      ['b', 90],
    ])
    again.remove('a')
    again.remove('b')
    expect(storage.map.size).toBe(0)
  })

  it('reads nothing from a storage holding something else', () => {
    const storage = memoryStorage()
    storage.set('hemei.board.outbox', [{ clientId: 1 }, 'x'])
    expect(createInspectionQueue(storage).list()).toEqual([])
  })

  it('sends everything when the network is back, uploading each photo once', async () => {
    const queue = createInspectionQueue<{ score: number }>(memoryStorage())
    queue.put(entry('a', 2))
    queue.put(entry('b'))
    const uploads: string[] = []
    const sent: { clientId: string; urls: string[] }[] = []

    const result = await flushQueue(
      queue,
      async (photo) => {
        uploads.push(photo.fileName)
        return `/media/${photo.fileName}`
      },
      async (e, photos) => void sent.push({ clientId: e.clientId, urls: photos.map((p) => p.url) }),
      offline,
      describeError,
    )

    expect(result).toEqual({ sent: 2, refused: 0, waiting: 0 })
    expect(uploads).toEqual(['photo-1.jpg', 'photo-2.jpg'])
    expect(sent).toEqual([
      { clientId: 'a', urls: ['/media/photo-1.jpg', '/media/photo-2.jpg'] },
      { clientId: 'b', urls: [] },
    ])
    expect(queue.list()).toEqual([])
  })

  it('stops at a network failure, keeping uploaded photos for the next try', async () => {
    const queue = createInspectionQueue<{ score: number }>(memoryStorage())
    queue.put(entry('a', 2))
    queue.put(entry('b'))
    let uploads = 0

    const first = await flushQueue(
      queue,
      async (photo) => {
        if (++uploads === 2) throw new Offline('offline')
        return `/media/${photo.fileName}`
      },
      async () => undefined,
      offline,
      describeError,
    )

    expect(first).toEqual({ sent: 0, refused: 0, waiting: 2 })
    const [waiting] = queue.list()
    expect(waiting?.photos.map((p) => p.url)).toEqual(['/media/photo-1.jpg', null])
    expect(waiting?.photos[0]?.content).toBe('')

    const uploaded: string[] = []
    const second = await flushQueue(
      queue,
      async (photo) => {
        uploaded.push(photo.fileName)
        return `/media/${photo.fileName}`
      },
      async () => undefined,
      offline,
      describeError,
    )
    expect(second).toEqual({ sent: 2, refused: 0, waiting: 0 })
    expect(uploaded).toEqual(['photo-2.jpg'])
  })

  it('keeps a refused inspection with the server’s reason and sends the rest', async () => {
    const queue = createInspectionQueue<{ score: number }>(memoryStorage())
    queue.put(entry('a'))
    queue.put(entry('b'))

    const result = await flushQueue(
      queue,
      async () => '',
      async (e) => {
        if (e.clientId === 'a') throw new Error('本轮检查已结束')
      },
      offline,
      describeError,
    )

    expect(result).toEqual({ sent: 1, refused: 1, waiting: 0 })
    expect(queue.list().map((e) => [e.clientId, e.error])).toEqual([['a', '本轮检查已结束']])
  })

  it('makes client ids that differ', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientId()))
    expect(ids.size).toBe(100)
    expect(newClientId(0, () => 0)).toBe('c000000000')
  })
})

describe('inspection outbox storage', () => {
  it('keeps each photo under a key of its own (WeChat stores at most 1 MB per key)', () => {
    const storage = memoryStorage()
    const queue = createInspectionQueue<{ score: number }>(storage)
    queue.put(entry('a', 3))

    expect(storage.map.size).toBe(4)
    expect(storage.map.get('hemei.board.outbox')).not.toContain('AAAA')
    expect(queue.list()[0]?.photos.map((p) => p.content)).toEqual(['AAAA', 'AAAA', 'AAAA'])
    queue.remove('a')
    expect(storage.map.size).toBe(0)
  })

  it('recovers after the app is closed: a new queue over the same storage sends the same inspection under the same key', async () => {
    const storage = memoryStorage()
    // The first run of the app: two inspections queued (one with a photo), the send of the
    // first goes out but its answer is lost; then the app is closed.
    const first = createInspectionQueue<{ score: number }>(storage)
    first.put(entry('c1', 1))
    first.put(entry('c2'))
    const keys: string[] = []
    const written = new Map<string, number>()
    // The "server": one inspection per key, a repeat answered from its record.
    const deliver = (key: string) => written.set(key, (written.get(key) ?? 0) + 1)
    const lost = await flushQueue(
      first,
      async () => 'https://files/c1-1.jpg',
      async (e) => {
        keys.push(requestKeyOf(e))
        if (e.clientId === 'c1') {
          if (!written.has(requestKeyOf(e))) deliver(requestKeyOf(e))
          throw new Offline('answer lost')
        }
      },
      offline,
      describeError,
    )
    expect(lost).toEqual({ sent: 0, refused: 0, waiting: 2 })

    // Reopened: nothing in memory but the storage. Both inspections are there, the photo
    // already uploaded, and they go out under the keys they were queued with.
    const reopened = createInspectionQueue<{ score: number }>(storage)
    expect(reopened.list().map((e) => [e.clientId, e.photos[0]?.url ?? null])).toEqual([
      ['c1', 'https://files/c1-1.jpg'],
      ['c2', null],
    ])
    let uploads = 0
    const result = await flushQueue(
      reopened,
      async () => {
        uploads++
        return 'never'
      },
      async (e) => {
        keys.push(requestKeyOf(e))
        if (!written.has(requestKeyOf(e))) deliver(requestKeyOf(e))
      },
      offline,
      describeError,
    )
    expect(result).toEqual({ sent: 2, refused: 0, waiting: 0 })
    expect(uploads).toBe(0)
    expect(keys).toEqual(['inspect-c1', 'inspect-c1', 'inspect-c2'])
    expect([...written.values()]).toEqual([1, 1])
    expect(reopened.list()).toEqual([])
    expect(storage.map.size).toBe(0)
  })
})
