// Store contract of uploaded files' records, on both adapters: reserved cloud slots are
// registered once, and an image check's verdict settles a pending record once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MediaRecord, Store } from '../../../../../server/store/store'
import { NOW } from '../../../../helpers/factories'
import { openStore, storeKinds } from '../../../../helpers/store-adapters'

/** The uploader: a user the store created (SQLite checks the owner's foreign key). */
let ownerId = ''

const slot = (id: string): MediaRecord => ({
  id,
  ownerId,
  kind: 'image',
  mime: 'image/jpeg',
  bytes: 0,
  createdAt: NOW,
  status: 'pending',
  cloudPath: `media/2026-11/${id}`,
  fileId: null,
  traceId: null,
})

const fileIdOf = (r: MediaRecord) => `cloud://env-1.bucket/${r.cloudPath}`

describe.each(storeKinds)('media store (%s)', (kind) => {
  let store: Store

  beforeEach(async () => {
    // No snapshot: a media record needs only its owner.
    store = await openStore(kind)
    ownerId = (await store.users.ensure('t-uploader', NOW)).id
  })
  afterEach(() => store.close())

  it('keeps a local upload as it was created, with null cloud fields', async () => {
    const local: MediaRecord = {
      ...slot('med_local.png'),
      mime: 'image/png',
      bytes: 1234,
      status: 'pass',
      cloudPath: null,
    }
    await store.media.create(local)
    expect(await store.media.get('med_local.png')).toEqual(local)
    expect(await store.media.get('med_none.png')).toBeNull()
  })

  it('many() answers the records that exist, each once', async () => {
    for (const id of ['med_a.jpg', 'med_b.jpg', 'med_c.jpg']) await store.media.create(slot(id))
    const found = await store.media.many(['med_c.jpg', 'med_a.jpg', 'med_a.jpg', 'med_x.jpg'])
    expect(found.map((r) => r.id).sort()).toEqual(['med_a.jpg', 'med_c.jpg'])
    expect(await store.media.many([])).toEqual([])
  })

  it('registers a reserved slot once; a second registration changes nothing', async () => {
    const record = slot('med_once.jpg')
    await store.media.create(record)
    const file = { fileId: fileIdOf(record), traceId: 'trace-1', status: 'pending' as const }
    expect(await store.media.register(record.id, file)).toBe(true)
    expect(
      await store.media.register(record.id, { ...file, fileId: 'cloud://other/x', traceId: 't2' }),
    ).toBe(false)
    expect(await store.media.get(record.id)).toEqual({ ...record, ...file })
    expect(await store.media.register('med_unknown.jpg', file)).toBe(false)
  })

  it('two registrations of one slot at once: exactly one wins', async () => {
    const record = slot('med_race.jpg')
    await store.media.create(record)
    const results = await Promise.all(
      ['t-1', 't-2', 't-3'].map((traceId) =>
        store.media.register(record.id, { fileId: fileIdOf(record), traceId, status: 'pending' }),
      ),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
  })

  it('settles a pending record by its trace id once; unknown traces settle nothing', async () => {
    const record = slot('med_check.jpg')
    await store.media.create(record)
    await store.media.register(record.id, {
      fileId: fileIdOf(record),
      traceId: 'trace-9',
      status: 'pending',
    })
    const settled = await store.media.settle('trace-9', 'risky')
    expect(settled).toMatchObject({ id: record.id, status: 'risky', traceId: 'trace-9' })
    expect(await store.media.settle('trace-9', 'pass')).toBeNull()
    expect((await store.media.get(record.id))?.status).toBe('risky')
    expect(await store.media.settle('trace-unknown', 'pass')).toBeNull()
  })
})
