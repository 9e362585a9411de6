// Uploads on WeChat cloud storage, through the real router and store (SQLite, or the cloud
// adapter with STORE=cloud) with a fake of the cloud storage and image-check calls: a slot is
// registered only by the caller who reserved it, once; pictures stay hidden from readers until
// the image check's verdict event says pass.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableNotice } from '../../contract/authoring'
import type { Envelope } from '../../contract/envelope'
import type { Notice } from '../../contract/bulletin'
import { createLogger } from '../../server/logger'
import { handleMediaCheckEvent } from '../../server/media/media-check-event'
import { createRouter, type Router } from '../../server/router'
import type { Store } from '../../server/store/store'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { fakeCloudFiles, jpegOf, mp4Of } from '../helpers/fake-cloud-files'
import { apiStoreKind, openStore } from '../helpers/store-adapters'

const ENV = 'cloud://env-1.6465-env-1-1300000000'

/** Cloud storage and the image check, faked: files exist once "uploaded"; checks are recorded. */
function fakeCloud() {
  const fake = fakeCloudFiles()
  /** What the phone uploads to a path: a small JPEG or MP4 unless the test says otherwise. */
  const uploaded = {
    add: (fileID: string, bytes: Buffer = fileID.endsWith('.mp4') ? mp4Of() : jpegOf()) =>
      fake.stored.set(fileID, bytes),
  }
  return { files: fake.files, uploaded, checks: fake.checks, removed: fake.removed }
}

