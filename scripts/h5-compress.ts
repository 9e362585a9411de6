// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of a built H5 app, once,
// at build time, so the server picks one by the request's Accept-Encoding (@fastify/static's
// preCompressed) instead of compressing on every request. Old copies are removed first, so a
// copy is never older than its file. `tsx scripts/h5-compress.ts [dir]` (default dist-h5).
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const TEXT = /\.(html|js|css|json|svg|txt|map)$/
/** Below this a copy saves less than the headers it adds. */
const MIN_BYTES = 512

export interface CompressReport {
  files: number
  bytes: number
  brotliBytes: number
  gzipBytes: number
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else if (entry.isFile()) yield full
  }
}

/** The files index.html loads itself: every first visit waits for them. */
function entryFiles(dir: string): Set<string> {
  const index = path.join(dir, 'index.html')
  const html = fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : ''
  const urls = [...html.matchAll(/(?:src|href)="\/?([^"]+)"/g)].map((m) => m[1] ?? '')
  return new Set([index, ...urls.map((u) => path.join(dir, u))])
}

export function compressAssets(dir: string): CompressReport {
  const report: CompressReport = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 }
  // Brotli's best quality takes ~7× longer than 9 for ~7% less: spent on the entry files only.
  const entry = entryFiles(dir)
  for (const file of walk(dir)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) fs.rmSync(file)
  }
  for (const file of walk(dir)) {
    if (!TEXT.test(file)) continue
    const content = fs.readFileSync(file)
    if (content.length < MIN_BYTES) continue
    const brotli = zlib.brotliCompressSync(content, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: entry.has(file) ? 11 : 9,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    })
    const gzip = zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION })
    // A copy no smaller than its file is left out; the server then sends the file itself.
    if (brotli.length < content.length) fs.writeFileSync(`${file}.br`, brotli)
    if (gzip.length < content.length) fs.writeFileSync(`${file}.gz`, gzip)
    report.files++
    report.bytes += content.length
    report.brotliBytes += Math.min(brotli.length, content.length)
    report.gzipBytes += Math.min(gzip.length, content.length)
  }
  return report
}

export function describeReport(r: CompressReport): string {
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en')} KB`
  return `压缩 ${r.files} 个文本文件：原始 ${kb(r.bytes)}，brotli ${kb(r.brotliBytes)}，gzip ${kb(r.gzipBytes)}`
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist-h5'))
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`${dir} 里没有 index.html：请先构建 H5`)
    process.exit(1)
  }
  const started = Date.now()
  console.log(`${describeReport(compressAssets(dir))}，用时 ${Date.now() - started} ms`)
}
