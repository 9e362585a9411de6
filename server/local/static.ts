// What the H5 app needs from the server besides its files: which files may be cached for a
// year, and a Content-Security-Policy that lets only our own scripts run and shows only our
// own images and media. The files themselves are served by @fastify/static (http.ts).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** Webpack's content-hashed names (js/app.1e38caf8.js): they never change, so cache them. */
export const isHashedAsset = (file: string): boolean =>
  /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/.test(file)

let cached: { file: string; mtimeMs: number; checkedAt: number; hashes: string[] } | null = null

/**
 * The CSP hashes of index.html's inline scripts: Taro puts one there that sets the root font
 * size before the first paint (pxtransform's rem). Read again whenever index.html changes
 * (looked at no more than once a second: every response, API answers too, carries the CSP).
 */
export function inlineScriptHashes(staticRoot: string): string[] {
  const file = path.join(staticRoot, 'index.html')
  const now = Date.now()
  if (cached && cached.file === file && now - cached.checkedAt < 1_000) return cached.hashes
  let mtimeMs: number
  try {
    mtimeMs = fs.statSync(file).mtimeMs
  } catch {
    return []
  }
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now
    return cached.hashes
  }
  const html = fs.readFileSync(file, 'utf8')
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
  cached = { file, mtimeMs, checkedAt: now, hashes }
  return hashes
}

/**
 * The policy's directives (helmet's format). Scripts: our origin and index.html's own inline
 * script, nothing else (no eval, no other host). Images and media: our origin (the app's files
 * and /media/ uploads), plus data: and blob: for the photos a person picks and compresses on
 * the phone before uploading (read back by fetching their blob: URLs: connect-src). Styles:
 * our origin and inline, because Taro and NutUI set styles at run time (pxtransform, element
 * style attributes).
 */
export function contentSecurityPolicy(staticRoot: string) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", () => inlineScriptHashes(staticRoot).join(' ')],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    // The app reads a picked photo or video by fetching its blob: (or data:) URL (local-file.ts).
    connectSrc: ["'self'", 'blob:', 'data:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'self'"],
  }
}
