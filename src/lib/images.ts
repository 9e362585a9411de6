// Picking photos for a notice or a nomination: the only platform branches of photo forms. WeChat
// compresses once more with compressImage and reads the file through its file system; the H5
// build has neither (taro-h5 has no getFileSystemManager), so a large picked photo is redrawn
// smaller on a canvas and read as a data URL. Either way the bytes leave the phone as base64 for media.upload.
import Taro from '@tarojs/taro'
import { ApiError } from '@/lib/api-client'

/** A photo ready for media.upload. */
export interface PickedImage {
  fileName: string
  /** The bytes, base64. */
  content: string
  bytes: number
}

/** contract/authoring.ts: pictures up to 2 MB, jpg/png/webp. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024
const TYPES: Record<string, string> = {
  jpg: 'jpg',
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

const unreadable = () => new ApiError('BAD_INPUT', '无法读取这张图片，请重新选择')

/** The bytes a base64 string stands for. */
export const base64Bytes = (content: string) =>
  Math.floor((content.length * 3) / 4) -
  (content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0)

/** Checks one photo against the contract's limits; the message says which one and why. */
export function checkImage(image: PickedImage, index: number): void {
  const extension = image.fileName.split('.').pop()?.toLowerCase() ?? ''
  if (!TYPES[extension]) {
    throw new ApiError('BAD_INPUT', `第 ${index + 1} 张不是 jpg、png 或 webp 图片，请换一张`)
  }
  if (image.bytes > MAX_IMAGE_BYTES) {
    throw new ApiError('BAD_INPUT', `第 ${index + 1} 张图片超过 2 MB，请换一张或裁剪后再选`)
  }
}

const isCancel = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  String((error as { errMsg?: unknown }).errMsg ?? '').includes('cancel')

const extensionOf = (path: string) => {
  const match = /\.([a-z0-9]+)(?:$|\?)/i.exec(path)
  return TYPES[match?.[1]?.toLowerCase() ?? ''] ?? ''
}

async function readInWeapp(path: string, index: number): Promise<PickedImage> {
  let filePath = path
  try {
    filePath = (await Taro.compressImage({ src: path, quality: 70 })).tempFilePath
  } catch {
    // Not every base library compresses; the picked copy is already 'compressed'.
  }
  const content = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (res) => (typeof res.data === 'string' ? resolve(res.data) : reject(unreadable())),
      fail: () => reject(unreadable()),
    })
  })
  const extension = extensionOf(filePath) || extensionOf(path) || 'jpg'
  return { fileName: `photo-${index + 1}.${extension}`, content, bytes: base64Bytes(content) }
}

/** Longest side of a photo after compression: sharp on any phone, a fraction of the bytes. */
const MAX_SIDE = 1600
/** Photos smaller than this are sent as they are. */
const SMALL_ENOUGH = 300 * 1024

/**
 * The browser's own compression (H5 has no compressImage): a large photo is redrawn at most
 * MAX_SIDE pixels on its longest side as a JPEG of quality 0.8. Anything that cannot be
 * decoded or drawn (no canvas, an odd format) is sent unchanged.
 */
async function shrinkInBrowser(blob: Blob): Promise<Blob> {
  if (blob.size <= SMALL_ENOUGH || !blob.type.startsWith('image/')) return blob
  const url = URL.createObjectURL(blob)
  try {
    const image = await new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image()
      img.onload = () => resolve(img)
      img.onerror = reject
      img.src = url
    })
    const scale = Math.min(1, MAX_SIDE / Math.max(image.naturalWidth, image.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
    const context = canvas.getContext('2d')
    if (!context) return blob
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const smaller = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', 0.8),
    )
    return smaller && smaller.size < blob.size ? smaller : blob
  } catch {
    return blob
  } finally {
    URL.revokeObjectURL(url)
  }
}

async function readInBrowser(path: string, index: number): Promise<PickedImage> {
  let blob: Blob
  try {
    blob = await shrinkInBrowser(await (await fetch(path)).blob())
  } catch {
    throw unreadable()
  }
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(unreadable())
    reader.onload = () => resolve(String(reader.result ?? ''))
    try {
      reader.readAsDataURL(blob)
    } catch {
      reject(unreadable())
    }
  })
  // A data URL: "data:<type>;base64,<bytes>".
  const type = /^data:([^;,]+)/.exec(url)?.[1]?.toLowerCase() ?? blob.type
  const extension = TYPES[type] ?? (type.startsWith('image/') ? type.slice(6) : 'bin')
  const content = url.slice(url.indexOf(',') + 1)
  return { fileName: `photo-${index + 1}.${extension}`, content, bytes: base64Bytes(content) }
}

/** Lets the user choose up to `count` photos; [] when they cancel. Not yet checked. */
export async function pickImages(count: number): Promise<PickedImage[]> {
  let picked: Taro.chooseImage.SuccessCallbackResult
  try {
    picked = await Taro.chooseImage({
      count,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
  } catch (error) {
    if (isCancel(error)) return []
    throw unreadable()
  }
  const read = process.env.TARO_ENV === 'h5' ? readInBrowser : readInWeapp
  const images: PickedImage[] = []
  for (const [index, path] of picked.tempFilePaths.slice(0, count).entries()) {
    images.push(await read(path, index))
  }
  return images
}
