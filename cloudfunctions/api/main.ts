// The `api` cloud function: every call from the mini-program (`Taro.cloud.callFunction({ name:
// 'api', data: { action, input } })`, src/lib/api-client.ts) lands here and goes through the
// same router as the local server. Bundled by `npm run build:functions` into index.js.
import type { Envelope } from '../../contract'
import {
  createWechatContentChecker,
  type SecurityOpenApi,
} from '../../server/content/wechat-checker'
import { inTurn } from '../../server/content/content-check'
import { createLocalContentChecker } from '../../server/content/local-checker'
import { internalError } from '../../server/errors'
import { createLogger } from '../../server/logger'
import { createCloudMediaStorage, type WxCloudStorage } from '../../server/media/cloud-storage'
import { handleMediaCheckEvent } from '../../server/media/media-check-event'
import {
  createWechatNotifier,
  type SubscribeMessageOpenApi,
} from '../../server/notify/wechat-notifier'
import { createRouter, type Router } from '../../server/router'
import type { Store } from '../../server/store/store'
import { newId } from '../../server/shared/ids'
import { createCloudStore } from '../../server/store/cloud/cloud-store'
import { migrateInspectionDocs } from '../../server/store/cloud/inspection-items'
import type { CloudDb } from '../../server/store/cloud/sdk'
import { loadFunctionConfig } from './config'

/**
 * The part of wx-server-sdk this function uses. The SDK's own index.d.ts types `init({ env })`
 * as a string only (DYNAMIC_CURRENT_ENV is a symbol), lacks `throwOnNotFound`, and types
 * `openapi` as `any`; this names exactly what we rely on.
 */
interface WxCloud extends WxCloudStorage {
  DYNAMIC_CURRENT_ENV: symbol
  init(options: { env: string | symbol }): void
  /** SOURCE says who invoked the function: a client (wx_client…) or the platform's push. */
  getWXContext(): { OPENID?: string; SOURCE?: string; ENV?: string }
  database(options: { throwOnNotFound: boolean }): CloudDb
  openapi: SecurityOpenApi & SubscribeMessageOpenApi
}

/** What the platform passes: the client's `data`, plus fields it adds (`userInfo`, …). */
type CloudEvent =
  { action?: unknown; input?: unknown; requestKey?: unknown; Type?: unknown } | null | undefined

/** What a timer trigger passes: `{ Type: 'Timer', TriggerName, Time, Message }`. */
const isTimerEvent = (event: CloudEvent) => event?.Type === 'Timer'

// A plain require of the external package: exactly its module object, as the SDK expects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk') as WxCloud

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

const logger = createLogger()

/** The caller as WeChat identified them for this invocation; '' when nobody (a console test). */
const callerOpenid = () => cloud.getWXContext().OPENID || null

function createApi(): { router: Router; store: Store } {
  const config = loadFunctionConfig()
  const store = createCloudStore(cloud.database({ throwOnNotFound: false }))
  const router = createRouter({
    store,
    devMode: false,
    adminOpenids: config.adminOpenids,
    logger,
    content: inTurn(
      createLocalContentChecker(store),
      createWechatContentChecker({ openapi: cloud.openapi, callerOpenid, logger }),
    ),
    notifier: createWechatNotifier({
      store,
      openapi: cloud.openapi,
      templates: config.templates,
      miniprogramState: config.miniprogramState,
      logger,
    }),
    media: createCloudMediaStorage(cloud),
  })
  return { router, store }
}

/** Whether this instance has run the inspection documents' migration. */
let itemsMigrated = false

// Built once per instance; a configuration error is logged and every call answers INTERNAL.
let api: { router: Router; store: Store } | null = null
try {
  api = createApi()
} catch (error) {
  logger.error('api function failed to start', { error: String(error) })
}

export async function main(
  event: CloudEvent,
  context: unknown,
): Promise<Envelope<unknown> | 'success'> {
  const requestIdOf = (context as { request_id?: unknown } | null)?.request_id
  // The platform's request id, so an INTERNAL answer's 编号 finds the function's log line.
  const requestId = typeof requestIdOf === 'string' && requestIdOf ? requestIdOf : newId('req')
  try {
    if (!api) return internalError(requestId)
    // mediaCheckAsync's verdict arrives as a message push (Event 'wxa_media_check'), not as an
    // { action } call. The handler ignores it when SOURCE is a client's: a phone could send the
    // same shape through callFunction.
    const { SOURCE, OPENID } = cloud.getWXContext()
    if (await handleMediaCheckEvent({ store: api.store, source: SOURCE, logger }, event))
      return 'success'
    // The timer trigger (config.json, every 5 minutes) runs system.tick. A client's call always
    // carries its OPENID, so a phone sending the same shape is an ordinary (unknown) call.
    if (isTimerEvent(event) && !OPENID) {
      // Once per instance: inspection documents stored before items kept what was entered are
      // rewritten (reads already see them as entered; this makes it permanent).
      if (!itemsMigrated) {
        const report = await migrateInspectionDocs(cloud.database({ throwOnNotFound: false }))
        itemsMigrated = true
        if (report.rewritten > 0) logger.info('inspection items migrated', { ...report })
      }
      logger.info('tick', { ...(await api.router.tick()) })
      return 'success'
    }
    // Identity comes from WeChat's context only: `openid`, `userInfo` or anything else
    // identity-like inside the event is the client's word and is never read.
    return await api.router.handle({
      action: typeof event?.action === 'string' ? event.action : '',
      input: event?.input ?? {},
      openid: callerOpenid(),
      requestId,
      // The client's key for a write, reused by its retries (src/lib/api-client.ts).
      key: typeof event?.requestKey === 'string' ? event.requestKey : undefined,
    })
  } catch (error) {
    logger.error('api function failed', { error: String(error) })
    return internalError(requestId)
  }
}
