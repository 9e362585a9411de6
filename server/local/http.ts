// The local server on Fastify: POST /api/<action> into the router, /media/<file> from the
// upload folder, everything else from the built H5 app (dist-h5), whose .br and .gz copies
// (written at build time, scripts/h5-compress.ts) are chosen by the request's Accept-Encoding.
import fs from 'node:fs'
import path from 'node:path'
import fastifyHelmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify'
import { httpStatusOf, type Envelope } from '../../contract/envelope'
import type { Logger } from '../logger'
import { mediaNamePattern } from '../media/media.rules'
import type { Router } from '../router'
import { newId } from '../shared/ids'
import { contentSecurityPolicy, isHashedAsset } from './static'
import type { Sessions } from './token'

// A roster file travels base64 inside the JSON body (contract: up to 4,000,000 characters).
export const MAX_BODY_BYTES = 5_000_000

/** How long the server waits for each part of a request (ms). */
export interface HttpTimeouts {
  /** Receiving a whole request, headers and body (Node's requestTimeout): 408 after it. */
  requestMs: number
  /** Receiving the headers (Node's headersTimeout). */
  headersMs: number
  /**
   * From routing an API call to its answer: 503 with a Chinese message after it. Checked every
   * `checkIntervalMs` by one sweep over the calls in flight (Fastify's own handlerTimeout costs
   * an AbortController, a timer and listeners per request; nothing else needs them).
   */
  handlerMs: number
  /** An idle keep-alive connection is closed after it. */
  keepAliveMs: number
  /** How often Node checks the request and header timeouts, and the API sweeps its calls. */
  checkIntervalMs: number
}

// A 5 MB roster at 1.6 Mbps takes about 25 s to arrive; importing it takes a few seconds.
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  requestMs: 120_000,
  headersMs: 30_000,
  handlerMs: 60_000,
  keepAliveMs: 72_000,
  checkIntervalMs: 5_000,
}

export interface HttpOptions {
  /** Verifies bearer tokens (signature, expiry, mode, session version). */
  sessions: Pick<Sessions, 'read'>
  staticRoot: string
  /** The folder uploaded files are kept in, served at /media/. */
  mediaRoot?: string
  /** Fastify's own logger (pino, JSON lines on stderr); 'silent' turns it off. */
  logLevel?: string
  timeouts?: Partial<HttpTimeouts>
}

/** The router's logger on top of Fastify's pino logger. */
export function loggerOf(log: FastifyBaseLogger): Logger {
  return {
    info: (message, fields) => log.info(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
  }
}

type Failure = {
  ok: false
  error: { code: 'BAD_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'INTERNAL'; message: string }
}

const fail = (code: Failure['error']['code'], message: string): Failure => ({
  ok: false,
  error: { code, message },
})

function send(reply: FastifyReply, envelope: Envelope<unknown>, status?: number) {
  const retryAfter = envelope.ok ? undefined : envelope.error.details?.retryAfterSeconds
  if (retryAfter) reply.header('retry-after', String(retryAfter))
  return reply
    .code(status ?? (envelope.ok ? 200 : httpStatusOf[envelope.error.code]))
    .header('content-type', 'application/json; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(envelope))
}

const isApi = (url: string) => url.startsWith('/api/')

/**
 * The Fastify instance with its logger and timeouts, before any route: the caller builds the
 * router on its logger, then mounts it with `mountRoutes`.
 */
export function createHttpServer(
  options: Pick<HttpOptions, 'logLevel' | 'timeouts'>,
): FastifyInstance {
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  return Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      // stdout is for people (the address, the demo accounts); the log goes to stderr.
      stream: process.stderr,
    },
    // One log line per failure, not two per request.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newId('req'),
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    http: { headersTimeout: t.headersMs, connectionsCheckingInterval: t.checkIntervalMs },
    // The local server can sit behind nothing or a reverse proxy; the router reads the socket's IP.
    trustProxy: false,
  })
}

export interface Mounted {
  router: Router
  logger: Logger
}

const busy = () => fail('INTERNAL', '服务器繁忙，请稍后重试')

/**
 * The API's handler timeout: the calls in flight with when each started, swept on an interval.
 * A call still unanswered after `handlerMs` gets 503 at the next sweep (so after handlerMs to
 * handlerMs + intervalMs); its late answer is dropped.
 */
function handlerDeadlines(
  app: FastifyInstance,
  logger: Logger,
  handlerMs: number,
  intervalMs: number,
) {
  const inFlight = new Map<FastifyReply, number>()
  const timer = setInterval(() => {
    const now = Date.now()
    for (const [reply, started] of inFlight) {
      // Entries are in start order: the first one still in time ends the sweep.
      if (now - started < handlerMs) break
      inFlight.delete(reply)
      if (reply.sent) continue
      logger.error('request timed out', { url: reply.request.url, requestId: reply.request.id })
      send(reply, busy(), 503)
    }
  }, intervalMs)
  timer.unref()
  app.addHook('onClose', (_instance, done) => {
    clearInterval(timer)
    done()
  })
  return {
    start: (reply: FastifyReply) => inFlight.set(reply, Date.now()),
    /** Whether the call may still answer (it has not been answered 503). */
    end: (reply: FastifyReply) => inFlight.delete(reply) && !reply.sent,
  }
}

