// WeChat tabBar icons must be PNG files (no icon fonts), so we draw them here.
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { deflateSync } from 'node:zlib'

const SIZE = 81
const SS = 4 // supersampling factor per axis
const OUT_DIR = resolve('src/assets/tab')

type Shape = (x: number, y: number) => boolean
type Point = readonly [number, number]
type Rgb = readonly [number, number, number]

const COLORS: Record<'inactive' | 'active', Rgb> = {
  inactive: [0x8a, 0x8a, 0x8a],
  active: [0xc8, 0x16, 0x1d],
}

// --- geometry helpers (coordinates in pixels, origin top-left) ---
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y))
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y)
const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r))
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r))
    return dx * dx + dy * dy <= r * r
  }
const polygon =
  (pts: readonly Point[]): Shape =>
  (x, y) => {
    // even-odd rule: count edge crossings of a ray going right from (x, y)
    let inside = false
    let prev: Point | undefined
    for (const [x1, y1] of [...pts, ...pts.slice(0, 1)]) {
      if (prev && prev[1] > y !== y1 > y) {
        const [x0, y0] = prev
        if (x < x0 + ((x1 - x0) * (y - y0)) / (y1 - y0)) inside = !inside
      }
      prev = [x1, y1]
    }
    return inside
  }

const star = (cx: number, cy: number, outer: number, inner: number): Shape =>
  polygon(
    Array.from({ length: 10 }, (_, i): Point => {
      const r = i % 2 === 0 ? outer : inner
      const a = -Math.PI / 2 + (i * Math.PI) / 5
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)]
    }),
  )

const shoulders = ellipse(40.5, 72, 29, 28)

// --- icons (81x81 canvas, ~10px padding) ---
const ICONS: Record<string, Shape> = {
  home: minus(
    union(
      polygon([
        [40.5, 9],
        [72, 39],
        [9, 39],
      ]),
      roundRect(17, 35, 64, 71, 3),
    ),
    roundRect(33.5, 50, 47.5, 72, 2),
  ),
  board: union(
    roundRect(10, 40, 28, 71, 3),
    roundRect(31.5, 14, 49.5, 71, 3),
    roundRect(53, 50, 71, 71, 3),
  ),
  campaigns: star(40.5, 43, 33, 13.5),
  me: union(circle(40.5, 25, 14), (x, y) => y <= 71 && shoulders(x, y)),
}

// --- rasteriser: coverage by SS x SS supersampling -> alpha ---
const rasterise = (shape: Shape, [r, g, b]: Rgb): Buffer => {
  const px = Buffer.alloc(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++
        }
      }
      const alpha = Math.round((255 * hits) / (SS * SS))
      px.set([r, g, b, alpha], (y * SIZE + x) * 4)
    }
  }
  return px
}

// --- minimal PNG encoder ---
const crc32 = (buf: Buffer): number => {
  let c = 0xffffffff
  for (const byte of buf) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const encodePng = (rgba: Buffer, w: number, h: number): Buffer => {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, deflate, std filters, no interlace
  const raw = Buffer.alloc((w * 4 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0 // filter type: none
    rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(OUT_DIR, { recursive: true })
for (const [name, shape] of Object.entries(ICONS)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const suffix = state === 'active' ? '-active' : ''
    const file = resolve(OUT_DIR, `${name}${suffix}.png`)
    writeFileSync(file, encodePng(rasterise(shape, color), SIZE, SIZE))
    console.log(`wrote ${file}`)
  }
}
