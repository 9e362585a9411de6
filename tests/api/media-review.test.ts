// The admin's decision on held pictures and videos (审核): the queue lists what the image check
// sent to review and videos from the phone; showing one makes it visible to readers, removing
// one hides it for good; each decision is audited, once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HeldMedia } from '../../contract/media'
import type { Notice } from '../../contract/bulletin'
import type { EditableNotice } from '../../contract/authoring'
import type { Envelope } from '../../contract/envelope'
import { createLogger } from '../../server/logger'
import { handleMediaCheckEvent } from '../../server/media/media-check-event'
import { createRouter, type Router } from '../../server/router'
import type { Store } from '../../server/store/store'
import { fakeCloudFiles, jpegOf, mp4Of } from '../helpers/fake-cloud-files'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { apiStoreKind, openStore } from '../helpers/store-adapters'

const ENV = 'cloud://env-1.6465-env-1-1300000000'

describe('media review by admins', () => {
  let store: Store
  let router: Router
  let cloud: ReturnType<typeof fakeCloudFiles>
  let now = NOW

  beforeEach(async () => {
    store = await openStore(apiStoreKind(), buildTestTown())
    cloud = fakeCloudFiles()
    now = NOW
    router = createRouter({
      store,
      devMode: false,
      clock: () => now,
      logger: createLogger({ silent: true }),
      media: {
        put: () => Promise.reject(new Error('not used')),
        remove: async () => {},
        cloud: cloud.files,
      },
    })
  })
  afterEach(() => store?.close())

  const call = async <T>(action: string, input: unknown, openid: string) =>
    (await router.handle({ action, input, openid })) as Envelope<T>
  const data = async <T>(action: string, input: unknown, openid: string): Promise<T> => {
    const answer = await call<T>(action, input, openid)
    if (!answer.ok) throw new Error(`${action}: ${answer.error.code} ${answer.error.message}`)
    return answer.data
  }

  /** Slot, upload, register: the fileID and the media id. */
  async function uploaded(kind: 'image' | 'video', openid: string = who.gridA) {
    const slot = await data<{ cloudPath: string }>(
      'media.uploadSlot',
      { kind, ext: kind === 'image' ? 'jpg' : 'mp4' },
      openid,
    )
    const fileID = `${ENV}/${slot.cloudPath}`
    cloud.stored.set(fileID, kind === 'image' ? jpegOf() : mp4Of())
    await data('media.register', { fileID }, openid)
    return { fileID, id: slot.cloudPath.split('/').pop() as string }
  }

  const notice = (media: Record<string, unknown>) =>
    data<EditableNotice>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '甲村环境整治',
        body: '房前屋后干净整洁，大家一起来维护。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
        ...media,
      },
      who.gridA,
    )

  it('lists a picture the check sent to review and a video; showing one makes it public, audited', async () => {
    const picture = await uploaded('image')
    expect(
      await handleMediaCheckEvent(
        { store, source: 'wx_http' },
        { Event: 'wxa_media_check', trace_id: 'trace-1', result: { suggest: 'review' } },
      ),
    ).toBe(true)
    now += 60_000
    const video = await uploaded('video')
    // Held files may still be attached by their uploader; readers do not see them yet.
    const created = await notice({ images: [picture.fileID], video: video.fileID })
    const read = () => data<Notice>('notices.get', { id: created.id }, who.residentA)
    expect(await read()).toMatchObject({ images: [], video: null })

    const held = await data<{ items: HeldMedia[] }>('media.held', {}, who.admin)
    expect(held.items.map((m) => [m.id, m.kind, m.url])).toEqual([
      [video.id, 'video', video.fileID],
      [picture.id, 'image', picture.fileID],
    ])
    expect(held.items[0]).toMatchObject({
      ownerName: `昵称-${who.gridA}`,
      createdAt: new Date(NOW + 60_000).toISOString(),
    })

    expect(await data('media.settle', { id: picture.id, decision: 'show' }, who.admin)).toEqual({
      id: picture.id,
      status: 'pass',
    })
    const entry = (await store.audit.recent(5)).find((a) => a.action === 'media.settle')
    expect(entry).toMatchObject({
      action: 'media.settle',
      actorId: `u-${who.admin}`,
      target: `media:${picture.id}`,
      before: { status: 'review' },
      after: { status: 'pass', decision: 'show' },
    })
    expect(await read()).toMatchObject({ images: [picture.fileID], video: null })

    // Removed: hidden for good, and no longer in the queue.
    expect(await data('media.settle', { id: video.id, decision: 'remove' }, who.admin)).toEqual({
      id: video.id,
      status: 'risky',
    })
    expect(await read()).toMatchObject({ video: null })
    expect((await data<{ items: HeldMedia[] }>('media.held', {}, who.admin)).items).toEqual([])
  })

  it('a decision is taken once; unknown files and non-admins are refused, nothing changes', async () => {
    const video = await uploaded('video')
    expect((await call('media.settle', { id: video.id, decision: 'show' }, who.gridA)).ok).toBe(
      false,
    )
    expect((await call('media.held', {}, who.gridA)).ok).toBe(false)
    expect((await store.media.get(video.id))?.status).toBe('review')

    await data('media.settle', { id: video.id, decision: 'remove' }, who.admin)
    const again = await call('media.settle', { id: video.id, decision: 'show' }, who.admin)
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await store.media.get(video.id))?.status).toBe('risky')

    const unknown = await call('media.settle', { id: 'med_none.jpg', decision: 'show' }, who.admin)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const bad = await call('media.settle', { id: video.id, decision: 'maybe' }, who.admin)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })
})