/** Routes: the API, the media folder, the H5 app and its fallback to index.html. */
export async function mountRoutes(
  app: FastifyInstance,
  options: HttpOptions & Mounted,
): Promise<void> {
  const { router, logger, sessions } = options
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const deadlines = handlerDeadlines(app, logger, t.handlerMs, t.checkIntervalMs)

  // Helmet's headers (the Content-Security-Policy, frame and referrer rules …) are for what a
  // browser renders or runs: the H5 app's pages and assets, and uploaded files. They are
  // registered in those scopes only; the API answers JSON that nothing renders, with nosniff
  // and no-store of its own (send), and saves helmet's work on every call.
  const helmet = (scope: FastifyInstance) =>
    scope.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: contentSecurityPolicy(options.staticRoot),
      },
      // Plain http on a village LAN: never ask the browser to upgrade or pin https.
      strictTransportSecurity: false,
    })

  // The API reads every body as text whatever its content type, and parses JSON itself, so
  // an empty body is an empty input and a bad one gets a Chinese answer in the envelope.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))

  // A callback hook: no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    done(null, payload)
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // The rest of the body is never read: close the connection so it cannot be reused.
      reply.header('connection', 'close')
      return send(reply, fail('BAD_INPUT', '提交的内容过大'))
    }
    const status = error.statusCode ?? 500
    if (status >= 500)
      logger.error('http handler failed', { error: String(error), requestId: request.id })
    if (isApi(request.url)) {
      return status >= 500
        ? send(reply, fail('INTERNAL', '服务器开小差了'))
        : send(reply, fail('BAD_INPUT', '请求有误'), status)
    }
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(status >= 500 ? '服务器开小差了' : '无法访问这个地址')
  })

  app.post<{ Params: { action: string }; Body: string | undefined }>(
    '/api/:action',
    async (request, reply) => {
      const raw = request.body ?? ''
      let input: unknown = {}
      if (raw.trim() !== '') {
        try {
          input = JSON.parse(raw)
        } catch {
          return send(reply, fail('BAD_INPUT', '提交的内容不是有效的 JSON'))
        }
      }
      // Identity comes from the signed token only, never from the body. The router checks its
      // session version against the user's in the call's own unit (no read of its own here).
      let session: { openid: string; version: number } | null = null
      const auth = request.headers.authorization
      if (auth) {
        const token = /^Bearer (.+)$/.exec(auth)?.[1]
        session = token ? sessions.read(token) : null
        if (!session) return send(reply, fail('UNAUTHENTICATED', '登录已过期，请重新登录'))
      }
      // A write's retry carries the key of its first attempt (IETF httpapi Idempotency-Key).
      const key = request.headers['idempotency-key']
      deadlines.start(reply)
      const envelope = await router
        .handle({
          action: request.params.action,
          input,
          openid: session?.openid ?? null,
          session: session?.version,
          requestId: request.id,
          key: typeof key === 'string' ? key : undefined,
          ip: request.socket.remoteAddress,
        })
        .catch((error: unknown) => {
          deadlines.end(reply)
          throw error
        })
      // Answered 503 by the sweep meanwhile: this late answer has nowhere to go.
      return deadlines.end(reply) ? send(reply, envelope) : reply
    },
  )

  // Uploaded files: only a plain `<id>.<ext>` name is looked up, so no path (encoded or not)
  // can reach outside the folder. Names are random and files never change: cached for a year.
  // In a scope of its own: its sendFile has no pre-compressed siblings to look for.
  await app.register(async (scope) => {
    await helmet(scope)
    const mediaRoot = options.mediaRoot
    if (mediaRoot) {
      await scope.register(fastifyStatic, {
        root: mediaRoot,
        serve: false,
        suppressWarning: true,
        cacheControl: false,
      })
    }
    scope.get<{ Params: { name: string } }>('/media/:name', (request, reply) => {
      const name = request.params.name
      if (!mediaRoot || !mediaNamePattern.test(name)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('文件不存在')
      }
      reply.header('cache-control', 'public, max-age=31536000, immutable')
      return reply.sendFile(name)
    })
  })

  // Browsers ask for it by themselves; the app has none (a 404 would be a console error).
  app.get('/favicon.ico', (_request, reply) =>
    reply.code(204).header('cache-control', 'public, max-age=86400').send(),
  )

  // The H5 app. Hashed assets are cached for a year; index.html is revalidated every time
  // (ETag → 304), so a new build reaches phones on their next visit.
  await app.register(async (scope) => {
    await helmet(scope)
    await scope.register(fastifyStatic, {
      root: options.staticRoot,
      preCompressed: true,
      suppressWarning: true,
      cacheControl: false,
      index: ['index.html'],
      setHeaders(res, file) {
        res.header(
          'cache-control',
          isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })

    // Any other path is a page of the app (and a file the phone asked for that is gone).
    scope.setNotFoundHandler((request, reply) => {
      if (isApi(request.url)) {
        const message = request.method === 'POST' ? '没有这个接口' : '接口只接受 POST 请求'
        return send(reply, fail('NOT_FOUND', message))
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return reply.code(405).send()
      // A file that is not there (an old chunk, favicon.ico): 404, not the app's page.
      if (
        request.url.startsWith('/media/') ||
        /\.[A-Za-z0-9]+$/.test(request.url.split('?')[0] ?? '')
      ) {
        return reply.code(404).type('text/plain; charset=utf-8').send('文件不存在')
      }
      return sendIndex(reply, options.staticRoot)
    })
  })
}

function sendIndex(reply: FastifyReply, root: string) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    return reply
      .code(503)
      .type('text/plain; charset=utf-8')
      .send('H5 页面尚未构建，请先运行 npm run build:h5')
  }
  // A page of the app, not a missing file: 200 (or 304 when the phone has this index.html).
  return reply.code(200).sendFile('index.html', root)
}

/** Listens and resolves with the address actually bound (port 0 picks a free one). */
export async function listen(app: FastifyInstance, port: number, host: string): Promise<string> {
  await app.listen({ port, host })
  const address = app.server.address()
  const bound = typeof address === 'object' && address ? address.port : port
  return `http://${host}:${bound}`
}
