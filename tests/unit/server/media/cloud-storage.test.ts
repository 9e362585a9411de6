// The wx-server-sdk side of cloud media: temp URLs for the image check, the v2 check call in
// the shape the cloud call takes, and server-side uploads under media/<month>/.
import { describe, expect, it } from 'vitest'
import type * as WxServerSdk from 'wx-server-sdk'
import {
  createCloudFiles,
  createCloudMediaStorage,
  type WxCloudStorage,
} from '../../../../server/media/cloud-storage'
import { parseFileId } from '../../../../server/media/media.rules'
import { NOW } from '../../../helpers/factories'

// The SDK module itself must fit the seam the cloud function hands over (checked by tsc).
export const sdkFits = (sdk: typeof WxServerSdk): WxCloudStorage => sdk

function fakeSdk(answer: Record<string, unknown> = { errCode: 0, traceId: 'trace-a' }) {
  const calls: { api: string; param: unknown }[] = []
  const sdk: WxCloudStorage = {
    async uploadFile(param) {
      calls.push({ api: 'uploadFile', param })
      return { fileID: `cloud://env-1.bucket/${param.cloudPath}` }
    },
    async getTempFileURL(param) {
      calls.push({ api: 'getTempFileURL', param })
      return {
        fileList: param.fileList.map((f) =>
          f.fileID.includes('missing')
            ? { fileID: f.fileID, tempFileURL: '', status: -503003 }
            : { fileID: f.fileID, tempFileURL: 'https://tmp.example/a.jpg', status: 0 },
        ),
      }
    },
    openapi: {
      security: {
        async mediaCheckAsync(param: unknown) {
          calls.push({ api: 'mediaCheckAsync', param })
          return answer
        },
      },
    },
  }
  return { sdk, calls }
}

describe('cloud media storage', () => {
  it('gives a temp URL of an existing file, null for a missing one', async () => {
    const { sdk } = fakeSdk()
    const files = createCloudFiles(sdk)
    expect(await files.tempUrl('cloud://env-1.bucket/media/2026-11/a.jpg')).toBe(
      'https://tmp.example/a.jpg',
    )
    expect(await files.tempUrl('cloud://env-1.bucket/media/2026-11/missing.jpg')).toBeNull()
  })

  it('starts a v2 image check for the user and answers its trace id', async () => {
    const { sdk, calls } = fakeSdk()
    const traceId = await createCloudFiles(sdk).mediaCheck({
      url: 'https://tmp.example/a.jpg',
      openid: 'o-user',
    })
    expect(traceId).toBe('trace-a')
    expect(calls).toEqual([
      {
        api: 'mediaCheckAsync',
        param: {
          media_url: 'https://tmp.example/a.jpg',
          media_type: 2,
          version: 2,
          scene: 3,
          openid: 'o-user',
        },
      },
    ])
  })

  it('fails loudly when the check is refused or answers no trace id', async () => {
    const refused = createCloudFiles(fakeSdk({ errCode: 61010, errMsg: 'user not active' }).sdk)
    await expect(refused.mediaCheck({ url: 'https://x/a.jpg', openid: 'o' })).rejects.toThrow(
      /61010/,
    )
    // HTTPS-style answers (snake_case) are understood too.
    const snake = createCloudFiles(fakeSdk({ errcode: 0, trace_id: 'trace-b' }).sdk)
    expect(await snake.mediaCheck({ url: 'https://x/a.jpg', openid: 'o' })).toBe('trace-b')
  })

  it('stores server uploads under media/<month>/ and answers the fileID', async () => {
    const { sdk, calls } = fakeSdk()
    const url = await createCloudMediaStorage(sdk, () => NOW).put(
      'med_x.png',
      Buffer.from('png'),
      'image/png',
    )
    expect(url).toBe('cloud://env-1.bucket/media/2026-11/med_x.png')
    expect(parseFileId(url)).toEqual({ cloudPath: 'media/2026-11/med_x.png', id: 'med_x.png' })
    expect(calls[0]?.api).toBe('uploadFile')
  })
})

describe('parseFileId', () => {
  it('reads only fileIDs of our reserved paths', () => {
    expect(parseFileId('cloud://env-1.6465-env-1-13/media/2026-01/med_a-B_1.webp')).toEqual({
      cloudPath: 'media/2026-01/med_a-B_1.webp',
      id: 'med_a-B_1.webp',
    })
    for (const bad of [
      'cloud://env/media/2026-01/a.gif',
      'cloud://env/media/2026-01/../a.jpg',
      'cloud://env/other/2026-01/a.jpg',
      'cloud://env/media/2026-01/sub/a.jpg',
      'https://env/media/2026-01/a.jpg',
      '/media/a.jpg',
    ]) {
      expect(parseFileId(bad), bad).toBeNull()
    }
  })
})
