// The local server's HTTP behaviour beyond the API envelope: pre-compressed H5 files chosen by
// Accept-Encoding, revalidation of index.html, the Content-Security-Policy, the body limit,
// the request timeout, and a shutdown that lets a request in flight finish.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { compressAssets } from '../../scripts/h5-compress'
import { createHttpServer, listen, mountRoutes } from '../../server/local/http'
import type { Router } from '../../server/router'
import { h5Dir, startTestApi, type TestApi } from '../helpers/http-api'

const root = path.resolve(__dirname, '../..')

// Like Taro's template: an inline script that sets the root font size before the first paint.
const INLINE_SCRIPT = `!function(n){n.document.documentElement.style.fontSize="20px"}(window);`
const INDEX_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"/><title>和美村宣</title><script>${INLINE_SCRIPT}</script><script defer="defer" src="/js/app.0123abcd.js"></script></head><body><div id="app"></div>${'<!-- 和美村宣 -->'.repeat(40)}</body></html>`
const APP_JS = `console.log(${JSON.stringify('公告 '.repeat(2_000))})`

interface Raw {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A GET without any decoding, so the bytes on the wire can be checked. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      })
      .on('error', reject)
  })
}

/** Opens a raw connection and sends `head`; resolves with the socket and what it receives. */
function rawRequest(url: string, head: string) {
  const { hostname, port } = new URL(url)
  const socket = net.connect(Number(port), hostname)
  let received = ''
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (received += chunk))
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)))
  socket.on('error', () => undefined)
  socket.write(head)
  return { socket, closed }
}

