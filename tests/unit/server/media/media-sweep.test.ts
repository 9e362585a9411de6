// sweepUnusedMedia on both Store adapters, each with its own kind of media storage (files on
// a local disk; cloud storage over a fake of wx-server-sdk): uploads no record used for more
// than 7 days go, record and file; used, younger and boundary ones stay.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createCloudMediaStorage,
  type WxCloudStorage,
} from '../../../../server/media/cloud-storage'
import { createLocalMediaStorage } from '../../../../server/media/local-disk'
import type { MediaStorage } from '../../../../server/media/media-storage'
import { sweepUnusedMedia, UNUSED_MEDIA_TTL_MS } from '../../../../server/media/media-sweep'
import type { MediaRecord, Store } from '../../../../server/store/store'
import { DAY, NOW } from '../../../helpers/factories'
import { openStore, storeKinds } from '../../../helpers/store-adapters'

/** Seven days are 604,800,000 ms, counted independently of the module. */
const SEVEN_DAYS = 604_800_000

/** A media storage of the adapter's kind, and a way to see which files it still holds. */
function storageFor(
  kind: string,
  dir: string,
): { media: MediaStorage; has: (id: string) => boolean } {
  if (kind === 'sqlite') {
    const media = createLocalMediaStorage(dir)
    return { media, has: (id) => fs.existsSync(path.join(dir, id)) }
  }
  const files = new Set<string>()
  const sdk: WxCloudStorage = {
    async uploadFile({ cloudPath }) {
      const fileID = `cloud://env-1.bucket/${cloudPath}`
      files.add(fileID)
      return { fileID }
    },
    async getTempFileURL() {
      return { fileList: [] }
    },
    async deleteFile({ fileList }) {
      for (const f of fileList) files.delete(f)
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) }
    },
    getWXContext: () => ({ ENV: 'env-1' }),
    openapi: {},
  }
  const media = createCloudMediaStorage(sdk, () => NOW)
  return { media, has: (id) => [...files].some((f) => f.endsWith(`/${id}`)) }
}

describe.each(storeKinds)('sweepUnusedMedia (%s)', (kind) => {
  let store: Store
  let dir: string
  let media: MediaStorage
  let has: (id: string) => boolean
  let ownerId = ''

  beforeEach(async () => {
    store = await openStore(kind)
    ownerId = (await store.users.ensure('t-uploader', NOW)).id
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-sweep-'))
    ;({ media, has } = storageFor(kind, dir))
  })
  afterEach(async () => {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** An upload made `age` ms before NOW, stored in the media storage too. */
  async function uploaded(id: string, age: number, usedAt: number | null = null) {
    const url = await media.put(id, Buffer.from('jpeg'), 'image/jpeg')
    const record: MediaRecord = {
      id,
      ownerId,
      kind: 'image',
      mime: 'image/jpeg',
      bytes: 4,
      createdAt: NOW - age,
      status: 'pass',
      cloudPath: url.startsWith('cloud://') ? url.slice(url.indexOf('/media/') + 1) : null,
      fileId: url.startsWith('cloud://') ? url : null,
      traceId: null,
      usedAt,
    }
    await store.media.create(record)
    return record
  }

  it('the window is seven days', () => {
    expect(UNUSED_MEDIA_TTL_MS).toBe(SEVEN_DAYS)
  })

  it('deletes uploads unused for more than 7 days, record and file; keeps the rest', async () => {
    await uploaded('med_over.jpg', SEVEN_DAYS + 1)
    await uploaded('med_at.jpg', SEVEN_DAYS)
    await uploaded('med_under.jpg', SEVEN_DAYS - 1)
    await uploaded('med_used.jpg', 30 * DAY, NOW - 29 * DAY)

    const result = await sweepUnusedMedia(store, media, NOW)
    expect(result).toEqual({ removed: ['med_over.jpg'], failed: [], more: false })
    expect(await store.media.get('med_over.jpg')).toBeNull()
    expect(has('med_over.jpg')).toBe(false)
    for (const id of ['med_at.jpg', 'med_under.jpg', 'med_used.jpg']) {
      expect(await store.media.get(id), id).not.toBeNull()
      expect(has(id), id).toBe(true)
    }
    // A millisecond later the one at the boundary goes too; a second sweep finds nothing more.
    expect((await sweepUnusedMedia(store, media, NOW + 1)).removed).toEqual(['med_at.jpg'])
    expect(await sweepUnusedMedia(store, media, NOW + 1)).toEqual({
      removed: [],
      failed: [],
      more: false,
    })
  })

  it('a file taken by a record after its upload is never swept', async () => {
    await uploaded('med_late.jpg', 20 * DAY)
    await store.media.markUsed(['med_late.jpg'], NOW - DAY)
    expect((await sweepUnusedMedia(store, media, NOW)).removed).toEqual([])
    expect(has('med_late.jpg')).toBe(true)
  })

  it('works in chunks: `more` until the last one', async () => {
    for (const id of ['med_1.jpg', 'med_2.jpg', 'med_3.jpg']) await uploaded(id, 10 * DAY)
    const first = await sweepUnusedMedia(store, media, NOW, 2)
    expect(first).toMatchObject({ more: true })
    expect(first.removed).toHaveLength(2)
    const second = await sweepUnusedMedia(store, media, NOW, 2)
    expect(second).toMatchObject({ more: false })
    expect([...first.removed, ...second.removed].sort()).toEqual([
      'med_1.jpg',
      'med_2.jpg',
      'med_3.jpg',
    ])
  })

  it('a file the storage fails to delete is reported; its record is gone all the same', async () => {
    await uploaded('med_stuck.jpg', 10 * DAY)
    const failing: MediaStorage = {
      ...media,
      remove: () => Promise.reject(new Error('storage offline')),
    }
    const result = await sweepUnusedMedia(store, failing, NOW)
    expect(result.removed).toEqual([])
    expect(result.failed).toEqual([{ id: 'med_stuck.jpg', error: 'Error: storage offline' }])
    expect(await store.media.get('med_stuck.jpg')).toBeNull()
  })
})
