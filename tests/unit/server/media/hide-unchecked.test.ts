// The one pass every answer goes through: cloud pictures not yet through the image check are
// left out for readers, whatever shape the answer has.
import { describe, expect, it } from 'vitest'
import type { Caller } from '../../../../server/context'
import { hideUncheckedMedia } from '../../../../server/media/media-urls'
import type { MediaRecord, MediaStatus, Store } from '../../../../server/store/store'

const url = (id: string) => `cloud://env-1.bucket/media/2026-11/${id}`

function storeWith(records: [id: string, status: MediaStatus, owner: string][]) {
  const asked: string[][] = []
  const all: MediaRecord[] = records.map(([id, status, ownerId]) => ({
    id,
    ownerId,
    kind: 'image',
    mime: 'image/jpeg',
    bytes: 0,
    createdAt: 0,
    status,
    cloudPath: `media/2026-11/${id}`,
    fileId: url(id),
    traceId: null,
    usedAt: null,
  }))
  const store = {
    media: {
      async many(ids: readonly string[]) {
        asked.push([...ids])
        return all.filter((r) => ids.includes(r.id))
      },
    },
  } as unknown as Store
  return { store, asked }
}

const caller = (id: string, role: Caller['role'] = 'resident') =>
  ({ user: { id }, role }) as unknown as Caller

const answer = {
  cover: url('a.jpg'),
  images: [url('a.jpg'), url('b.jpg'), '/media/local.png'],
  photos: [
    { url: url('b.jpg'), takenAt: '2026-11-26T02:00:00.000Z' },
    { url: url('c.jpg'), takenAt: '2026-11-26T02:00:00.000Z' },
  ],
  nested: { items: [{ video: url('c.jpg'), title: '通知' }] },
}

describe('hideUncheckedMedia', () => {
  const { store, asked } = storeWith([
    ['a.jpg', 'pending', 'u-owner'],
    ['b.jpg', 'pass', 'u-other'],
    ['c.jpg', 'risky', 'u-owner'],
  ])

  it('drops unchecked pictures from lists and nulls single ones, for readers', async () => {
    expect(await hideUncheckedMedia(store, caller('u-reader'), answer)).toEqual({
      cover: null,
      images: [url('b.jpg'), '/media/local.png'],
      photos: [{ url: url('b.jpg'), takenAt: '2026-11-26T02:00:00.000Z' }],
      nested: { items: [{ video: null, title: '通知' }] },
    })
    expect(await hideUncheckedMedia(store, null, answer)).toMatchObject({ cover: null })
  })

  it('shows the uploader and admins everything, and asks the store once per answer', async () => {
    asked.length = 0
    expect(await hideUncheckedMedia(store, caller('u-owner'), answer)).toEqual(answer)
    expect(asked).toEqual([['a.jpg', 'b.jpg', 'c.jpg']])
    asked.length = 0
    expect(await hideUncheckedMedia(store, caller('u-admin', 'admin'), answer)).toBe(answer)
    expect(await hideUncheckedMedia(store, caller('u-reader'), { title: '无图' })).toEqual({
      title: '无图',
    })
    expect(asked).toEqual([])
  })
})