const postHead = (action: string, length: number) =>
  `POST /api/${action} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
  `Content-Length: ${length}\r\nConnection: close\r\n\r\n`

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the H5 files', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi({ devMode: false })
    const dir = h5Dir(api.dataDir)
    fs.mkdirSync(path.join(dir, 'js'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX_HTML)
    fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), APP_JS)
    compressAssets(dir)
  })
  afterAll(() => api.close())

  it('build:h5 leaves a .br and a .gz copy beside each text file', () => {
    const dir = h5Dir(api.dataDir)
    for (const file of ['index.html', 'js/app.0123abcd.js']) {
      const original = fs.readFileSync(path.join(dir, file))
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, `${file}.br`)))).toEqual(
        original,
      )
      expect(zlib.gunzipSync(fs.readFileSync(path.join(dir, `${file}.gz`)))).toEqual(original)
    }
  })

  it('sends the brotli copy to a browser that accepts br, and says so', async () => {
    const res = await get(`${api.app.url}/js/app.0123abcd.js`, {
      'accept-encoding': 'gzip, deflate, br',
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(APP_JS)
    // The 4,000 Chinese characters of the file arrive in far fewer bytes.
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 10)
  })

  it('sends the gzip copy to one that accepts only gzip', async () => {
    const res = await get(`${api.app.url}/js/app.0123abcd.js`, { 'accept-encoding': 'gzip' })
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(res.body).toString()).toBe(APP_JS)
  })

  it('sends the file itself to one that accepts no compression', async () => {
    for (const headers of [{ 'accept-encoding': 'identity' }, {} as Record<string, string>]) {
      const res = await get(`${api.app.url}/js/app.0123abcd.js`, headers)
      expect(res.headers['content-encoding']).toBeUndefined()
      expect(res.body.toString()).toBe(APP_JS)
    }
  })

  it('caches hashed files for a year, and makes the phone revalidate index.html', async () => {
    const js = await get(`${api.app.url}/js/app.0123abcd.js`, { 'accept-encoding': 'br' })
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const index = await get(`${api.app.url}/`, { 'accept-encoding': 'br' })
    expect(index.headers['cache-control']).toBe('no-cache')
  })

  it('answers 304 without a body when index.html has not changed (If-None-Match)', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const first = await get(`${api.app.url}/`, { 'accept-encoding': encoding })
      expect(first.status).toBe(200)
      const etag = first.headers.etag
      expect(etag).toBeTruthy()
      const again = await get(`${api.app.url}/`, {
        'accept-encoding': encoding,
        'if-none-match': String(etag),
      })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      // A page of the app (the index.html fallback) is revalidated the same way.
      const page = await get(`${api.app.url}/pages/board`, {
        'accept-encoding': encoding,
        'if-none-match': String(etag),
      })
      expect(page.status).toBe(304)
    }
  })

  it('sends index.html again once it has changed', async () => {
    const first = await get(`${api.app.url}/`, { 'accept-encoding': 'identity' })
    const file = path.join(h5Dir(api.dataDir), 'index.html')
    fs.writeFileSync(file, INDEX_HTML.replace('和美村宣</title>', '和美村宣 新版</title>'))
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    const again = await get(`${api.app.url}/`, {
      'accept-encoding': 'identity',
      'if-none-match': String(first.headers.etag),
    })
    expect(again.status).toBe(200)
    expect(again.body.toString()).toContain('新版')
    fs.writeFileSync(file, INDEX_HTML)
  })

  it('answers a missing file with 404, not the app, and the favicon browsers ask for with 204', async () => {
    const gone = await get(`${api.app.url}/js/app.deadbeef.js`, { 'accept-encoding': 'br' })
    expect(gone.status).toBe(404)
    expect(gone.body.toString()).not.toContain('和美村宣')
    const icon = await get(`${api.app.url}/favicon.ico`)
    expect(icon.status).toBe(204)
    const page = await get(`${api.app.url}/pages/board/index`, { 'accept-encoding': 'identity' })
    expect(page.status).toBe(200)
    expect(page.body.toString()).toContain('和美村宣')
  })

  it('sends a Content-Security-Policy: scripts from our origin and our inline one only', async () => {
    const res = await get(`${api.app.url}/`, { 'accept-encoding': 'br' })
    const csp = String(res.headers['content-security-policy'])
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64')
    expect(directives.get('script-src')).toEqual(["'self'", `'sha256-${hash}'`])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:'])
    // A picked photo is read by fetching its blob: URL, then compressed on the phone.
    expect(directives.get('connect-src')).toEqual(["'self'", 'blob:', 'data:'])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    // An asset and an uploaded file's address carry the same rules.
    for (const url of ['/js/app.0123abcd.js', '/media/missing.jpg']) {
      const other = await get(`${api.app.url}${url}`)
      expect(other.headers['content-security-policy'], url).toBe(csp)
      expect(other.headers['x-content-type-options'], url).toBe('nosniff')
    }
  })

  it('answers the API as JSON nothing renders: nosniff and no-store, without the page headers', async () => {
    for (const action of ['notices.list', 'no.such.action']) {
      const res = await fetch(`${api.app.url}/api/${action}`, { method: 'POST', body: '{}' })
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-request-id')).toMatch(/^req/)
      if (action === 'notices.list') {
        expect(res.status).toBe(200)
        expect(res.headers.get('content-security-policy')).toBeNull()
        expect(res.headers.get('x-frame-options')).toBeNull()
      }
      await res.arrayBuffer()
    }
  })
})

describe('the body limit', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi({ devMode: false })
  })
  afterAll(() => api.close())

  /** A JSON body of exactly `bytes` bytes. */
  const bodyOf = (bytes: number) => {
    const shell = JSON.stringify({ keyword: '' })
    return JSON.stringify({ keyword: 'x'.repeat(bytes - shell.length) })
  }

  it('refuses a body over 5,000,000 bytes in Chinese, and accepts one of exactly that size', async () => {
    const over = await api.post('notices.list', JSON.parse(bodyOf(5_000_001)))
    expect(over.status).toBe(400)
    expect(over.body).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '提交的内容过大' },
    })

    for (const size of [5_000_000, 4_999_999]) {
      const res = await fetch(`${api.app.url}/api/notices.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodyOf(size),
      })
      const body = (await res.json()) as { ok: boolean; error?: { message: string } }
      // Read, then refused by the contract (a keyword is at most a few dozen characters).
      expect(body.ok).toBe(false)
      expect(body.error?.message).not.toBe('提交的内容过大')
      expect(body.error?.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('the request timeout', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi({
      devMode: false,
      timeouts: { requestMs: 1_000, headersMs: 1_000, checkIntervalMs: 100 },
    })
  })
  afterAll(() => api.close())

  it('answers 408 and closes a request whose body stops arriving', async () => {
    const started = Date.now()
    const { socket, closed } = rawRequest(api.app.url, `${postHead('notices.list', 100)}{"limit"`)
    const received = await closed
    const waited = Date.now() - started
    expect(received).toMatch(/^HTTP\/1\.1 408/)
    expect(waited).toBeGreaterThanOrEqual(900)
    expect(waited).toBeLessThan(5_000)
    socket.destroy()
  })

  it('answers a request that arrives in time', async () => {
    const body = '{"limit":1}'
    const { socket, closed } = rawRequest(api.app.url, postHead('notices.list', body.length))
    await pause(400)
    socket.write(body)
    expect(await closed).toMatch(/^HTTP\/1\.1 200[\s\S]*"ok":true/)
  })
})

