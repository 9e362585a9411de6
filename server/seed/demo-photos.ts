// Demo photos for the seeded campaign candidates: small PNG drawings (sky, field and a house
// in a colour of its own) made here, so the demo needs no binary files in the repository.
import zlib from 'node:zlib'
import type { MediaStorage } from '../media/media-storage'
import type { Store } from '../store/store'

export const DEMO_PHOTO_COUNT = 6
const WIDTH = 320
const HEIGHT = 240
const HOUSE_COLOURS: [number, number, number][] = [
  [196, 64, 52],
  [214, 150, 60],
  [90, 120, 180],
  [150, 90, 160],
  [70, 150, 120],
  [180, 110, 80],
]

/** The served name of demo photo `i` (0-based). */
export const demoPhotoName = (i: number) => `seed-photo-${(i % DEMO_PHOTO_COUNT) + 1}.png`
export const demoPhotoUrl = (i: number) => `/media/${demoPhotoName(i)}`

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Demo photo `i` as a PNG file. */
export function demoPhotoPng(i: number): Buffer {
  const [hr, hg, hb] = HOUSE_COLOURS[i % HOUSE_COLOURS.length] as [number, number, number]
  const rows = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT)
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (WIDTH * 3 + 1)
    for (let x = 0; x < WIDTH; x++) {
      const house = x > 100 + i * 8 && x < 220 + i * 8 && y > 90 && y < 180
      const roof = y <= 90 && y > 50 && Math.abs(x - (160 + i * 8)) < (y - 50) * 1.8
      const field = y >= 170
      const [r, g, b] = house
        ? [hr, hg, hb]
        : roof
          ? [120, 60, 40]
          : field
            ? [90, 160 - (y - 170) / 2, 70]
            : [150 + y / 3, 200 + y / 8, 240]
      rows[row + 1 + x * 3] = r
      rows[row + 2 + x * 3] = g
      rows[row + 3 + x * 3] = b
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(WIDTH, 0)
  header.writeUInt32BE(HEIGHT, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Stores the demo photos and their media records (owned by `ownerId`). */
export async function writeDemoPhotos(
  store: Store,
  media: MediaStorage,
  ownerId: string,
  now: number,
): Promise<void> {
  for (let i = 0; i < DEMO_PHOTO_COUNT; i++) {
    const bytes = demoPhotoPng(i)
    await media.put(demoPhotoName(i), bytes, 'image/png').catch((error: unknown) => {
      // A data folder reused after its database was deleted still holds the files.
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    })
    await store.media.create({
      id: demoPhotoName(i),
      ownerId,
      kind: 'image',
      mime: 'image/png',
      bytes: bytes.length,
      createdAt: now,
      status: 'pass',
      cloudPath: null,
      fileId: null,
      traceId: null,
      // The demo records use them from the start.
      usedAt: now,
    })
  }
}
