// Media storage on WeChat cloud development (wx-server-sdk): files the server receives go to
// cloud storage itself; files the phone uploaded are reached by fileID for the image check.
// References: Cloud.uploadFile, Cloud.getTempFileURL, security.mediaCheckAsync (v2; its verdict
// arrives later as the wxa_media_check message push, see media-check-event.ts).
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

export function createCloudFiles(cloud: WxCloudStorage): CloudFiles {
  return {
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
    cloud: createCloudFiles(cloud),
  }
}
