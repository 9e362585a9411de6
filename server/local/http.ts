// The local server: POST /api/<action> into the router, everything else from dist-h5.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { httpStatusOf, type Envelope } from '../../contract/envelope'
import type { Logger } from '../logger'
import { newId } from '../shared/ids'
import type { Router } from '../router'
import { serveMedia, serveStatic } from './static'
import type { Sessions } from './token'

// A roster file travels base64 inside the JSON body (contract: up to 4,000,000 characters).
const MAX_BODY_BYTES = 5_000_000

export interface HttpOptions {
  router: Router
  /** Verifies bearer tokens (signature, expiry, mode, session version). */
  sessions: Pick<Sessions, 'verify'>
  staticRoot: string
  /** The folder uploaded files are kept in, served at /media/. */
  mediaRoot?: string
  logger: Logger
}

function send(res: http.ServerResponse, envelope: Envelope<unknown>, requestId: string) {
  const status = envelope.ok ? 200 : httpStatusOf[envelope.error.code]
  const retryAfter = envelope.ok ? undefined : envelope.error.details?.retryAfterSeconds
  res.writeHead(status, {
    ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}),
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-request-id': requestId,
  })
  res.end(JSON.stringify(envelope))
}

const fail = (code: 'BAD_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED', message: string) =>
  ({ ok: false, error: { code, message } }) as const

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function handleApi(
  options: HttpOptions,
  action: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const requestId = newId('req')
  if (req.method !== 'POST') return send(res, fail('NOT_FOUND', '接口只接受 POST 请求'), requestId)

  const raw = await readBody(req)
  if (raw === null) {
    // The rest of the body is never read: close the connection so it cannot be reused.
    res.setHeader('connection', 'close')
    res.on('finish', () => req.destroy())
    return send(res, fail('BAD_INPUT', '提交的内容过大'), requestId)
  }
  let input: unknown = {}
  if (raw.trim() !== '') {
    try {
      input = JSON.parse(raw)
    } catch {
      return send(res, fail('BAD_INPUT', '提交的内容不是有效的 JSON'), requestId)
    }
  }

  // Identity comes from the signed token only, never from the body.
  let openid: string | null = null
  const auth = req.headers.authorization
  if (auth) {
    const token = /^Bearer (.+)$/.exec(auth)?.[1]
    openid = token ? await options.sessions.verify(token) : null
    if (!openid) return send(res, fail('UNAUTHENTICATED', '登录已过期，请重新登录'), requestId)
  }
  // A write's retry carries the key of its first attempt (IETF httpapi Idempotency-Key).
  const key = req.headers['idempotency-key']
  send(
    res,
    await options.router.handle({
      action,
      input,
      openid,
      requestId,
      key: typeof key === 'string' ? key : undefined,
      ip: req.socket.remoteAddress,
    }),
    requestId,
  )
}

export function createHttpServer(options: HttpOptions): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const api = /^\/api\/([^/]+)$/.exec(url.pathname)
    if (!api) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end()
        return
      }
      if (url.pathname.startsWith('/media/')) {
        if (options.mediaRoot) serveMedia(options.mediaRoot, url.pathname.slice(7), res)
        else res.writeHead(404).end()
        return
      }
      serveStatic(options.staticRoot, url.pathname, res)
      return
    }
    handleApi(options, api[1] ?? '', req, res).catch((error: unknown) => {
      options.logger.error('http handler failed', { error: String(error) })
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '服务器开小差了' } }))
    })
  })
}

/** Listens and resolves with the address actually bound (port 0 picks a free one). */
export function listen(server: http.Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo
      resolve(`http://${host}:${bound}`)
    })
  })
}
