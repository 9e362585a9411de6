// A local CloudBase emulator: an HTTP server speaking the tcb API that the real wx-server-sdk
// (through @cloudbase/node-sdk) sends once TCB_CONTEXT_CNFG points it here (see README.md and
// ./sdk.ts). A test tool: nothing in server/ or cloudfunctions/ may import it (eslint).
//
// Routes:
//   POST /admin?env=…&seqId=…  every SDK call: JSON { action, envName, … } (database.*, storage.*)
//                              or multipart form data (wx.openApi)
//   PUT  /cos/<fileID>?sign=…  the upload the SDK makes to the URL storage.getUploadMetadata gave
//   GET  /files/<sign>/<name>  a temp URL from storage.batchGetDownloadUrl (Range honoured)
//   POST /tcb/updateindex      indexes, in the body shape of WeChat's HTTP API of that name
//                              (what the console does; wx-server-sdk has no call for it)
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudDatabase, type DbParams, TcbApiError } from './database'
import { parseMultipart } from './multipart'
import { OpenApi } from './openapi'
import { CloudStorage } from './storage'

export interface EmulatorOptions {
  /** Milliseconds each SDK call waits before it is served (0: none), to spread interleavings. */
  latencyMs?: number
}

export interface Emulator {
  url: string
  /** The environment's database, created empty (no collections) on first use. */
  database(env: string): CloudDatabase
  storage: CloudStorage
  openapi: OpenApi
  /** How often each action was called (database actions split by DOC / WHERE and transaction). */
  actionCounts(): Map<string, number>
  close(): Promise<void>
}

/** The counting key of one call: `database.getDocument DOC (tx)` and the like. */
function countKey(action: string, p: Record<string, unknown>): string {
  if (!action.startsWith('database.'))
    return action === 'wx.openApi' ? `wx.openApi ${String(p.apiName)}` : action
  const type = typeof p.queryType === 'string' ? ` ${p.queryType}` : ''
  return `${action}${type}${p.transactionId ? ' (in transaction)' : ''}`
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const databases = new Map<string, CloudDatabase>()
  const counts = new Map<string, number>()
  const openapi = new OpenApi()
  let url = ''
  const storage = new CloudStorage(() => url)
  const database = (env: string) => {
    let db = databases.get(env)
    if (!db) databases.set(env, (db = new CloudDatabase(env)))
    return db
  }

  async function tcbApi(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) {
    const requestId = randomBytes(8).toString('hex')
    const type = req.headers['content-type'] ?? ''
    let params: Record<string, unknown>
    let fields: Map<string, Buffer> | null = null
    if (type.startsWith('multipart/form-data')) {
      fields = parseMultipart(body, type)
      params = Object.fromEntries([...fields].map(([k, v]) => [k, v.toString('utf8')]))
    } else params = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
    const action = String(params.action ?? '')
    const env = String(params.envName ?? '')
    const key = countKey(action, params)
    counts.set(key, (counts.get(key) ?? 0) + 1)
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
    try {
      if (action === 'wx.openApi') {
        const answer = await openapi.handle(
          String(params.apiName),
          fields?.get('requestData') ?? Buffer.alloc(0),
          env,
        )
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        res.end(answer)
        return
      }
      let result: Record<string, unknown>
      if (action.startsWith('database.')) result = database(env).handle(action, params as DbParams)
      else if (action.startsWith('storage.')) result = storage.handle(action, env, params)
      else throw new TcbApiError('INVALID_PARAM', `the emulator does not know ${action}`)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ requestId, ...result }))
    } catch (e) {
      if (!(e instanceof TcbApiError)) throw e
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: e.code, message: e.message, requestId }))
    }
  }

  function download(req: http.IncomingMessage, res: http.ServerResponse, sign: string) {
    const bytes = storage.download(sign)
    if (!bytes) {
      res.writeHead(404, { 'content-type': 'application/xml' })
      res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>')
      return
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (range) {
      const start = Number(range[1])
      const end = Math.min(bytes.length - 1, range[2] ? Number(range[2]) : bytes.length - 1)
      res.writeHead(206, {
        'content-range': `bytes ${start}-${end}/${bytes.length}`,
        'content-length': String(end - start + 1),
      })
      res.end(bytes.subarray(start, end + 1))
      return
    }
    res.writeHead(200, { 'content-length': String(bytes.length) })
    res.end(bytes)
  }

  function updateIndex(body: Buffer, res: http.ServerResponse) {
    const req = JSON.parse(body.toString('utf8')) as {
      env: string
      collection_name: string
      create_indexes?: { name: string; unique: boolean; keys: { name: string }[] }[]
    }
    const db = database(req.env)
    for (const index of req.create_indexes ?? [])
      db.createIndex(req.collection_name, {
        name: index.name,
        unique: index.unique,
        fields: index.keys.map((k) => k.name),
      })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }))
  }

  const server = http.createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const { pathname, searchParams } = new URL(req.url ?? '/', 'http://emulator')
        if (req.method === 'POST' && pathname === '/admin') return tcbApi(req, body, res)
        if (req.method === 'PUT' && pathname.startsWith('/cos/')) {
          const fileId = decodeURIComponent(pathname.slice('/cos/'.length))
          const ok = storage.upload(fileId, searchParams.get('sign') ?? '', body)
          res.writeHead(ok ? 200 : 403)
          res.end(ok ? '' : '<Error><Code>AccessDenied</Code><Message>bad sign</Message></Error>')
          return
        }
        if (req.method === 'GET' && pathname.startsWith('/files/'))
          return download(req, res, pathname.split('/')[2] ?? '')
        if (req.method === 'POST' && pathname === '/tcb/updateindex') return updateIndex(body, res)
        res.writeHead(404)
        res.end()
      })
      .catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(e instanceof Error ? e.stack : e))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  // A test worker ends when its tests do, whether or not the emulator was closed.
  server.unref()
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    database,
    storage,
    openapi,
    actionCounts: () => new Map(counts),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
