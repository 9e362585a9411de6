// The zip container as its specification (PKWARE APPNOTE 4.3/4.4) lays it out, byte by byte,
// and the reader's refusals of what it does not support (server/shared/zip.ts).
import { describe, expect, it } from 'vitest'
import { BadZip, crc32, openZip, unzip, zip } from '../../../server/shared/zip'

const text = (s: string) => Buffer.from(s, 'utf8')
const limits = { maxTotalBytes: 1_000_000, maxEntries: 10 }

describe('crc32', () => {
  it('gives the check values of the standard', () => {
    expect(crc32(text(''))).toBe(0)
    expect(crc32(text('a'))).toBe(0xe8b7be43)
    expect(crc32(text('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array([0xff, 0x00, 0x80]))).toBe(crc32(Buffer.from([0xff, 0x00, 0x80])))
  })
})

describe('zip: the bytes written', () => {
  const file = zip([
    { name: '表.xml', data: text('hello') },
    { name: 'b', data: text('') },
  ])
  const name = text('表.xml')

  it('writes a local header per entry: deflate, UTF-8 names, 1980-01-01, CRC and sizes', () => {
    expect(file.readUInt32LE(0)).toBe(0x04034b50)
    expect(file.readUInt16LE(4)).toBe(20)
    expect(file.readUInt16LE(6)).toBe(0x0800)
    expect(file.readUInt16LE(8)).toBe(8)
    expect(file.readUInt16LE(10)).toBe(0)
    expect(file.readUInt16LE(12)).toBe((1 << 5) | 1)
    expect(file.readUInt32LE(14)).toBe(crc32(text('hello')))
    expect(file.readUInt32LE(22)).toBe(5)
    expect(file.readUInt16LE(26)).toBe(name.length)
    expect(file.readUInt16LE(28)).toBe(0)
    expect(file.subarray(30, 30 + name.length)).toEqual(name)
  })

  it('ends with a directory that points at each local header, and its end record', () => {
    const end = file.length - 22
    expect(file.readUInt32LE(end)).toBe(0x06054b50)
    expect(file.readUInt16LE(end + 8)).toBe(2)
    expect(file.readUInt16LE(end + 10)).toBe(2)
    const size = file.readUInt32LE(end + 12)
    const at = file.readUInt32LE(end + 16)
    expect(at + size).toBe(end)
    expect(size).toBe(2 * 46 + name.length + 1)
    // The first central header mirrors the local one and points at offset 0.
    expect(file.readUInt32LE(at)).toBe(0x02014b50)
    expect(file.readUInt16LE(at + 4)).toBe(20)
    expect(file.subarray(at + 6, at + 28)).toEqual(file.subarray(4, 26))
    expect(file.readUInt16LE(at + 28)).toBe(name.length)
    expect(file.readUInt32LE(at + 42)).toBe(0)
    // The second points just past the first entry's data.
    const second = at + 46 + name.length
    const packed = file.readUInt32LE(18)
    expect(file.readUInt32LE(second + 42)).toBe(30 + name.length + packed)
    expect(file.readUInt32LE(30 + name.length + packed)).toBe(0x04034b50)
  })

  it('reads back the names in order and the contents, empty ones too', () => {
    const reader = openZip(file, limits)
    expect(reader.names()).toEqual(['表.xml', 'b'])
    expect(reader.read('表.xml')?.toString()).toBe('hello')
    expect(reader.read('b')).toEqual(Buffer.alloc(0))
    expect(reader.read('c')).toBeUndefined()
    expect(zip([])).toHaveLength(22)
    expect(unzip(zip([])).size).toBe(0)
  })
})

describe('zip: what the reader refuses', () => {
  const one = () => Buffer.from(zip([{ name: 'a.xml', data: text('hello hello hello') }]))
  const central = (file: Buffer) => file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
  const end = (file: Buffer) => file.length - 22

  it('finds the directory past a trailing comment', () => {
    const file = one()
    file.writeUInt16LE(7, end(file) + 20)
    expect(
      unzip(Buffer.concat([file, text('comment')]))
        .get('a.xml')
        ?.toString(),
    ).toBe('hello hello hello')
  })

  it('skips a directory entry’s extra field and comment', () => {
    const plain = zip([{ name: 'a.xml', data: text('x') }])
    const at = central(plain)
    const extra = Buffer.from([1, 2, 3])
    const comment = text('说明')
    const head = Buffer.from(plain.subarray(at, at + 46))
    head.writeUInt16LE(extra.length, 30)
    head.writeUInt16LE(comment.length, 32)
    const name = plain.subarray(at + 46, end(plain))
    const directory = Buffer.concat([head, name, extra, comment])
    const record = Buffer.from(plain.subarray(end(plain)))
    record.writeUInt32LE(directory.length, 12)
    const file = Buffer.concat([plain.subarray(0, at), directory, record])
    expect(unzip(file).get('a.xml')?.toString()).toBe('x')
  })

  it('refuses zip64, too many entries and a directory beyond the file', () => {
    const count = one()
    count.writeUInt16LE(0xffff, end(count) + 10)
    expect(() => unzip(count)).toThrow('不支持 zip64 格式')
    const offset = one()
    offset.writeUInt32LE(0xffffffff, end(offset) + 16)
    expect(() => unzip(offset)).toThrow('不支持 zip64 格式')
    const sizes = one()
    sizes.writeUInt32LE(0xffffffff, central(sizes) + 24)
    expect(() => unzip(sizes)).toThrow('不支持 zip64 格式')
    const packed = one()
    packed.writeUInt32LE(0xffffffff, central(packed) + 20)
    expect(() => unzip(packed)).toThrow('不支持 zip64 格式')
    expect(() =>
      unzip(
        zip([
          { name: 'a', data: text('') },
          { name: 'b', data: text('') },
        ]),
        undefined,
        { maxTotalBytes: 10, maxEntries: 1 },
      ),
    ).toThrow('压缩包里的文件太多')
    expect(unzip(one(), undefined, { maxTotalBytes: 100, maxEntries: 1 }).size).toBe(1)
    const beyond = one()
    beyond.writeUInt32LE(beyond.readUInt32LE(end(beyond) + 12) + 1, end(beyond) + 12)
    expect(() => unzip(beyond)).toThrow('zip 目录超出了文件范围')
  })

  it('refuses a damaged directory entry and a damaged local header', () => {
    const sig = one()
    sig.writeUInt32LE(0, central(sig))
    expect(() => unzip(sig)).toThrow('zip 目录已损坏')
    const long = one()
    long.writeUInt16LE(200, central(long) + 28)
    expect(() => unzip(long)).toThrow('zip 目录已损坏')
    const local = one()
    local.writeUInt32LE(0, 0)
    expect(() => unzip(local)).toThrow('压缩包内的 a.xml 已损坏')
    const far = one()
    far.writeUInt32LE(far.length, central(far) + 42)
    expect(() => unzip(far)).toThrow('压缩包内的 a.xml 已损坏')
    const short = one()
    short.writeUInt32LE(short.length, central(short) + 20)
    expect(() => unzip(short)).toThrow('压缩包内的 a.xml 不完整')
  })

  it('refuses encryption, unknown methods, bad deflate data and a wrong CRC or size', () => {
    const locked = one()
    locked.writeUInt16LE(0x0801, central(locked) + 8)
    expect(() => unzip(locked)).toThrow('文件已加密')
    const method = one()
    method.writeUInt16LE(12, central(method) + 10)
    expect(() => unzip(method)).toThrow('不支持的压缩方式（12）')
    const crc = one()
    crc.writeUInt32LE((crc.readUInt32LE(central(crc) + 16) ^ 1) >>> 0, central(crc) + 16)
    expect(() => unzip(crc)).toThrow('压缩包内的 a.xml 已损坏')
    const size = one()
    size.writeUInt32LE(3, central(size) + 24)
    expect(() => unzip(size)).toThrow('压缩包内的 a.xml 已损坏')
    const data = one()
    data.fill(0xff, 30 + 5, 30 + 5 + 4)
    expect(() => unzip(data)).toThrow(BadZip)
  })

  it('reads only the entries asked for: a damaged one left unread does not matter', () => {
    const file = Buffer.from(
      zip([
        { name: 'a', data: text('aaa') },
        { name: 'b', data: text('bbb') },
      ]),
    )
    const at = central(file)
    file.writeUInt16LE(12, file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1) + 10)
    expect([...unzip(file, (n) => n === 'b').keys()]).toEqual(['b'])
  })

  it('counts a stored entry’s bytes against the budget', () => {
    const stored = one()
    // Rewrite as stored: method 0, data as is.
    const raw = text('hello hello hello')
    const at = central(stored)
    const file = Buffer.concat([stored.subarray(0, 30 + 5), raw, stored.subarray(at)])
    file.writeUInt16LE(0, 8)
    file.writeUInt32LE(raw.length, 18)
    const c = central(file)
    file.writeUInt16LE(0, c + 10)
    file.writeUInt32LE(raw.length, c + 20)
    file.writeUInt32LE(c, file.length - 22 + 16)
    expect(unzip(file).get('a.xml')?.toString()).toBe('hello hello hello')
    expect(() => unzip(file, undefined, { maxTotalBytes: raw.length - 1, maxEntries: 1 })).toThrow(
      '解压后的内容过大',
    )
    expect(unzip(file, undefined, { maxTotalBytes: raw.length, maxEntries: 1 }).size).toBe(1)
  })
})