describe('the handler timeout', () => {
  // The HTTP layer alone, over a router whose answer comes when the test releases it: a call
  // that hangs (a stuck store, say) must not hold its client forever.
  const released: (() => void)[] = []
  const router: Router = {
    handle: (request) =>
      request.action === 'test.hang'
        ? new Promise((resolve) => released.push(() => resolve({ ok: true, data: 'late' })))
        : Promise.resolve({ ok: true, data: 'prompt' }),
    tick: () => Promise.reject(new Error('no timer here')),
  }
  let app: FastifyInstance
  let url: string
  let staticRoot = ''
  const errors: string[] = []

  beforeAll(async () => {
    const timeouts = { handlerMs: 600, checkIntervalMs: 100 }
    staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-h5-'))
    app = createHttpServer({ logLevel: 'silent', timeouts })
    const logger = { info: () => undefined, error: (message: string) => errors.push(message) }
    await mountRoutes(app, {
      router,
      logger,
      sessions: { read: () => null },
      staticRoot,
      timeouts,
    })
    url = await listen(app, 0, '127.0.0.1')
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(staticRoot, { recursive: true, force: true })
  })

  it('answers 503 in Chinese when the answer takes longer than handlerMs, then serves on', async () => {
    const started = Date.now()
    const res = await fetch(`${url}/api/test.hang`, { method: 'POST' })
    const waited = Date.now() - started
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '服务器繁忙，请稍后重试' },
    })
    // Not before handlerMs; by the sweep after it (every 100 ms), with room for a busy machine.
    expect(waited).toBeGreaterThanOrEqual(590)
    expect(waited).toBeLessThan(3_000)
    expect(errors).toEqual(['request timed out'])
    // The late answer goes nowhere and breaks nothing; the next call is answered at once.
    for (const release of released.splice(0)) release()
    const next = await fetch(`${url}/api/test.prompt`, { method: 'POST' })
    expect(next.status).toBe(200)
    expect(await next.json()).toEqual({ ok: true, data: 'prompt' })
    expect(errors).toEqual(['request timed out'])
  })

  it('answers a call that takes a little less than handlerMs', async () => {
    const res = fetch(`${url}/api/test.hang`, { method: 'POST' })
    await pause(350)
    for (const release of released.splice(0)) release()
    const answer = await res
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ ok: true, data: 'late' })
  })
})

describe('a graceful shutdown', () => {
  it('lets a request in flight finish, refuses new connections, then closes', async () => {
    const api = await startTestApi({ devMode: false })
    const body = JSON.stringify({ limit: 3 })
    // Half the body is sent before close(): the request is in flight.
    const { socket, closed } = rawRequest(
      api.app.url,
      postHead('notices.list', body.length) + body.slice(0, 5),
    )
    await pause(200)
    let closedAt = 0
    const closing = api.app.close().then(() => (closedAt = Date.now()))
    await pause(200)
    await expect(fetch(`${api.app.url}/api/notices.list`, { method: 'POST' })).rejects.toThrow()
    expect(closedAt).toBe(0)
    socket.write(body.slice(5))
    const received = await closed
    const answeredAt = Date.now()
    expect(received).toMatch(/^HTTP\/1\.1 200/)
    expect(received).toContain('"ok":true')
    await closing
    expect(closedAt).toBeGreaterThanOrEqual(answeredAt - 50)
    fs.rmSync(api.dataDir, { recursive: true, force: true })
  })

  // The real entry and its signal handler, over the SQLite file.
  it(
    'on SIGTERM the server finishes the request in flight and exits 0',
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-sigterm-'))
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/local/main.ts'], {
        cwd: root,
        env: { ...process.env, APP_MODE: 'production', PORT: '0', DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      try {
        let output = ''
        child.stderr.on('data', (c: Buffer) => (output += c.toString()))
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (c: Buffer) => {
            output += c.toString()
            const found = /本地服务已启动：(http:\/\/[\d.]+:\d+)/.exec(output)?.[1]
            if (found) resolve(found)
          })
          child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)))
        })
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
        const body = JSON.stringify({ limit: 3 })
        const { socket, closed } = rawRequest(url, postHead('notices.list', body.length) + '{')
        await pause(300)
        child.kill('SIGTERM')
        await pause(300)
        socket.write(body.slice(1))
        expect(await closed).toMatch(/^HTTP\/1\.1 200[\s\S]*"ok":true/)
        expect(await exited).toBe(0)
        expect(output).toContain('收到 SIGTERM')
      } finally {
        child.kill('SIGKILL')
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    },
    // Starting a process that loads the whole server takes a while on a busy machine.
    60_000,
  )
})
