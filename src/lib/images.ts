// Picking photos (a notice's pictures, an inspection's evidence, a nomination's): the only platform
// branches of photo forms. WeChat
// compresses once more with compressImage and reads the file through its file system; the H5
// build has neither (taro-h5 has no getFileSystemManager), so a large picked photo is redrawn
// smaller on a canvas and read as a data URL. Either way the bytes go to uploadMedia (lib/upload.ts).
import Taro from '@tarojs/taro'
import { ApiError } from '@/lib/api-client'
import {
  base64Bytes,
  blobBase64,
  isPickerCancel,
  readFileBase64,
  unreadableFile,
} from '@/lib/local-file'

/** A photo ready for uploadMedia. */
export interface PickedImage {
  fileName: string
  /** The bytes, base64. */
  content: string
  bytes: number
  /** When the photo was taken (ISO): the file's own time where the platform gives it, else when it was picked. */
  takenAt: string
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

const unreadable = () => unreadableFile('图片')

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

const extensionOf = (path: string) => {
  const match = /\.([a-z0-9]+)(?:$|\?)/i.exec(path)
  return TYPES[match?.[1]?.toLowerCase() ?? ''] ?? ''
}

type Read = Omit<PickedImage, 'takenAt'>

async function readInWeapp(path: string, index: number): Promise<Read> {
  let filePath = path
  try {
    filePath = (await Taro.compressImage({ src: path, quality: 70 })).tempFilePath
  } catch {
    // Not every base library compresses; the picked copy is already 'compressed'.
  }
  const content = await readFileBase64(filePath, '图片')
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

async function readInBrowser(path: string, index: number): Promise<Read> {
  let blob: Blob
  try {
    blob = await shrinkInBrowser(await (await fetch(path)).blob())
  } catch {
    throw unreadable()
  }
  const { type, content } = await blobBase64(blob, '图片')
  const extension = TYPES[type] ?? (type.startsWith('image/') ? type.slice(6) : 'bin')
  return { fileName: `photo-${index + 1}.${extension}`, content, bytes: base64Bytes(content) }
}

/** The time a picked file carries (H5 hands over the browser's File), if any. */
function fileTime(file: unknown): string | null {
  const original = (file as { originalFileObj?: { lastModified?: unknown } } | undefined)
    ?.originalFileObj
  const time = original?.lastModified
  return typeof time === 'number' && time > 0 ? new Date(time).toISOString() : null
}

/**
 * Lets the user choose up to `count` photos; [] when they cancel. Not yet checked.
 * `cameraOnly` asks for photos taken now (evidence of an inspection), not from the album.
 */
export async function pickImages(count: number, cameraOnly = false): Promise<PickedImage[]> {
  let picked: Taro.chooseImage.SuccessCallbackResult
  const pickedAt = new Date().toISOString()
  try {
    picked = await Taro.chooseImage({
      count,
      sizeType: ['compressed'],
      sourceType: cameraOnly ? ['camera'] : ['album', 'camera'],
    })
  } catch (error) {
    if (isPickerCancel(error)) return []
    throw unreadable()
  }
  const read = process.env.TARO_ENV === 'h5' ? readInBrowser : readInWeapp
  const images: PickedImage[] = []
  for (const [index, path] of picked.tempFilePaths.slice(0, count).entries()) {
    const takenAt = fileTime(picked.tempFiles[index]) ?? pickedAt
    images.push({ ...(await read(path, index)), takenAt })
  }
  return images
}
