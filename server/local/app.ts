// Composes the local server: data directory, SQLite store, demo seed, router, HTTP (Fastify).
import fs from 'node:fs'
import path from 'node:path'
import { clockFrom } from '../clock'
import type { Config } from '../config'
import { createLocalContentChecker } from '../content/local-checker'
import type { Logger } from '../logger'
import { createLocalMediaStorage, MEDIA_DIR } from '../media/local-disk'
import { createRouter } from '../router'
import type { TickReport } from '../system/tick'
import { issueSetupCode } from '../people/setup-code'
import { seedIfEmpty } from '../seed/seed'
import { backfillDoorplates } from '../doorplate/backfill'
import { createSqliteStore } from '../store/sqlite/sqlite-store'
import type { Store } from '../store/store'
import { createHttpServer, listen, loggerOf, mountRoutes, type HttpTimeouts } from './http'
import { createSessions, loadSecret } from './token'

export interface LocalApp {
  url: string
  store: Store
  /** True when this start created the demo data. */
  seeded: boolean
  /** The one-time code to claim the first admin, while the installation has none. */
  setupCode: string | null
  /** Runs what the clock causes now (the interval does it every 5 minutes). */
  tick(): Promise<TickReport>
  /**
   * Stops taking connections, lets the requests in flight finish (for at most
   * `closeGraceMs`, then cuts them), and closes the database.
   */
  close(): Promise<void>
}

/** How often the local server does what the clock causes, like the cloud's timer trigger. */
export const TICK_INTERVAL_MS = 5 * 60_000

export const DATABASE_FILE = 'hemei.sqlite'

export async function startLocalApp(
  config: Config,
  options: {
    clock?: () => number
    /** Where the server's log goes; by default Fastify's logger (pino, JSON on stderr). */
    logger?: Logger
    /** The level of Fastify's logger ('silent' in tests); off when `logger` is given. */
    logLevel?: string
    timeouts?: Partial<HttpTimeouts>
    /** How long close() waits for requests in flight before cutting them (default 10 s). */
    closeGraceMs?: number
    staticRoot?: string
    /** A store to serve instead of the SQLite file in dataDir (tests of the cloud adapter). */
    store?: Store
    /** Rate limits; on unless turned off (a benchmark's baseline). */
    rateLimits?: boolean
    /**
     * The timer that ticks every TICK_INTERVAL_MS; on unless turned off. Tests tick explicitly
     * (LocalApp.tick): a file that runs longer than the interval must not see a tick land
     * between a call and the check of what it wrote.
     */
    ticker?: boolean
  } = {},
): Promise<LocalApp> {
  const clock = options.clock ?? clockFrom(config.clockStart)
  const http = createHttpServer({
    logLevel: options.logger ? 'silent' : options.logLevel,
    timeouts: options.timeouts,
  })
  const logger = options.logger ?? loggerOf(http.log)
  fs.mkdirSync(config.dataDir, { recursive: true })
  // First: a session secret that is not what this server wrote stops the start before any data is touched.
  const secret = loadSecret(config.dataDir)
  const store =
    options.store ??
    createSqliteStore(path.join(config.dataDir, DATABASE_FILE), { checkpointer: true })
  const mediaRoot = path.join(config.dataDir, MEDIA_DIR)
  const seeded = config.devMode
    ? await seedIfEmpty(store, clock(), createLocalMediaStorage(mediaRoot))
    : false
  // Every household has its doorplate before the first request (the timer finds later ones).
  await backfillDoorplates(store, clock())
  const setupCode = config.adminOpenids.length > 0 ? null : await issueSetupCode(store)
  const sessions = createSessions({
    secret,
    mode: config.devMode ? 'dev' : 'production',
    clock,
    // For signing (dev login, inside the call's unit, which it joins) and Sessions.verify; a
    // call's own token is checked by the router in its unit (ApiRequest.session). In a unit,
    // like every store call: on SQLite it must not run inside another request's transaction.
    sessionVersion: (openid) => store.unitOfWork(() => store.users.sessionVersion(openid), 'read'),
  })
  const router = createRouter({
    store,
    devMode: config.devMode,
    adminOpenids: config.adminOpenids,
    clock,
    logger,
    rateLimits: options.rateLimits,
    content: createLocalContentChecker(store),
    media: createLocalMediaStorage(mediaRoot),
    // Tokens exist only for the dev login; a production self-host would add its own login.
    issueToken: config.devMode ? (openid) => sessions.issue(openid) : undefined,
  })
  await mountRoutes(http, {
    router,
    logger,
    sessions,
    mediaRoot,
    timeouts: options.timeouts,
    staticRoot: options.staticRoot ?? path.resolve(__dirname, '../../dist-h5'),
  })
  const url = await listen(http, config.port, config.host)
  const ticker =
    options.ticker === false
      ? undefined
      : setInterval(() => {
          router
            .tick()
            .catch((error: unknown) => logger.error('tick failed', { error: String(error) }))
        }, TICK_INTERVAL_MS)
  ticker?.unref()
  return {
    url,
    store,
    seeded,
    setupCode,
    tick: () => router.tick(),
    async close() {
      clearInterval(ticker)
      // Fastify stops accepting, closes idle keep-alive connections and waits for the requests
      // in flight; one that hangs longer than the grace is cut so the database can close.
      const grace = setTimeout(
        () => http.server.closeAllConnections(),
        options.closeGraceMs ?? 10_000,
      )
      try {
        await http.close()
      } finally {
        clearTimeout(grace)
      }
      await store.close()
    },
  }
}
