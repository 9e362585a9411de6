// Reading a file the user picked as base64, the way media.upload and the roster actions take
// bytes. WeChat reads through its file system manager; the H5 build (taro-h5 has no
// getFileSystemManager) fetches the picked blob: or data: URL and reads it with FileReader.
import Taro from '@tarojs/taro'
import { ApiError } from './api-client'

/** The error every reader gives when the bytes cannot be had. */
export const unreadableFile = (what = '文件') =>
  new ApiError('BAD_INPUT', `无法读取这个${what}，请重新选择`)

/** The bytes a base64 string stands for. */
export const base64Bytes = (content: string) =>
  Math.floor((content.length * 3) / 4) -
  (content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0)

/** WeChat: a temp file's bytes as base64. */
export function readFileBase64(filePath: string, what?: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) =>
        typeof res.data === 'string' ? resolve(res.data) : reject(unreadableFile(what)),
      fail: () => reject(unreadableFile(what)),
    })
  })
}

/** Browser: a blob's bytes as base64, with the type the browser gives it. */
export async function blobBase64(
  blob: Blob,
  what?: string,
): Promise<{ type: string; content: string }> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(unreadableFile(what))
    reader.onload = () => resolve(String(reader.result ?? ''))
    try {
      reader.readAsDataURL(blob)
    } catch {
      reject(unreadableFile(what))
    }
  })
  // A data URL: "data:<type>;base64,<bytes>".
  const type = /^data:([^;,]+)/.exec(url)?.[1]?.toLowerCase() ?? blob.type
  return { type, content: url.slice(url.indexOf(',') + 1) }
}

/** True when the user closed a picker without choosing. */
export const isPickerCancel = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  String((error as { errMsg?: unknown }).errMsg ?? '').includes('cancel')
