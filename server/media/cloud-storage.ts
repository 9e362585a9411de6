// Media storage on WeChat cloud development (wx-server-sdk): files the server receives go to
// cloud storage itself; files the phone uploaded are reached by fileID for the image check.
// References: Cloud.uploadFile, Cloud.getTempFileURL, security.mediaCheckAsync (v2; its verdict
// arrives later as the wxa_media_check message push, see media-check-event.ts).
import http from 'node:http'
import https from 'node:https'
import type { CloudFiles, MediaStorage } from './media-storage'
import { cloudPathOf } from './media.rules'

interface TempFile {
  fileID: string
  tempFileURL: string
  status: number
}

/** The part of wx-server-sdk used here (the module itself satisfies it). */
export interface WxCloudStorage {
  uploadFile(param: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(param: {
    fileList: { fileID: string; maxAge?: number }[]
  }): Promise<{ fileList: TempFile[] }> | void
  deleteFile(param: {
    fileList: string[]
  }): Promise<{ fileList: { fileID: string; status: number }[] }> | void
  /** ENV: the cloud environment this invocation runs in. */
  getWXContext(): { ENV?: string }
  /** cloud.openapi: typed loosely by the SDK; security.mediaCheckAsync is looked up in it. */
  openapi: object
}

interface MediaCheckAnswer {
  errCode?: number
  errcode?: number
  errMsg?: string
  traceId?: string
  trace_id?: string
}

type MediaCheckAsync = (param: {
  media_url: string
  media_type: number
  version: number
  scene: number
  openid: string
}) => Promise<MediaCheckAnswer>

/** The check service downloads the picture soon after the call; an hour leaves it room. */
const TEMP_URL_SECONDS = 3600
/** mediaCheckAsync scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志; notices and photos are posts. */
const SCENE_POST = 3

function mediaCheckAsync(openapi: object): MediaCheckAsync {
  const security = (openapi as { security?: { mediaCheckAsync?: unknown } }).security
  const fn = security?.mediaCheckAsync
  if (typeof fn !== 'function') throw new Error('cloud.openapi.security.mediaCheckAsync missing')
  return fn.bind(security) as MediaCheckAsync
}

/** The first bytes a probe reads: enough for every signature media.rules knows. */
const PROBE_BYTES = 64
const PROBE_TIMEOUT_MS = 5000

/**
 * The size and first bytes of the file at `url`, by a ranged GET (`Range: bytes=0-63`): the
 * total comes from Content-Range (206), or Content-Length when the server sends the whole file
 * (200), of which only the first bytes are read. Null when neither says, or on any failure.
 */
export function probeUrl(url: string): Promise<{ bytes: number; head: Buffer } | null> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get
    const request = get(
      url,
      { headers: { Range: `bytes=0-${PROBE_BYTES - 1}` }, timeout: PROBE_TIMEOUT_MS },
      (response) => {
        const status = response.statusCode ?? 0
        const range = /\/(\d+)$/.exec(response.headers['content-range'] ?? '')?.[1]
        const length = response.headers['content-length']
        const total =
          status === 206 && range ? Number(range) : status === 200 && length ? Number(length) : NaN
        if (!Number.isSafeInteger(total)) {
          response.destroy()
          resolve(null)
          return
        }
        const chunks: Buffer[] = []
        let got = 0
        const done = () => {
          resolve({ bytes: total, head: Buffer.concat(chunks).subarray(0, PROBE_BYTES) })
          response.destroy()
        }
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          got += chunk.length
          if (got >= PROBE_BYTES) done()
        })
        response.on('end', done)
        response.on('error', () => resolve(null))
      },
    )
    request.on('timeout', () => request.destroy())
    request.on('error', () => resolve(null))
  })
}

/** The environment id a fileID names: `cloud://<env>.<bucket>/<path>` → `<env>`. */
export const envOfFileId = (fileId: string) => /^cloud:\/\/([^./]+)\./.exec(fileId)?.[1] ?? null

export function createCloudFiles(
  cloud: WxCloudStorage,
  probe: (url: string) => Promise<{ bytes: number; head: Buffer } | null> = probeUrl,
): CloudFiles {
  return {
    ownsFileId(fileId) {
      const env = cloud.getWXContext().ENV
      return Boolean(env) && envOfFileId(fileId) === env
    },
    probe,
    async remove(fileId) {
      await cloud.deleteFile({ fileList: [fileId] })
    },
    async tempUrl(fileId) {
      const answer = await cloud.getTempFileURL({
        fileList: [{ fileID: fileId, maxAge: TEMP_URL_SECONDS }],
      })
      const file = answer?.fileList.find((f) => f.fileID === fileId)
      return file && file.status === 0 && file.tempFileURL ? file.tempFileURL : null
    },
    async mediaCheck({ url, openid }) {
      // The cloud call answers in camelCase (traceId, errCode), HTTPS in snake_case.
      const answer = await mediaCheckAsync(cloud.openapi)({
        media_url: url,
        media_type: 2,
        version: 2,
        scene: SCENE_POST,
        openid,
      })
      const code = answer.errCode ?? answer.errcode ?? 0
      const traceId = answer.traceId ?? answer.trace_id
      if (code !== 0 || !traceId) {
        throw new Error(`mediaCheckAsync failed: ${code} ${answer.errMsg ?? ''}`)
      }
      return traceId
    },
    async miniProgramCode({ scene, page }) {
      const wxacode = (cloud.openapi as { wxacode?: { getUnlimited?: unknown } }).wxacode
      const getUnlimited = wxacode?.getUnlimited
      if (typeof getUnlimited !== 'function') throw new Error('cloud.openapi.wxacode missing')
      // The cloud call takes camelCase; checkPath false lets a page of an unreleased version through.
      const answer = (await getUnlimited.call(wxacode, {
        scene,
        page,
        checkPath: false,
        width: 430,
      })) as { buffer?: Buffer; errCode?: number; errMsg?: string }
      if (!answer.buffer || (answer.errCode ?? 0) !== 0) {
        throw new Error(`wxacode.getUnlimited failed: ${answer.errCode} ${answer.errMsg ?? ''}`)
      }
      const { fileID } = await cloud.uploadFile({
        cloudPath: `doorplates/${scene}.png`,
        fileContent: answer.buffer,
      })
      return fileID
    },
  }
}

/** Files the server stores go to cloud storage at `media/<yyyy-mm>/<name>`; the URL is the fileID. */
export function createCloudMediaStorage(
  cloud: WxCloudStorage,
  clock: () => number = Date.now,
): MediaStorage {
  return {
    async put(name, bytes) {
      const { fileID } = await cloud.uploadFile({
        cloudPath: cloudPathOf(name, clock()),
        fileContent: bytes,
      })
      return fileID
    },
    async remove(record) {
      // A slot never registered has no fileID to name its file by; the phone may not even
      // have uploaded it.
      if (record.fileId) await cloud.deleteFile({ fileList: [record.fileId] })
    },
    cloud: createCloudFiles(cloud),
  }
}