describe('media on cloud storage', () => {
  let store: Store
  let router: Router
  let cloud: ReturnType<typeof fakeCloud>
  let now = NOW

  beforeEach(async () => {
    store = await openStore(apiStoreKind(), buildTestTown())
    cloud = fakeCloud()
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

  /** The phone's three steps: a slot, the upload, the registration. */
  const upload = async (openid: string, kind: 'image' | 'video' = 'image') => {
    const slot = await data<{ cloudPath: string }>(
      'media.uploadSlot',
      { kind, ext: kind === 'image' ? 'jpg' : 'mp4' },
      openid,
    )
    const fileID = `${ENV}/${slot.cloudPath}`
    cloud.uploaded.add(fileID)
    return { slot, fileID }
  }
  const register = (fileID: string, openid: string) =>
    call<{ url: string; status: string }>('media.register', { fileID }, openid)

  const verdict = (traceId: string, suggest: string, source = 'wx_http') =>
    handleMediaCheckEvent(
      { store, source, clock: () => now },
      {
        ToUserName: 'gh_test',
        FromUserName: 'o-platform',
        CreateTime: 1_764_000_000,
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid: 'wx-test',
        trace_id: traceId,
        version: 2,
        result: { suggest, label: 100 },
        detail: [],
      },
    )

  const noticeWith = (fileID: string, openid: string = who.gridA) =>
    call<EditableNotice>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '甲村环境整治',
        body: '房前屋后干净整洁，大家一起来维护。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
        cover: fileID,
        images: [fileID],
      },
      openid,
    )

  it('gives a slot under media/<month>/, registers its fileID once, and starts the image check', async () => {
    const { slot, fileID } = await upload(who.gridA)
    expect(slot.cloudPath).toMatch(/^media\/2026-11\/med_[\w-]+\.jpg$/)

    const first = await register(fileID, who.gridA)
    expect(first).toMatchObject({ ok: true, data: { url: fileID, status: 'pending' } })
    expect(cloud.checks).toEqual([
      {
        url: `https://tmp.example/${encodeURIComponent(fileID)}`,
        openid: who.gridA,
        traceId: 'trace-1',
      },
    ])
    const [entry] = await store.audit.recent(1)
    expect(entry).toMatchObject({ action: 'media.register', actorId: `u-${who.gridA}` })

    // The same fileID again: refused, nothing changes, no second check.
    const again = await register(fileID, who.gridA)
    expect(again).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    if (!again.ok) expect(again.error.message).toBe('这个文件已经登记过了，请重新上传')
    expect(cloud.checks).toHaveLength(1)
  })

  it("refuses another user's fileID, and nothing changes", async () => {
    const { slot, fileID } = await upload(who.gridA)
    const stolen = await register(fileID, who.gridB)
    expect(stolen).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    if (!stolen.ok) expect(stolen.error.message).toBe('只能使用自己上传的文件')
    const id = slot.cloudPath.split('/').pop() as string
    expect(await store.media.get(id)).toMatchObject({ fileId: null, status: 'pending' })
    expect(cloud.checks).toEqual([])
    // The owner can still register it.
    expect((await register(fileID, who.gridA)).ok).toBe(true)
  })

  it('refuses forged paths: never reserved, another folder, not our pattern', async () => {
    const { slot } = await upload(who.gridA)
    const name = slot.cloudPath.split('/').pop() as string
    const forged = [
      [`${ENV}/media/2026-11/med_forged.jpg`, 'FORBIDDEN'],
      [`${ENV}/media/2026-10/${name}`, 'FORBIDDEN'],
      [`${ENV}/avatars/${name}`, 'BAD_INPUT'],
      [`${ENV}/${slot.cloudPath}/../x.jpg`, 'BAD_INPUT'],
      [`https://example.com/${slot.cloudPath}`, 'BAD_INPUT'],
    ] as const
    for (const [fileID, code] of forged) {
      cloud.uploaded.add(fileID)
      const answer = await register(fileID, who.gridA)
      expect(answer, fileID).toMatchObject({ ok: false, error: { code } })
    }
    expect(await store.media.get(name)).toMatchObject({ fileId: null })
    expect(cloud.checks).toEqual([])
  })

  it('refuses a file that was never uploaded, and a slot left too long', async () => {
    const slot = await data<{ cloudPath: string }>(
      'media.uploadSlot',
      { kind: 'image', ext: 'png' },
      who.residentA,
    )
    const fileID = `${ENV}/${slot.cloudPath}`
    const missing = await register(fileID, who.residentA)
    expect(missing).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    cloud.uploaded.add(fileID)
    now = NOW + 2 * 3_600_000
    const late = await register(fileID, who.residentA)
    expect(late).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    if (!late.ok) expect(late.error.message).toBe('上传等待太久已失效，请重新上传')
  })

  it('refuses a slot whose extension is not the kind asked for', async () => {
    const answer = await call('media.uploadSlot', { kind: 'video', ext: 'jpg' }, who.gridA)
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it("a grid worker's video waits for an admin's decision (mediaCheckAsync takes no video); an admin's passes", async () => {
    const { fileID } = await upload(who.gridA, 'video')
    expect(await register(fileID, who.gridA)).toMatchObject({
      ok: true,
      data: { status: 'review' },
    })
    const admins = await upload(who.admin, 'video')
    expect(await register(admins.fileID, who.admin)).toMatchObject({
      ok: true,
      data: { status: 'pass' },
    })
    expect(cloud.checks).toEqual([])
  })

  it('reads the uploaded file back: a wrong type or an oversize file is refused and deleted', async () => {
    const cases = [
      // [kind, bytes the phone really uploaded, message]
      [
        'image',
        Buffer.from('GIF89a not a picture we take, padded'.padEnd(80)),
        '只支持 JPG、PNG 或 WEBP 格式的图片',
      ],
      ['image', mp4Of(), '只支持 JPG、PNG 或 WEBP 格式的图片'],
      ['video', jpegOf(), '只支持 MP4 格式的视频'],
      ['image', jpegOf(2 * 1024 * 1024 + 1), '图片不能超过 2 MB，请压缩后再上传'],
      ['video', mp4Of(3 * 1024 * 1024 + 1), '视频不能超过 3 MB，请压缩后再上传'],
    ] as const
    for (const [kind, bytes, message] of cases) {
      const { slot, fileID } = await upload(who.gridA, kind)
      cloud.uploaded.add(fileID, bytes)
      const answer = await register(fileID, who.gridA)
      expect(answer, message).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message } })
      expect(cloud.removed).toContain(fileID)
      const id = slot.cloudPath.split('/').pop() as string
      expect(await store.media.get(id)).toMatchObject({ fileId: null, status: 'pending' })
    }
    expect(cloud.checks).toEqual([])
    // At the limits: accepted.
    const picture = await upload(who.gridA, 'image')
    cloud.uploaded.add(picture.fileID, jpegOf(2 * 1024 * 1024))
    expect((await register(picture.fileID, who.gridA)).ok).toBe(true)
    const video = await upload(who.gridA, 'video')
    cloud.uploaded.add(video.fileID, mp4Of(3 * 1024 * 1024))
    expect((await register(video.fileID, who.gridA)).ok).toBe(true)
  })

  it('a PNG uploaded to a .jpg slot is refused: the slot says what the file must be', async () => {
    const { fileID } = await upload(who.gridA, 'image')
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100),
    ])
    cloud.uploaded.add(fileID, png)
    expect(await register(fileID, who.gridA)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })
  })

  it("refuses a fileID of another cloud environment, even at the caller's own path", async () => {
    const { slot } = await upload(who.gridA)
    const foreign = `cloud://env-2.6465-env-2-1300000000/${slot.cloudPath}`
    cloud.uploaded.add(foreign)
    const answer = await register(foreign, who.gridA)
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '这个文件不在本小程序的云存储里，请重新上传' },
    })
  })

  it('attaches only fileIDs the caller registered', async () => {
    const mine = await upload(who.gridA)
    await register(mine.fileID, who.gridA)
    expect((await noticeWith(mine.fileID)).ok).toBe(true)

    const theirs = await upload(who.admin)
    await register(theirs.fileID, who.admin)
    const refused = await noticeWith(theirs.fileID)
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    const unregistered = await upload(who.gridA)
    expect(await noticeWith(unregistered.fileID)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    })
    const madeUp = await noticeWith(`${ENV}/media/2026-11/med_madeup.jpg`)
    expect(madeUp).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it("an appeal's photos must be the resident's own uploads", async () => {
    // Within the published round's publicity period.
    now = NOW - 14 * 86_400_000
    const theirs = await upload(who.gridA)
    await register(theirs.fileID, who.gridA)
    const photo = (fileID: string) => ({ url: fileID, takenAt: '2026-11-25T02:00:00.000Z' })
    const input = (fileID: string) => ({
      roundId: 'r-pub',
      text: '院子当天已经清理干净了',
      photos: [photo(fileID)],
    })
    const refused = await call('board.appeal', input(theirs.fileID), who.residentA)
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })

    const mine = await upload(who.residentA)
    await register(mine.fileID, who.residentA)
    expect(await call('board.appeal', input(mine.fileID), who.residentA)).toMatchObject({
      ok: true,
    })
  })

  it('an admin editing the notice keeps pictures another user uploaded', async () => {
    const { fileID } = await upload(who.gridA)
    await register(fileID, who.gridA)
    const notice = await data<EditableNotice>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '甲村环境整治',
        body: '房前屋后干净整洁，大家一起来维护。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
        images: [fileID],
      },
      who.gridA,
    )
    const edited = await call<EditableNotice>(
      'notices.update',
      { id: notice.id, title: '甲村环境整治通报', images: [fileID] },
      who.admin,
    )
    expect(edited).toMatchObject({ ok: true, data: { images: [fileID] } })
  })

  it('hides a pending picture from readers until the verdict says pass', async () => {
    const { fileID } = await upload(who.gridA)
    await register(fileID, who.gridA)
    const created = await noticeWith(fileID)
    if (!created.ok) throw new Error(created.error.message)
    const id = created.data.id

    const read = (openid: string) => data<Notice>('notices.get', { id }, openid)
    // Readers: no cover, no image. The uploader and admins: both.
    expect(await read(who.residentA)).toMatchObject({ cover: null, images: [] })
    expect(await read(who.gridA)).toMatchObject({ cover: fileID, images: [fileID] })
    expect(await read(who.admin)).toMatchObject({ cover: fileID, images: [fileID] })

    expect(await verdict('trace-1', 'pass')).toBe(true)
    expect(await read(who.residentA)).toMatchObject({ cover: fileID, images: [fileID] })
    const [entry] = await store.audit.recent(1)
    expect(entry).toMatchObject({ action: 'media.checked', after: { status: 'pass' } })
  })

  it('a risky picture stays hidden, and cannot be attached again', async () => {
    const { fileID } = await upload(who.gridA)
    await register(fileID, who.gridA)
    const created = await noticeWith(fileID)
    if (!created.ok) throw new Error(created.error.message)

    expect(await verdict('trace-1', 'risky')).toBe(true)
    // A repeated push settles nothing more.
    expect(await verdict('trace-1', 'pass')).toBe(true)
    expect(await data<Notice>('notices.get', { id: created.data.id }, who.residentA)).toMatchObject(
      { cover: null, images: [] },
    )
    expect(await noticeWith(fileID)).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED' },
    })
  })

  it('handleMediaCheckEvent: other events are not its own; a phone cannot forge a verdict', async () => {
    const { fileID } = await upload(who.gridA)
    await register(fileID, who.gridA)
    const deps = { store, source: 'wx_http' }
    expect(await handleMediaCheckEvent(deps, { action: 'notices.list', input: {} })).toBe(false)
    expect(await handleMediaCheckEvent(deps, null)).toBe(false)
    expect(await handleMediaCheckEvent(deps, { Event: 'subscribe_msg_popup_event' })).toBe(false)

    expect(await verdict('trace-1', 'pass', 'wx_client')).toBe(false)
    expect(await verdict('trace-1', 'pass', 'wx_devtools')).toBe(false)
    const id = fileID.split('/').pop() as string
    expect((await store.media.get(id))?.status).toBe('pending')

    // An event we cannot read leaves the picture pending (hidden).
    expect(
      await handleMediaCheckEvent(deps, { Event: 'wxa_media_check', trace_id: 'trace-1' }),
    ).toBe(true)
    expect((await store.media.get(id))?.status).toBe('pending')
  })
})
