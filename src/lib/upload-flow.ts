// The three steps of a cloud upload, free of Taro so they can be tested with fakes: the server
// reserves a path (media.uploadSlot), the phone uploads the file there itself, the server
// registers the fileID (media.register) and starts the image check.
import type { ActionInput } from '@contract/index'
import { ApiError } from './api-client'

/** The extensions a slot is given for. */
export type SlotExt = ActionInput<'media.uploadSlot'>['ext']

/** A picked file as the forms hold it: base64 bytes (compressed on the phone already). */
export interface UploadRequest {
  kind: 'image' | 'video'
  fileName: string
  /** The bytes, base64. */
  content: string
}

/** Where the file is served from now: a /media/ path (local) or a cloud fileID. */
export interface Uploaded {
  url: string
  bytes: number
}

/** Upload progress, 0–100. */
export type OnProgress = (percent: number) => void

/** What the cloud path needs of the platform and the server. */
export interface CloudUploadSteps {
  slot(kind: UploadRequest['kind'], ext: SlotExt): Promise<{ cloudPath: string }>
  /** Writes the bytes to a temp file on the phone; answers its path. */
  writeTemp(fileName: string, base64: string): Promise<string>
  /** Taro.cloud.uploadFile; answers the fileID. */
  upload(cloudPath: string, filePath: string, onProgress: OnProgress): Promise<string>
  register(fileID: string): Promise<Uploaded>
  removeTemp(filePath: string): void
}

const EXTENSIONS: readonly SlotExt[] = ['jpg', 'jpeg', 'png', 'webp', 'mp4']

/** The extension the slot is asked for: the file name's, else the kind's usual one. */
export function extensionOf(request: Pick<UploadRequest, 'kind' | 'fileName'>): SlotExt {
  const ext = request.fileName.split('.').pop()?.toLowerCase() ?? ''
  return EXTENSIONS.find((e) => e === ext) ?? (request.kind === 'video' ? 'mp4' : 'jpg')
}

/** The message for an upload that never reached cloud storage. */
export const UPLOAD_FAILED = '上传失败，请检查网络后重试'

/** slot → upload → register; server refusals come back as their ApiError, upload failures as NETWORK. */
export async function uploadViaCloud(
  steps: CloudUploadSteps,
  request: UploadRequest,
  onProgress: OnProgress = () => {},
): Promise<Uploaded> {
  const { cloudPath } = await steps.slot(request.kind, extensionOf(request))
  let filePath: string
  try {
    filePath = await steps.writeTemp(request.fileName, request.content)
  } catch {
    throw new ApiError('BAD_INPUT', '手机存储空间不足，无法上传，请清理后重试')
  }
  try {
    let fileID: string
    try {
      fileID = await steps.upload(cloudPath, filePath, onProgress)
    } catch {
      throw new ApiError('NETWORK', UPLOAD_FAILED)
    }
    onProgress(100)
    return await steps.register(fileID)
  } finally {
    steps.removeTemp(filePath)
  }
}
