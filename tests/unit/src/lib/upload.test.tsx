// The phone's upload path. WeChat: slot → Taro.cloud.uploadFile (with progress) → register,
// against the real router and store, with cloud storage and the file system faked at Taro's
// edge. H5: the bytes go to media.upload as before.
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../../../server/logger'
import type { CloudFiles } from '../../../../server/media/media-storage'
import { createRouter } from '../../../../server/router'
import { createSqliteStore } from '../../../../server/store/sqlite/sqlite-store'
import type { Store } from '../../../../server/store/store'
import { ApiError } from '@/lib/api-client'
import { uploadMedia } from '@/lib/upload'
import { buildTestTown, NOW, who } from '../../../helpers/factories'

const ENV = 'cloud://env-1.bucket'
const PNG_BASE64 = 'iVBORw0KGgo='

interface UploadOptions {
  cloudPath: string
  filePath: string
  success: (res: { fileID: string }) => void
  fail: (error: unknown) => void
}

describe('uploadMedia', () => {
  let store: Store
  let openid: string | null
  /** Files in cloud storage, by fileID: what the phone wrote to the temp file it uploaded. */
  const cloudFiles = new Map<string, string>()
  const tempFiles = new Map<string, string>()
  const actions: string[] = []
  let uploadFails = false
  const realCloud = (Taro as unknown as { cloud: unknown }).cloud
  const realFs = Taro.getFileSystemManager

  beforeEach(async () => {
    store = createSqliteStore(':memory:')
    await store.importSnapshot(buildTestTown())
    openid = who.gridA
    cloudFiles.clear()
    tempFiles.clear()
    actions.length = 0
    uploadFails = false
    const files: CloudFiles = {
      ownsFileId: (fileId) => fileId.startsWith(`${ENV}/`),
      tempUrl: async (fileId) => (cloudFiles.has(fileId) ? fileId : null),
      // The phone uploaded base64 of the file: its bytes, as the server reads them back.
      probe: async (url) => {
        const bytes = Buffer.from(cloudFiles.get(url) ?? '', 'base64')
        return { bytes: bytes.length, head: bytes.subarray(0, 64) }
      },
      remove: async (fileId) => void cloudFiles.delete(fileId),
      mediaCheck: async () => 'trace-1',
    }
    const router = createRouter({
      store,
      devMode: false,
      clock: () => NOW,
      logger: createLogger({ silent: true }),
      media: {
        put: () => Promise.reject(new Error('not used')),
        remove: async () => {},
        cloud: files,
      },
    })
    const cloud = {
      async callFunction({ data }: { data: { action: string; input: unknown } }) {
        actions.push(data.action)
        return { result: await router.handle({ ...data, openid }) }
      },
      uploadFile(options: UploadOptions) {
        const progress: ((res: { progress: number }) => void)[] = []
        void Promise.resolve().then(() => {
          for (const report of progress) report({ progress: 40 })
          if (uploadFails) return options.fail({ errMsg: 'cloud.uploadFile:fail timeout' })
          const fileID = `${ENV}/${options.cloudPath}`
          cloudFiles.set(fileID, tempFiles.get(options.filePath) ?? '')
          options.success({ fileID })
        })
        return { onProgressUpdate: (cb: (res: { progress: number }) => void) => progress.push(cb) }
      },
    }
    Object.assign(Taro, { cloud })
    Object.assign(Taro, {
      getFileSystemManager: () => ({
        writeFile(o: { filePath: string; data: string; success: () => void }) {
          tempFiles.set(o.filePath, o.data)
          o.success()
        },
        unlink(o: { filePath: string }) {
          tempFiles.delete(o.filePath)
        },
      }),
    })
    process.env.TARO_ENV = 'weapp'
  })

  afterEach(async () => {
    process.env.TARO_ENV = 'h5'
    Object.assign(Taro, { cloud: realCloud, getFileSystemManager: realFs })
    vi.restoreAllMocks()
    await store.close()
  })

  it('WeChat: reserves a slot, uploads the file there with progress, registers the fileID', async () => {
    const progress: number[] = []
    const uploaded = await uploadMedia(
      { kind: 'image', fileName: 'photo-1.png', content: PNG_BASE64 },
      (p) => progress.push(p),
    )
    expect(uploaded.url).toMatch(/^cloud:\/\/env-1\.bucket\/media\/2026-11\/med_[\w-]+\.png$/)
    expect(actions).toEqual(['media.uploadSlot', 'media.register'])
    expect(progress).toEqual([40, 100])
    expect(cloudFiles.get(uploaded.url)).toBe(PNG_BASE64)
    // The temp copy is gone; the server knows the file as the caller's, pending its check.
    expect(tempFiles.size).toBe(0)
    const id = uploaded.url.split('/').pop() as string
    expect(await store.media.get(id)).toMatchObject({
      ownerId: `u-${who.gridA}`,
      fileId: uploaded.url,
      status: 'pending',
    })
  })

  it('WeChat: a failed upload is a NETWORK error in Chinese, and nothing is registered', async () => {
    uploadFails = true
    const error = await uploadMedia({
      kind: 'video',
      fileName: 'video.mp4',
      content: 'AAAA',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'NETWORK', message: '上传失败，请检查网络后重试' })
    expect(actions).toEqual(['media.uploadSlot'])
    expect(tempFiles.size).toBe(0)
  })

  it("WeChat: the server's refusal comes back as its own error", async () => {
    openid = null
    await expect(
      uploadMedia({ kind: 'image', fileName: 'photo-1.jpg', content: PNG_BASE64 }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })
  })

  it('H5: sends the bytes to media.upload', async () => {
    process.env.TARO_ENV = 'h5'
    const request = vi.spyOn(Taro, 'request').mockResolvedValue({
      data: { ok: true, data: { url: '/media/med_x.png', bytes: 8 } },
    } as never)
    const uploaded = await uploadMedia({
      kind: 'image',
      fileName: 'photo-1.png',
      content: PNG_BASE64,
    })
    expect(uploaded).toEqual({ url: '/media/med_x.png', bytes: 8 })
    expect(request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/media.upload',
        data: { kind: 'image', fileName: 'photo-1.png', content: PNG_BASE64 },
      }),
    )
    expect(actions).toEqual([])
  })
})
