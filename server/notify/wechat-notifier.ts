// The WeChat notifier, for the `api` cloud function: every notification is first written to
// the local outbox (admins read it as 通知发件箱; its dedupe key makes a repeat a no-op), then
// sent once per recipient through `cloud.openapi.subscribeMessage.send`. Reference:
// https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage.html
// A one-time subscription allows one message per tap on 订阅; without one (or after the user
// turned the template off) the answer is errCode 43101, final. Any other failure is tried again
// by the timer (system.tick → redeliverDue) with backoff, at most MAX_ATTEMPTS times in all.
// Each attempt's outcome (sent, refused = 43101, failed, skipped = no template or no user) is
// recorded on the outbox row and in the audit log.
import { z } from 'zod'
import type { Logger } from '../logger'
import { newId } from '../shared/ids'
import { inShanghai } from '../../contract/time'
import type { OutboxRecord, Store } from '../store/store'
import { createOutboxNotifier, type Notification, type Notifier, outboxKey } from './notifier'

/** The one cloud-call method this adapter uses (wx-server-sdk types openapi as `any`). */
export interface SubscribeMessageOpenApi {
  subscribeMessage: {
    send(arg: {
      touser: string
      templateId: string
      page?: string
      data: Record<string, { value: string }>
      miniprogramState?: MiniprogramState
      lang?: 'zh_CN'
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

export type MiniprogramState = 'developer' | 'trial' | 'formal'

/** errCode: the user has no subscription left for this template (or refused it). */
export const USER_REFUSED = 43101

/** What a template field is filled with. */
const sources = ['title', 'body', 'at'] as const

/**
 * Per event: the template id chosen in the mini-program's admin console (订阅消息), its data
 * keys mapped to what fills them (`{ "thing1": "title", "time2": "at" }`), and optionally the
 * page opened from the message (`{campaignId}` is replaced).
 */
export const templateSchema = z.object({
  id: z.string().min(1),
  data: z.record(z.string().regex(/^[a-z_]+\d+$/), z.enum(sources)),
  page: z.string().min(1).optional(),
})
export const templatesSchema = z
  .object({
    votingOpened: templateSchema,
    resultsPublished: templateSchema,
    nominated: templateSchema,
    boardPublished: templateSchema,
    boardWithdrawn: templateSchema,
    activityCancelled: templateSchema,
    activityPromoted: templateSchema,
    activityReminder: templateSchema,
  })
  .partial()
  // A misspelt event name fails at start instead of silently sending nothing.
  .strict()

export type Templates = z.infer<typeof templatesSchema>

export type DeliveryOutcome = 'sent' | 'refused' | 'failed' | 'skipped'

export interface WechatNotifierOptions {
  store: Store
  openapi: SubscribeMessageOpenApi
  templates: Templates
  logger: Logger
  /** Which version of the mini-program a message opens; 'formal' by default. */
  miniprogramState?: MiniprogramState
}

/** The audit target of one delivery: the outbox row's dedupe key. */
export const deliveryTarget = (n: Pick<Notification, 'key'>, userId: OutboxRecord['userId']) =>
  `notification:${outboxKey(n, userId)}`

const SEND_CONCURRENCY = 10

/** Attempts in all for a delivery that keeps failing (not 43101): now, +5 min, +20 min, +80 min. */
export const MAX_ATTEMPTS = 4
export const RETRY_BACKOFF_MS = 5 * 60_000

type Delivery = { outcome: DeliveryOutcome; errCode: number | null }

// Pages of the resident subpackage (src/lib/routes.ts); the app redirects the paths they had
// before it existed, which messages already sent still carry.
const DEFAULT_PAGE = 'packages/resident/pages/campaign/index?id={campaignId}'
const BOARD_PAGE = 'pages/board/index'
/** An activity's messages open 我的志愿, which lists the person's activities. */
const ACTIVITY_PAGE = 'packages/resident/pages/my-volunteer/index'
const defaultPage = (n: Notification) =>
  n.event.startsWith('activity')
    ? ACTIVITY_PAGE
    : n.topic?.startsWith('board:')
      ? BOARD_PAGE
      : DEFAULT_PAGE

/** A template value within the documented limits of its key's type. */
export function fieldValue(key: string, source: (typeof sources)[number], n: Notification) {
  if (source === 'at' || key.startsWith('time') || key.startsWith('date')) {
    return inShanghai(n.at).format(key.startsWith('date') ? 'YYYY年M月D日' : 'YYYY年M月D日 HH:mm')
  }
  const text = (source === 'title' ? n.title : n.body).replace(/\s+/g, ' ').trim()
  const max = key.startsWith('phrase') ? 5 : 20
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** The errCode of a failed cloud call: a property of the SDK's error, else in its message. */
function errCodeOf(error: unknown): number | null {
  const code = (error as { errCode?: unknown } | null)?.errCode
  if (typeof code === 'number') return code
  const match = /errCode:\s*(-?\d+)/.exec(String(error))
  return match ? Number(match[1]) : null
}

export function createWechatNotifier(options: WechatNotifierOptions): Notifier {
  const { store, openapi, templates, logger } = options
  const outbox = createOutboxNotifier(store)

  async function deliver(n: Notification, userId: string): Promise<Delivery> {
    const template = templates[n.event]
    if (!template) return { outcome: 'skipped', errCode: null }
    const user = await store.users.get(userId)
    if (!user) return { outcome: 'skipped', errCode: null }
    const data: Record<string, { value: string }> = {}
    for (const [key, source] of Object.entries(template.data))
      data[key] = { value: fieldValue(key, source, n) }
    const page = (template.page ?? defaultPage(n)).replace(
      '{campaignId}',
      encodeURIComponent(n.campaignId ?? ''),
    )
    try {
      const answer = await openapi.subscribeMessage.send({
        touser: user.openid,
        templateId: template.id,
        page,
        data,
        miniprogramState: options.miniprogramState ?? 'formal',
        lang: 'zh_CN',
      })
      const code = answer.errCode ?? 0
      if (code === 0) return { outcome: 'sent', errCode: null }
      return { outcome: code === USER_REFUSED ? 'refused' : 'failed', errCode: code }
    } catch (error) {
      const code = errCodeOf(error)
      if (code !== USER_REFUSED)
        logger.error('subscribeMessage.send failed', { error: String(error) })
      return { outcome: code === USER_REFUSED ? 'refused' : 'failed', errCode: code }
    }
  }

  /** When to try a failed delivery again after `attempts` attempts, or null when done. */
  const retryAt = (d: Delivery, attempts: number, now: number) =>
    d.outcome === 'failed' && attempts < MAX_ATTEMPTS
      ? now + RETRY_BACKOFF_MS * 4 ** (attempts - 1)
      : null

  /** Delivers to each recipient, a few at a time, and records every outcome. */
  async function deliverAll(
    jobs: readonly { n: Notification; userId: string; attempts: number }[],
    now: number,
  ) {
    const requestId = newId('req')
    const results: { n: Notification; userId: string; delivery: Delivery; attempts: number }[] = []
    // A few at a time: a campaign's subscribers can be hundreds, and the function has seconds.
    for (let i = 0; i < jobs.length; i += SEND_CONCURRENCY) {
      const batch = jobs.slice(i, i + SEND_CONCURRENCY)
      const outcomes = await Promise.all(
        batch.map(({ n, userId }) =>
          // A delivery is best effort: the caller's action has succeeded whatever happens here.
          deliver(n, userId).catch((error: unknown): Delivery => {
            logger.error('notification delivery failed', { error: String(error) })
            return { outcome: 'failed', errCode: null }
          }),
        ),
      )
      batch.forEach((job, j) =>
        results.push({ ...job, attempts: job.attempts + 1, delivery: outcomes[j] as Delivery }),
      )
    }
    for (const r of results)
      await store.notify.setDelivery(
        outboxKey(r.n, r.userId),
        r.delivery,
        retryAt(r.delivery, r.attempts, now),
      )
    await store.audit.append(
      results.map((r) => ({
        requestId,
        actorId: null,
        actorRole: 'system',
        action: 'notify.deliver',
        target: deliveryTarget(r.n, r.userId),
        before: null,
        after: {
          event: r.n.event,
          outcome: r.delivery.outcome,
          errCode: r.delivery.errCode,
          attempt: r.attempts,
        },
        at: now,
      })),
    )
  }

  return {
    async send(n) {
      await outbox.send(n)
      await deliverAll(
        n.recipients.map((userId) => ({ n, userId, attempts: 0 })),
        n.at,
      )
    },
    async redeliverDue(now, limit) {
      const due = await store.notify.dueRedeliveries(now, limit)
      await deliverAll(
        due.map((row) => ({
          // The notification as it was sent: its key is the row's dedupe key less the recipient.
          n: {
            event: row.event,
            campaignId: row.campaignId,
            recipients: [row.userId],
            title: row.title,
            body: row.body,
            key: row.dedupeKey.slice(0, row.dedupeKey.length - row.userId.length - 1),
            at: row.createdAt,
          },
          userId: row.userId,
          attempts: row.attempts,
        })),
        now,
      )
      return due.length
    },
  }
}
