// Pure rules of uploaded files: what a file is (by its bytes, never its name) and how big it
// may be.

export type MediaKind = 'image' | 'video'

export interface Sniffed {
  kind: MediaKind
  mime: string
  ext: string
}

export const MAX_BYTES: Record<MediaKind, number> = {
  image: 2 * 1024 * 1024,
  video: 3 * 1024 * 1024,
}

const ascii = (bytes: Buffer, start: number, end: number) =>
  bytes.subarray(start, end).toString('latin1')

/** The file type its magic bytes announce: JPEG, PNG, WEBP or MP4; null for anything else. */
export function sniff(bytes: Buffer): Sniffed | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' }
  }
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { kind: 'image', mime: 'image/png', ext: 'png' }
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return { kind: 'image', mime: 'image/webp', ext: 'webp' }
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    return { kind: 'video', mime: 'video/mp4', ext: 'mp4' }
  }
  return null
}

/**
 * Why a file of `bytes` bytes, whose first bytes read as `sniffed`, may not be stored as a
 * `kind` (wrong type, too big); null when it may. The same words on the local server and the
 * cloud.
 */
export function fileProblem(
  kind: MediaKind,
  sniffed: Sniffed | null,
  bytes: number,
): string | null {
  if (!sniffed || sniffed.kind !== kind) {
    return kind === 'image' ? '只支持 JPG、PNG 或 WEBP 格式的图片' : '只支持 MP4 格式的视频'
  }
  if (bytes > MAX_BYTES[kind]) {
    return kind === 'image'
      ? '图片不能超过 2 MB，请压缩后再上传'
      : '视频不能超过 3 MB，请压缩后再上传'
  }
  return null
}

/** Decodes base64 (a data: URL prefix allowed); null when it is not base64 at all. */
export function decodeBase64(content: string): Buffer | null {
  const text = content.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.length % 4 === 1) return null
  return Buffer.from(text, 'base64')
}

/** Content types of the files the server stores, by extension. */
export const mimeOfExt: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
}

/** A stored file's name: `<random id>.<ext>`, nothing that could name a path. */
export const mediaNamePattern = /^[A-Za-z0-9_-]{1,64}\.(jpg|png|webp|mp4)$/

/** The stored file's name behind one of our /media/ URLs, or null for any other URL. */
export function mediaNameOf(url: string): string | null {
  const name = /^\/media\/([^/]+)$/.exec(url)?.[1]
  return name && mediaNamePattern.test(name) ? name : null
}

/** How long a reserved upload slot may wait for its media.register. */
export const SLOT_TTL_MS = 60 * 60 * 1000

/** The extension a slot gets, and the kind it must be. */
export const slotExt: Record<string, { ext: string; kind: MediaKind }> = {
  jpg: { ext: 'jpg', kind: 'image' },
  jpeg: { ext: 'jpg', kind: 'image' },
  png: { ext: 'png', kind: 'image' },
  webp: { ext: 'webp', kind: 'image' },
  mp4: { ext: 'mp4', kind: 'video' },
}

/** The month folder of a cloud path, in the township's time (UTC+8): `2026-11`. */
export const monthOf = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 7)

/** The cloud storage path reserved for the file `name`: `media/<yyyy-mm>/<name>`. */
export const cloudPathOf = (name: string, now: number) => `media/${monthOf(now)}/${name}`

const fileIdPattern =
  /^cloud:\/\/[\w.-]+\/(media\/\d{4}-\d{2}\/([A-Za-z0-9_-]{1,64}\.(?:jpg|png|webp|mp4)))$/

/**
 * A cloud fileID (`cloud://<env>.<bucket>/<cloudPath>`) of a path we reserve, split into the
 * path and the media id the path ends with; null for any other URL.
 */
export function parseFileId(fileId: string): { cloudPath: string; id: string } | null {
  const match = fileIdPattern.exec(fileId)
  return match?.[1] && match[2] ? { cloudPath: match[1], id: match[2] } : null
}
