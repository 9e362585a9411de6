// Picking a notice's video: one mp4 of at most 3 MB (contract/authoring.ts, media.upload).
// WeChat compresses while picking (sizeType compressed) and reads through its file system; the
// H5 build's chooseMedia gives a blob: or data: URL, read with FileReader. A phone cannot
// re-encode a video here, so a file over the limit is refused with the way to make it smaller.
import Taro from '@tarojs/taro'
import { ApiError } from '@/lib/api-client'
import {
  base64Bytes,
  blobBase64,
  isPickerCancel,
  readFileBase64,
  unreadableFile,
} from '@/lib/local-file'

/** A video ready for media.upload. */
export interface PickedVideo {
  fileName: string
  /** The bytes, base64. */
  content: string
  bytes: number
}

/** media.upload takes videos up to 3 MB, mp4 only. */
export const MAX_VIDEO_BYTES = 3 * 1024 * 1024

const tooBig = (bytes: number) =>
  new ApiError(
    'BAD_INPUT',
    `视频有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过 3 MB，请剪短到 1 分钟以内或降低清晰度后再选`,
  )
const notMp4 = () => new ApiError('BAD_INPUT', '只支持 mp4 格式的视频')

/** The user's chosen video, checked against the limits; null when they cancel. */
export async function pickVideo(): Promise<PickedVideo | null> {
  let picked: Taro.chooseMedia.SuccessCallbackResult
  try {
    picked = await Taro.chooseMedia({
      count: 1,
      mediaType: ['video'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      maxDuration: 60,
    })
  } catch (error) {
    if (isPickerCancel(error)) return null
    throw unreadableFile('视频')
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  // Refuse before reading: a large file would cost the phone memory for nothing.
  if (file.size > MAX_VIDEO_BYTES) throw tooBig(file.size)
  let content: string
  if (process.env.TARO_ENV === 'h5') {
    let blob: Blob
    try {
      blob = await (await fetch(file.tempFilePath)).blob()
    } catch {
      throw unreadableFile('视频')
    }
    const read = await blobBase64(blob, '视频')
    if (read.type && read.type !== 'video/mp4') throw notMp4()
    content = read.content
  } else {
    if (!/\.mp4$/i.test(file.tempFilePath)) throw notMp4()
    content = await readFileBase64(file.tempFilePath, '视频')
  }
  const bytes = base64Bytes(content)
  if (bytes > MAX_VIDEO_BYTES) throw tooBig(bytes)
  return { fileName: 'video.mp4', content, bytes }
}
