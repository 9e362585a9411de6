// Cloud storage of the emulated environments. The SDK's calls (see README.md):
// - uploadFile: `storage.getUploadMetadata` { path } answers a signed COS URL, then the SDK PUTs
//   the bytes to that URL itself; here the URL points back at this server (PUT /cos/...).
// - getTempFileURL / downloadFile: `storage.batchGetDownloadUrl` { file_list: [{ fileid,
//   max_age }] } answers temp URLs (GET /files/..., which honours a Range header as COS does);
//   downloadFile then GETs the URL.
// - deleteFile: `storage.batchDeleteFile` { fileid_list }.
// Reference: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/storage/uploadFile/server.uploadFile.html
import { randomBytes } from 'node:crypto'
import { TcbApiError } from './database'

/** The bucket part of a fileID, shaped like the platform's `<hex>-<env>-<appid>`. */
const bucketOf = (env: string) =>
  `${Buffer.from(env).toString('hex').slice(0, 8)}-${env}-1300000000`

export const fileIdOf = (env: string, path: string) => `cloud://${env}.${bucketOf(env)}/${path}`

/** `cloud://<env>.<bucket>/<path>` → its env and path, or null. */
export function parseFileId(fileId: string): { env: string; path: string } | null {
  const m = /^cloud:\/\/([^./]+)\.[^/]+\/(.+)$/.exec(fileId)
  return m ? { env: m[1]!, path: m[2]! } : null
}

export class CloudStorage {
  /** fileID → bytes. */
  readonly files = new Map<string, Buffer>()
  /** Upload signatures handed out and not yet used: sign → fileID. */
  private readonly pendingUploads = new Map<string, string>()
  /** Temp-URL signatures: sign → fileID (they do not expire here). */
  private readonly tempUrls = new Map<string, string>()

  constructor(private readonly baseUrl: () => string) {}

  handle(action: string, env: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'storage.getUploadMetadata': {
        const path = String(p.path ?? '')
        if (!path || path.startsWith('/'))
          throw new TcbApiError('INVALID_PARAM', 'cloudPath must not be empty or start with /')
        const fileId = fileIdOf(env, path)
        const sign = randomBytes(12).toString('hex')
        this.pendingUploads.set(sign, fileId)
        return {
          data: {
            url: `${this.baseUrl()}/cos/${encodeURIComponent(fileId)}?sign=${sign}`,
            token: `token-${sign}`,
            authorization: `q-sign-algorithm=sha1&q-signature=${sign}`,
            fileId,
            cosFileId: `cos-${sign}`,
          },
        }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = (p.file_list ?? []) as { fileid: string; max_age?: number }[]
        return {
          data: {
            download_list: list.map((f) => {
              if (!this.files.has(f.fileid))
                return { fileID: f.fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
              const sign = randomBytes(12).toString('hex')
              this.tempUrls.set(sign, f.fileid)
              const name = encodeURIComponent(parseFileId(f.fileid)?.path ?? 'file')
              return {
                fileID: f.fileid,
                tempFileURL: `${this.baseUrl()}/files/${sign}/${name}`,
                code: 'SUCCESS',
                maxAge: f.max_age,
              }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = (p.fileid_list ?? []) as string[]
        return {
          data: {
            delete_list: list.map((fileID) => ({
              fileID,
              code: this.files.delete(fileID) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST',
            })),
          },
        }
      }
      default:
        throw new TcbApiError('INVALID_PARAM', `the emulator does not know ${action}`)
    }
  }

  /** PUT /cos/<fileID>?sign=…: the upload the SDK makes with getUploadMetadata's answer. */
  upload(fileId: string, sign: string, bytes: Buffer): boolean {
    if (this.pendingUploads.get(sign) !== fileId) return false
    this.pendingUploads.delete(sign)
    this.files.set(fileId, bytes)
    return true
  }

  /** GET /files/<sign>/…: the bytes behind a temp URL, or null. */
  download(sign: string): Buffer | null {
    const fileId = this.tempUrls.get(sign)
    return fileId ? (this.files.get(fileId) ?? null) : null
  }
}
