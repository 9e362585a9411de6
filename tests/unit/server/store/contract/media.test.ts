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
  usedAt: null,
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

  it('markUsed stamps files once; unused() lists the others uploaded before a moment, oldest first', async () => {
    const at = (id: string, createdAt: number): MediaRecord => ({ ...slot(id), createdAt })
    await store.media.create(at('med_old.jpg', NOW - 3000))
    await store.media.create(at('med_mid.jpg', NOW - 2000))
    await store.media.create(at('med_new.jpg', NOW - 1000))
    await store.media.create(at('med_used.jpg', NOW - 4000))
    await store.media.markUsed(['med_used.jpg', 'med_unknown.jpg'], NOW)
    await store.media.markUsed(['med_used.jpg'], NOW + 5)
    expect((await store.media.get('med_used.jpg'))?.usedAt).toBe(NOW)
    await store.media.markUsed([], NOW)

    const ids = async (createdBefore: number, limit = 10) =>
      (await store.media.unused({ createdBefore, limit })).map((r) => r.id)
    // Before the boundary, not at it.
    expect(await ids(NOW - 1000)).toEqual(['med_old.jpg', 'med_mid.jpg'])
    expect(await ids(NOW - 999)).toEqual(['med_old.jpg', 'med_mid.jpg', 'med_new.jpg'])
    expect(await ids(NOW, 1)).toEqual(['med_old.jpg'])
    expect(await ids(NOW - 3000)).toEqual([])
  })

  it('removeUnused deletes only a record no one uses, once', async () => {
    await store.media.create(slot('med_gone.jpg'))
    await store.media.create(slot('med_kept.jpg'))
    await store.media.markUsed(['med_kept.jpg'], NOW)
    expect(await store.media.removeUnused('med_gone.jpg')).toBe(true)
    expect(await store.media.removeUnused('med_gone.jpg')).toBe(false)
    expect(await store.media.get('med_gone.jpg')).toBeNull()
    expect(await store.media.removeUnused('med_kept.jpg')).toBe(false)
    expect(await store.media.get('med_kept.jpg')).toMatchObject({ usedAt: NOW })
  })

  it('held() lists files waiting for review, newest first; decide() moves one once', async () => {
    await store.media.create({ ...slot('med_r1.jpg'), status: 'review', createdAt: NOW - 10 })
    await store.media.create({ ...slot('med_r2.jpg'), status: 'review', createdAt: NOW })
    await store.media.create({ ...slot('med_ok.jpg'), status: 'pass' })
    expect((await store.media.held(10)).map((r) => r.id)).toEqual(['med_r2.jpg', 'med_r1.jpg'])
    expect((await store.media.held(1)).map((r) => r.id)).toEqual(['med_r2.jpg'])

    expect(await store.media.decide('med_r1.jpg', 'review', 'pass')).toMatchObject({
      id: 'med_r1.jpg',
      status: 'pass',
    })
    // Already decided, or never held: nothing changes.
    expect(await store.media.decide('med_r1.jpg', 'review', 'risky')).toBeNull()
    expect(await store.media.decide('med_ok.jpg', 'review', 'risky')).toBeNull()
    expect(await store.media.decide('med_none.jpg', 'review', 'pass')).toBeNull()
    expect((await store.media.get('med_r1.jpg'))?.status).toBe('pass')
    expect((await store.media.held(10)).map((r) => r.id)).toEqual(['med_r2.jpg'])
  })
})
