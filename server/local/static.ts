// Serves the built H5 app. Hashed assets are cached for a year; index.html never is, so a
// new build reaches phones on their next visit.
import fs from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { mediaNamePattern, mimeOfExt } from '../media/media.rules'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    decoded = '/'
  }
  // Resolve inside root only: '..' segments can never reach outside it.
  const file = path.join(root, path.normalize(decoded).replace(/^(\.\.[/\\])+/, ''))
  const inside =
    file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()
  const target = inside ? file : path.join(root, 'index.html')
  if (!fs.existsSync(target)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('H5 页面尚未构建，请先运行 npm run build:h5')
    return
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(target)
  res.writeHead(200, {
    'content-type': types[path.extname(target)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  fs.createReadStream(target).pipe(res)
}

/**
 * Serves one uploaded file from the media folder. Only a plain `<id>.<ext>` name is looked
 * up, so no path (encoded or not) can reach outside the folder. Names are random and files
 * never change, so they are cached for a year.
 */
export function serveMedia(root: string, name: string, res: ServerResponse): void {
  const file = mediaNamePattern.test(name) ? path.join(root, name) : null
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('文件不存在')
    return
  }
  res.writeHead(200, {
    'content-type': mimeOfExt[path.extname(name).slice(1)] ?? 'application/octet-stream',
    'content-length': fs.statSync(file).size,
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  })
  fs.createReadStream(file).pipe(res)
}
