// What an uploaded file is (by its magic bytes), how big it may be, and the names and paths the
// server gives it: server/media/media.rules.ts on its own.
import { describe, expect, it } from 'vitest'
import {
  MAX_BYTES,
  SLOT_TTL_MS,
  cloudPathOf,
  decodeBase64,
  fileProblem,
  mediaNameOf,
  mediaNamePattern,
  mimeOfExt,
  monthOf,
  parseFileId,
  slotExt,
  sniff,
} from '../../../../server/media/media.rules'

const MB = 1024 * 1024
const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  )

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13])
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')
const MP4 = bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0])

describe('sniff: the type a file’s first bytes announce', () => {
  it('knows JPEG, PNG, WEBP and MP4, whatever follows the signature', () => {
    expect(sniff(JPEG)).toEqual({ kind: 'image', mime: 'image/jpeg', ext: 'jpg' })
    expect(sniff(PNG)).toEqual({ kind: 'image', mime: 'image/png', ext: 'png' })
    expect(sniff(WEBP)).toEqual({ kind: 'image', mime: 'image/webp', ext: 'webp' })
    expect(sniff(MP4)).toEqual({ kind: 'video', mime: 'video/mp4', ext: 'mp4' })
  })

  it('needs the whole JPEG signature FF D8 FF, all three bytes', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff]))?.ext).toBe('jpg')
    expect(sniff(bytes([0xff, 0xd8]))).toBeNull()
    expect(sniff(bytes([0x00, 0xd8, 0xff, 0xe0]))).toBeNull()
    expect(sniff(bytes([0xff, 0x00, 0xff, 0xe0]))).toBeNull()
    expect(sniff(bytes([0xff, 0xd8, 0x00, 0xe0]))).toBeNull()
  })

  it('needs all eight PNG signature bytes', () => {
    expect(sniff(PNG.subarray(0, 8))?.ext).toBe('png')
    expect(sniff(PNG.subarray(0, 7))).toBeNull()
    const broken = Buffer.from(PNG)
    broken[7] = 0x0b
    expect(sniff(broken)).toBeNull()
  })

  it('reads WEBP as RIFF at 0 and WEBP at 8, from 12 bytes on', () => {
    expect(sniff(WEBP.subarray(0, 12))?.ext).toBe('webp')
    expect(sniff(WEBP.subarray(0, 11))).toBeNull()
    // A RIFF that is not WEBP (a WAV sound) is nothing we store.
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeNull()
    expect(sniff(bytes('RIFX', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBeNull()
  })

  it('reads MP4 as ftyp at byte 4, from 12 bytes on', () => {
    expect(sniff(MP4.subarray(0, 12))?.ext).toBe('mp4')
    expect(sniff(MP4.subarray(0, 11))).toBeNull()
    // ftyp at the start, not at byte 4, is no MP4.
    expect(sniff(bytes('ftyp', [0, 0, 0, 0x18], 'mp42'))).toBeNull()
  })

  it('answers null for other files and for nothing at all', () => {
    expect(sniff(bytes('GIF89a', [0, 0, 0, 0, 0, 0]))).toBeNull()
    expect(sniff(bytes('%PDF-1.7', [0, 0, 0, 0]))).toBeNull()
    expect(sniff(Buffer.alloc(0))).toBeNull()
  })
})

describe('fileProblem: the kind asked for and the size limit', () => {
  const image = sniff(JPEG)
  const video = sniff(MP4)

  it('allows 2 MB of image and 3 MB of video', () => {
    expect(MAX_BYTES).toEqual({ image: 2 * MB, video: 3 * MB })
  })

  it('an image: at 2 MB passes, a byte over is refused', () => {
    expect(fileProblem('image', image, 1)).toBeNull()
    expect(fileProblem('image', image, 2 * MB - 1)).toBeNull()
    expect(fileProblem('image', image, 2 * MB)).toBeNull()
    expect(fileProblem('image', image, 2 * MB + 1)).toBe('图片不能超过 2 MB，请压缩后再上传')
  })

  it('a video: at 3 MB passes, a byte over is refused', () => {
    expect(fileProblem('video', video, 3 * MB)).toBeNull()
    expect(fileProblem('video', video, 3 * MB + 1)).toBe('视频不能超过 3 MB，请压缩后再上传')
  })

  it('refuses a file of the other kind or of no known kind, in words for the kind asked', () => {
    expect(fileProblem('image', video, 10)).toBe('只支持 JPG、PNG 或 WEBP 格式的图片')
    expect(fileProblem('image', null, 10)).toBe('只支持 JPG、PNG 或 WEBP 格式的图片')
    expect(fileProblem('video', image, 10)).toBe('只支持 MP4 格式的视频')
    expect(fileProblem('video', null, 10)).toBe('只支持 MP4 格式的视频')
  })

  it('names the wrong type before the size', () => {
    expect(fileProblem('video', image, 100 * MB)).toBe('只支持 MP4 格式的视频')
  })
})

describe('decodeBase64', () => {
  it('decodes plain base64 and a data: URL, ignoring line breaks', () => {
    expect(decodeBase64('aGVsbG8=')?.toString()).toBe('hello')
    expect(decodeBase64('data:image/png;base64,aGVsbG8=')?.toString()).toBe('hello')
    expect(decodeBase64('data:image/svg+xml;base64,aGk=')?.toString()).toBe('hi')
    expect(decodeBase64('aGVs\r\nbG8=')?.toString()).toBe('hello')
    expect(decodeBase64('  aGVsbG8=  ')?.toString()).toBe('hello')
  })

  it('accepts the URL-safe alphabet and up to two padding characters', () => {
    expect(decodeBase64('-_-_')).toEqual(Buffer.from([0xfb, 0xff, 0xbf]))
    expect(decodeBase64('+/+/')).toEqual(Buffer.from([0xfb, 0xff, 0xbf]))
    expect(decodeBase64('aA==')?.toString()).toBe('h')
    expect(decodeBase64('')).toEqual(Buffer.alloc(0))
  })

  it('answers null for text that is not base64', () => {
    expect(decodeBase64('not base64!')).toBeNull()
    expect(decodeBase64('aA===')).toBeNull()
    expect(decodeBase64('=aGk')).toBeNull()
    expect(decodeBase64('aGk=x')).toBeNull()
    // A length of 4n+1 cannot come from any bytes.
    expect(decodeBase64('aGVsb')).toBeNull()
    expect(decodeBase64('a')).toBeNull()
    // Only a data: URL prefix is taken off, and only at the start.
    expect(decodeBase64('ab data:image/png;base64,aGk=')).toBeNull()
    expect(decodeBase64('image/png;base64,aGk=')).toBeNull()
  })
})

describe('stored names, URLs and cloud paths', () => {
  it('knows the content type of each stored extension', () => {
    expect(mimeOfExt).toEqual({
      jpg: 'image/jpeg',
      png: 'image/png',
      webp: 'image/webp',
      mp4: 'video/mp4',
    })
  })

  it('a stored name is 1 to 64 safe characters and a known extension', () => {
    expect(mediaNamePattern.test('a.jpg')).toBe(true)
    expect(mediaNamePattern.test(`${'a'.repeat(64)}.png`)).toBe(true)
    expect(mediaNamePattern.test(`${'a'.repeat(65)}.png`)).toBe(false)
    expect(mediaNamePattern.test('.png')).toBe(false)
    expect(mediaNamePattern.test('med_a-B9.webp')).toBe(true)
    expect(mediaNamePattern.test('a.gif')).toBe(false)
    expect(mediaNamePattern.test('../a.jpg')).toBe(false)
    expect(mediaNamePattern.test('a.jpg.exe')).toBe(false)
  })

  it('finds the stored name behind one of our /media/ URLs only', () => {
    expect(mediaNameOf('/media/med_x.jpg')).toBe('med_x.jpg')
    expect(mediaNameOf('/media/sub/med_x.jpg')).toBeNull()
    expect(mediaNameOf('/media/med_x.gif')).toBeNull()
    expect(mediaNameOf('/media/')).toBeNull()
    expect(mediaNameOf('https://evil.example/media/med_x.jpg')).toBeNull()
    expect(mediaNameOf('/media/med_x.jpg?x=1')).toBeNull()
    expect(mediaNameOf('/media/med_x.jpg/more')).toBeNull()
    expect(mediaNameOf('/other/med_x.jpg')).toBeNull()
  })

  it('keeps an upload slot for one hour', () => {
    expect(SLOT_TTL_MS).toBe(3_600_000)
  })

  it('gives a slot its stored extension and kind (jpeg is stored as jpg)', () => {
    expect(slotExt).toEqual({
      jpg: { ext: 'jpg', kind: 'image' },
      jpeg: { ext: 'jpg', kind: 'image' },
      png: { ext: 'png', kind: 'image' },
      webp: { ext: 'webp', kind: 'image' },
      mp4: { ext: 'mp4', kind: 'video' },
    })
  })

  it('files a cloud path under the month in Shanghai (UTC+8)', () => {
    const newYear = Date.parse('2026-12-31T16:00:00Z') // 2027-01-01 00:00 in Shanghai
    expect(monthOf(newYear)).toBe('2027-01')
    expect(monthOf(newYear - 1)).toBe('2026-12')
    expect(cloudPathOf('med_x.jpg', newYear)).toBe('media/2027-01/med_x.jpg')
    expect(cloudPathOf('med_x.jpg', newYear - 1)).toBe('media/2026-12/med_x.jpg')
  })

  it('reads a cloud fileID of a reserved path, and nothing else', () => {
    expect(parseFileId('cloud://env-1.bucket/media/2026-11/med_x.png')).toEqual({
      cloudPath: 'media/2026-11/med_x.png',
      id: 'med_x.png',
    })
    expect(parseFileId('cloud://env-1.bucket/other/2026-11/med_x.png')).toBeNull()
    expect(parseFileId('cloud://env-1.bucket/media/2026-11/med_x.gif')).toBeNull()
    expect(parseFileId('https://env-1.bucket/media/2026-11/med_x.png')).toBeNull()
    expect(parseFileId('cloud://env-1.bucket/media/2026-11/med_x.png/x')).toBeNull()
  })
})
