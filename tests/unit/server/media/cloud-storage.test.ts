// The wx-server-sdk side of cloud media: temp URLs for the image check, the v2 check call in
// the shape the cloud call takes, and server-side uploads under media/<month>/.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type * as WxServerSdk from 'wx-server-sdk'
import {
  createCloudFiles,
  createCloudMediaStorage,
  probeUrl,
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
    async deleteFile(param) {
      calls.push({ api: 'deleteFile', param })
      return { fileList: param.fileList.map((fileID) => ({ fileID, status: 0 })) }
    },
    getWXContext: () => ({ ENV: 'env-1' }),
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

describe('cloud files: our environment, deletion', () => {
  it('owns only fileIDs of the environment the function runs in', () => {
    const files = createCloudFiles(fakeSdk().sdk)
    expect(files.ownsFileId('cloud://env-1.6465-env-1-13/media/2026-11/a.jpg')).toBe(true)
    expect(files.ownsFileId('cloud://env-10.6465-env-10-13/media/2026-11/a.jpg')).toBe(false)
    expect(files.ownsFileId('cloud://env-2.6465-env-2-13/media/2026-11/a.jpg')).toBe(false)
    expect(files.ownsFileId('cloud://env-1/media/2026-11/a.jpg')).toBe(false)
    const nowhere = createCloudFiles({ ...fakeSdk().sdk, getWXContext: () => ({}) })
    expect(nowhere.ownsFileId('cloud://env-1.6465-env-1-13/media/2026-11/a.jpg')).toBe(false)
  })

  it('deletes a refused file, and a swept record’s file by its fileID', async () => {
    const { sdk, calls } = fakeSdk()
    await createCloudFiles(sdk).remove('cloud://env-1.b/media/2026-11/a.jpg')
    const storage = createCloudMediaStorage(sdk, () => NOW)
    const record = {
      id: 'b.jpg',
      ownerId: 'u',
      kind: 'image' as const,
      mime: 'image/jpeg',
      bytes: 0,
      createdAt: NOW,
      status: 'pass' as const,
      cloudPath: 'media/2026-11/b.jpg',
      fileId: 'cloud://env-1.b/media/2026-11/b.jpg',
      traceId: null,
      usedAt: null,
    }
    await storage.remove(record)
    // A slot never registered names no file.
    await storage.remove({ ...record, fileId: null })
    expect(calls.filter((c) => c.api === 'deleteFile').map((c) => c.param)).toEqual([
      { fileList: ['cloud://env-1.b/media/2026-11/a.jpg'] },
      { fileList: ['cloud://env-1.b/media/2026-11/b.jpg'] },
    ])
  })
})

describe('probeUrl: the real size and first bytes of a stored file', () => {
  async function serve(handler: http.RequestListener) {
    const server = http.createServer(handler)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    return { url: `http://127.0.0.1:${port}/f`, close: () => server.close() }
  }
  const file = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(300_000, 7)])

  it('reads Content-Range of a ranged answer, and only the bytes asked for', async () => {
    const ranges: (string | undefined)[] = []
    const server = await serve((req, res) => {
      ranges.push(req.headers.range)
      res.writeHead(206, {
        'content-range': `bytes 0-63/${file.length}`,
        'content-length': '64',
      })
      res.end(file.subarray(0, 64))
    })
    try {
      const probed = await probeUrl(server.url)
      expect(probed?.bytes).toBe(300_003)
      expect(probed?.head.equals(file.subarray(0, 64))).toBe(true)
      expect(ranges).toEqual(['bytes=0-63'])
    } finally {
      server.close()
    }
  })

  it('a server that ignores Range: its Content-Length, and the first bytes only', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(file.length) })
      res.end(file)
    })
    try {
      const probed = await probeUrl(server.url)
      expect(probed?.bytes).toBe(file.length)
      expect(probed?.head.length).toBe(64)
    } finally {
      server.close()
    }
  })

  it('null for a missing file or an answer without a size', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/f') {
        res.writeHead(404)
        res.end('no')
      } else {
        res.writeHead(200, { 'transfer-encoding': 'chunked' })
        res.end('x')
      }
    })
    try {
      expect(await probeUrl(server.url)).toBeNull()
      expect(await probeUrl(server.url.replace('/f', '/chunked'))).toBeNull()
      expect(await probeUrl('http://127.0.0.1:1/nothing')).toBeNull()
    } finally {
      server.close()
    }
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
