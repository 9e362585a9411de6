// The zip container under .xlsx files: writing deflated entries (node's zlib), and reading
// stored or deflated ones through the central directory, inflated by fflate within one budget
// per file. No zip64, no encryption: an .xlsx never needs them, and a roster file that does is
// refused. Every refusal is a BadZip whose message, in Chinese, names the problem.
import { deflateRawSync } from 'node:zlib'
import { Inflate } from 'fflate'

export interface ZipEntry {
  name: string
  data: Buffer
}

/** The zip is damaged, or uses a feature this reader does not (zip64, encryption…); in Chinese. */
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
  /** The most bytes all entries read from one zip may inflate to together (a zip bomb is refused). */
  maxTotalBytes: number
  maxEntries: number
}

const DEFAULT_LIMITS: UnzipLimits = { maxTotalBytes: 64 * 1024 * 1024, maxEntries: 10_000 }

interface DirectoryEntry {
  name: string
  flags: number
  method: number
  crc: number
  packedSize: number
  rawSize: number
  localAt: number
}

/** One zip, its directory read once; every entry read from it draws on one inflate budget. */
export interface ZipReader {
  names(): string[]
  /** The entry's bytes, inflated and checked against its CRC; undefined when there is none. */
  read(name: string): Buffer | undefined
}

/**
 * Opens a zip through its central directory. Names must be unique (a second entry of the same
 * name is refused: which one a reader takes would be a guess). Entries are inflated only when
 * read, all of them together within `limits.maxTotalBytes`.
 */
export function openZip(content: Buffer, limits: UnzipLimits = DEFAULT_LIMITS): ZipReader {
  const entries = directoryOf(content, limits)
  let budget = limits.maxTotalBytes
  const spend = (bytes: number) => {
    budget -= bytes
    if (budget < 0) throw new BadZip('解压后的内容过大')
  }
  return {
    names: () => [...entries.keys()],
    read(name) {
      const entry = entries.get(name)
      if (!entry) return undefined
      if (entry.flags & 1) throw new BadZip('文件已加密')
      // The directory's size is a promise the data must keep; the budget is spent as bytes
      // actually come out, so a lying size cannot get past it either.
      if (entry.rawSize > budget) throw new BadZip('解压后的内容过大')
      const dataAt = dataStart(content, entry)
      const packed = content.subarray(dataAt, dataAt + entry.packedSize)
      const data = inflate(entry.method, packed, spend)
      if (data.length !== entry.rawSize || crc32(data) !== entry.crc) {
        throw new BadZip(`压缩包内的 ${name} 已损坏`)
      }
      return data
    },
  }
}

/**
 * The entries of a zip by name. Only the names `wanted` accepts are inflated (and checked
 * against their CRC); the others are skipped unread.
 */
export function unzip(
  content: Buffer,
  wanted: (name: string) => boolean = () => true,
  limits: UnzipLimits = DEFAULT_LIMITS,
): Map<string, Buffer> {
  const reader = openZip(content, limits)
  const files = new Map<string, Buffer>()
  for (const name of reader.names()) {
    if (wanted(name)) files.set(name, reader.read(name) as Buffer)
  }
  return files
}

function directoryOf(content: Buffer, limits: UnzipLimits): Map<string, DirectoryEntry> {
  const end = findEndOfDirectory(content)
  const count = content.readUInt16LE(end + 10)
  const size = content.readUInt32LE(end + 12)
  let at = content.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff) throw new BadZip('不支持 zip64 格式')
  if (count > limits.maxEntries) throw new BadZip('压缩包里的文件太多')
  if (at + size > end) throw new BadZip('zip 目录超出了文件范围')

  const entries = new Map<string, DirectoryEntry>()
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || content.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw new BadZip('zip 目录已损坏')
    }
    const nameLength = content.readUInt16LE(at + 28)
    const skip = nameLength + content.readUInt16LE(at + 30) + content.readUInt16LE(at + 32)
    if (at + 46 + skip > end) throw new BadZip('zip 目录已损坏')
    const entry: DirectoryEntry = {
      name: content.toString('utf8', at + 46, at + 46 + nameLength),
      flags: content.readUInt16LE(at + 8),
      method: content.readUInt16LE(at + 10),
      crc: content.readUInt32LE(at + 16),
      packedSize: content.readUInt32LE(at + 20),
      rawSize: content.readUInt32LE(at + 24),
      localAt: content.readUInt32LE(at + 42),
    }
    at += 46 + skip
    if (entry.packedSize === 0xffffffff || entry.rawSize === 0xffffffff) {
      throw new BadZip('不支持 zip64 格式')
    }
    if (entries.has(entry.name)) throw new BadZip(`压缩包里有两个 ${entry.name}`)
    entries.set(entry.name, entry)
  }
  return entries
}

function dataStart(content: Buffer, entry: DirectoryEntry): number {
  const { localAt, packedSize, name } = entry
  if (localAt + 30 > content.length || content.readUInt32LE(localAt) !== LOCAL_HEADER) {
    throw new BadZip(`压缩包内的 ${name} 已损坏`)
  }
  const dataAt =
    localAt + 30 + content.readUInt16LE(localAt + 26) + content.readUInt16LE(localAt + 28)
  if (dataAt + packedSize > content.length) throw new BadZip(`压缩包内的 ${name} 不完整`)
  return dataAt
}

/** Deflated input is fed in slices this big: no slice can inflate to much more than 1 MB. */
const INFLATE_SLICE = 1024

function inflate(method: number, packed: Buffer, spend: (bytes: number) => void): Buffer {
  if (method === 0) {
    spend(packed.length)
    return packed
  }
  if (method !== 8) throw new BadZip(`不支持的压缩方式（${method}）`)
  const chunks: Uint8Array[] = []
  // fflate's one-shot inflateSync decodes a whole stream even into a fixed buffer (it drops
  // what does not fit), so a lying size would still cost the time of the full bomb. The
  // streaming Inflate, fed slice by slice, stops as soon as the budget is spent.
  const inflater = new Inflate({}, (chunk) => {
    spend(chunk.length)
    chunks.push(chunk)
  })
  try {
    if (packed.length === 0) inflater.push(packed, true)
    for (let at = 0; at < packed.length; at += INFLATE_SLICE) {
      inflater.push(packed.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= packed.length)
    }
  } catch (error) {
    if (error instanceof BadZip) throw error
    throw new BadZip('压缩数据已损坏')
  }
  return Buffer.concat(chunks)
}

function findEndOfDirectory(content: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const stop = Math.max(0, content.length - 22 - 0xffff)
  for (let at = content.length - 22; at >= stop; at--) {
    if (content.readUInt32LE(at) === END_OF_DIRECTORY) return at
  }
  throw new BadZip('不是 zip 格式的文件')
}
