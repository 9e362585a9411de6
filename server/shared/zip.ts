// The zip container under .xlsx files, on node's zlib alone: writing deflated entries, and
// reading stored or deflated ones through the central directory. No zip64, no encryption:
// an .xlsx never needs them, and a roster file that does is refused.
import { deflateRawSync, inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  data: Buffer
}

/** The zip is damaged, or uses a feature this reader does not (zip64, encryption…). */
export class BadZip extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadZip'
  }
}

// Node 20 has no zlib.crc32: the usual table for the reflected polynomial 0xEDB88320.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < data.length; i++) {
    crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8)
  }
  return (crc ^ 0xffffffff) >>> 0
}

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_DIRECTORY = 0x06054b50
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800
// 1980-01-01 00:00, the earliest DOS date: the same workbook always gives the same bytes.
const DOS_TIME = 0
const DOS_DATE = (0 << 9) | (1 << 5) | 1

/** A zip of `entries`, each deflated. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const packed = deflateRawSync(entry.data)
    const crc = crc32(entry.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(LOCAL_HEADER, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(CENTRAL_HEADER, 0)
    central.writeUInt16LE(20, 4) // made by: 2.0, MS-DOS
    local.copy(central, 6, 4, 26) // version needed … uncompressed size, as in the local header
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42)
    directory.push(central, name)

    parts.push(local, name, packed)
    offset += local.length + name.length + packed.length
  }
  const directorySize = directory.reduce((sum, part) => sum + part.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(END_OF_DIRECTORY, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...directory, end])
}

export interface UnzipLimits {
  /** The most bytes all entries may inflate to together (a zip bomb is refused). */
  maxTotalBytes: number
  maxEntries: number
}

const DEFAULT_LIMITS: UnzipLimits = { maxTotalBytes: 64 * 1024 * 1024, maxEntries: 10_000 }

/**
 * The entries of a zip by name, read through its central directory. Only the names `wanted`
 * accepts are inflated (and checked against their CRC); the others are skipped unread.
 */
export function unzip(
  content: Buffer,
  wanted: (name: string) => boolean = () => true,
  limits: UnzipLimits = DEFAULT_LIMITS,
): Map<string, Buffer> {
  const end = findEndOfDirectory(content)
  const count = content.readUInt16LE(end + 10)
  const size = content.readUInt32LE(end + 12)
  let at = content.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff) throw new BadZip('zip64 is not supported')
  if (count > limits.maxEntries) throw new BadZip('too many entries')
  if (at + size > end) throw new BadZip('central directory out of bounds')

  const files = new Map<string, Buffer>()
  let total = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || content.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw new BadZip('bad central directory entry')
    }
    const flags = content.readUInt16LE(at + 8)
    const method = content.readUInt16LE(at + 10)
    const crc = content.readUInt32LE(at + 16)
    const packedSize = content.readUInt32LE(at + 20)
    const rawSize = content.readUInt32LE(at + 24)
    const nameLength = content.readUInt16LE(at + 28)
    const skip = nameLength + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32)
    const localAt = content.readUInt32LE(at + 42)
    const name = content.toString('utf8', at + 46, at + 46 + nameLength)
    at += 46 + skip
    if (!wanted(name)) continue

    if (flags & 1) throw new BadZip('encrypted entry')
    if (packedSize === 0xffffffff || rawSize === 0xffffffff) throw new BadZip('zip64 entry')
    total += rawSize
    if (total > limits.maxTotalBytes) throw new BadZip('entries too large')
    if (localAt + 30 > content.length || content.readUInt32LE(localAt) !== LOCAL_HEADER) {
      throw new BadZip('bad local header')
    }
    const dataAt =
      localAt + 30 + content.readUInt16LE(localAt + 26) + content.readUInt16LE(localAt + 28)
    if (dataAt + packedSize > content.length) throw new BadZip('entry out of bounds')
    const packed = content.subarray(dataAt, dataAt + packedSize)
    const data = inflate(method, packed, rawSize)
    if (data.length !== rawSize || crc32(data) !== crc) throw new BadZip(`corrupt entry ${name}`)
    files.set(name, data)
  }
  return files
}

function inflate(method: number, packed: Buffer, rawSize: number): Buffer {
  if (method === 0) return packed
  if (method !== 8) throw new BadZip(`compression method ${method} is not supported`)
  try {
    // Never more than the directory promised: a lying size cannot inflate a bomb.
    return inflateRawSync(packed, { maxOutputLength: Math.max(rawSize, 1) })
  } catch (error) {
    throw new BadZip(`cannot inflate: ${(error as Error).message}`)
  }
}

function findEndOfDirectory(content: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const stop = Math.max(0, content.length - 22 - 0xffff)
  for (let at = content.length - 22; at >= stop; at--) {
    if (content.readUInt32LE(at) === END_OF_DIRECTORY) return at
  }
  throw new BadZip('not a zip file')
}
