import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableNotice } from '../../contract/authoring'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { tinyPng } from '../helpers/images'

describe('media uploads', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const upload = (bytes: Buffer, kind = 'image', openid: string = who.gridA) =>
    api.post<{ url: string; bytes: number }>(
      'media.upload',
      { fileName: 'photo.png', kind, content: bytes.toString('base64') },
      tokens[openid],
    )

  it('stores a PNG, serves it with its content type and a long cache, and accepts it on a notice', async () => {
    const png = tinyPng()
    const { status, body } = await upload(png)
    expect(status).toBe(200)
    if (!body.ok) throw new Error(body.error.message)
    expect(body.data.url).toMatch(/^\/media\/med_[\w-]+\.png$/)
    expect(body.data.bytes).toBe(png.length)
    const res = await fetch(`${api.app.url}${body.data.url}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toContain('max-age=31536000')
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true)
    expect(fs.existsSync(path.join(api.dataDir, 'media', body.data.url.slice(7)))).toBe(true)

    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'media.upload',
      target: `media:${body.data.url.slice(7)}`,
    })
    expect(JSON.stringify(entry?.after)).not.toContain(png.toString('base64'))

    const notice = await api.data<EditableNotice>(
      'notices.create',
      {
        columnId: 'col-news',
        title: '甲村环境整治',
        body: '房前屋后干净整洁，大家一起来维护。',
        scope: { kind: 'villages', villageIds: ['vil-a'] },
        cover: body.data.url,
        images: [body.data.url],
      },
      tokens[who.gridA],
    )
    expect(notice.cover).toBe(body.data.url)
    expect(notice.images).toEqual([body.data.url])
  })

  it("a notice takes only the caller's own uploads, each in a field of its kind, and marks them used", async () => {
    const { body } = await upload(tinyPng())
    if (!body.ok) throw new Error(body.error.message)
    const url = body.data.url
    const name = url.slice('/media/'.length)
    expect((await api.app.store.media.get(name))?.usedAt).toBeNull()
    const notice = (openid: string, media: Record<string, unknown>) =>
      api.post<EditableNotice>(
        'notices.create',
        {
          columnId: 'col-news',
          title: '甲村环境整治',
          body: '房前屋后干净整洁，大家一起来维护。',
          scope: { kind: 'villages', villageIds: ['vil-a'] },
          ...media,
        },
        tokens[openid],
      )
    // Another user's upload, and a picture where a video belongs: refused, nothing marked.
    expect((await notice(who.admin, { cover: url })).status).toBe(400)
    const asVideo = await notice(who.gridA, { video: url })
    expect(asVideo.status).toBe(400)
    if (!asVideo.body.ok) expect(asVideo.body.error.details?.fields?.[0]?.path).toBe('video')
    expect((await api.app.store.media.get(name))?.usedAt).toBeNull()

    expect((await notice(who.gridA, { images: [url] })).status).toBe(200)
    expect((await api.app.store.media.get(name))?.usedAt).toBe(NOW)
  })

  it('refuses a file whose bytes are not what it claims, with a Chinese message', async () => {
    const fake = Buffer.concat([Buffer.from('not a png at all'), tinyPng()])
    const { status, body } = await upload(fake)
    expect(status).toBe(400)
    if (!body.ok) expect(body.error.message).toBe('只支持 JPG、PNG 或 WEBP 格式的图片')
    // A picture sent as a video is refused too.
    expect((await upload(tinyPng(), 'video')).status).toBe(400)
    expect(fs.existsSync(path.join(api.dataDir, 'media'))).toBe(false)
  })

  it('accepts a small MP4 by its ftyp box', async () => {
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom', 'latin1'),
      Buffer.alloc(20),
    ])
    const { status, body } = await upload(mp4, 'video')
    expect(status).toBe(200)
    if (body.ok) expect(body.data.url).toMatch(/\.mp4$/)
  })

  it('refuses an oversize picture', async () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(2 * 1024 * 1024)])
    const { status, body } = await upload(big)
    expect(status).toBe(400)
    if (!body.ok) expect(body.error.message).toBe('图片不能超过 2 MB，请压缩后再上传')
  })

  it('needs a signed-in caller', async () => {
    const { status } = await api.post('media.upload', {
      fileName: 'a.png',
      kind: 'image',
      content: tinyPng().toString('base64'),
    })
    expect(status).toBe(401)
  })

  it('never serves anything outside the media folder', async () => {
    // A file next to the data directory: '../..' from media/ would reach it.
    const name = `hemei-secret-${process.pid}-${Date.now()}.txt`
    const secret = path.join(os.tmpdir(), name)
    fs.writeFileSync(secret, 'top-secret')
    fs.mkdirSync(path.join(api.dataDir, 'media'), { recursive: true })
    try {
      for (const p of [
        `/media/..%2f..%2f${name}`,
        `/media/%2e%2e/%2e%2e/${name}`,
        `/media/..%5c..%5c${name}`,
        `/media/%2e%2e%2f%2e%2e%2f${name}`,
        '/media/..%2fhemei.sqlite',
        '/media/',
      ]) {
        const res = await fetch(`${api.app.url}${p}`)
        expect(await res.text(), p).not.toContain('top-secret')
        expect(res.headers.get('content-type'), p).not.toBe('application/octet-stream')
      }
      const res = await fetch(`${api.app.url}/media/nope.png`)
      expect(res.status).toBe(404)
    } finally {
      fs.rmSync(secret, { force: true })
    }
  })
})
