// The notification outbox: appended once per dedupe key, delivery outcomes and redelivery.
import type { OutboxDelivery, OutboxRecord, OutboxView, Store } from '../store'
import { num, optStr } from './campaign-rows'
import { keysetParams, pageOf, type Sql } from './sql'

export function notifyRepo({ all, prepare, tx }: Sql): Store['notify'] {
  return {
    async append(items) {
      tx(() => {
        for (const n of items)
          prepare(
            `INSERT OR IGNORE INTO notify_outbox (id, dedupe_key, event, campaign_id, topic, user_id, title, body, created_at)
             VALUES (@id, @dedupeKey, @event, @campaignId, @topic, @userId, @title, @body, @createdAt)`,
          ).run({ ...n, topic: n.topic ?? null })
      })
    },
    async recipientsOf(topic) {
      return all(
        'SELECT DISTINCT user_id FROM notify_outbox WHERE topic = @topic ORDER BY user_id',
        { topic },
      ).map((r) => String(r.user_id))
    },
    async outbox(q) {
      const rows = all(
        `SELECT o.*, u.nickname AS recipient_name FROM notify_outbox o JOIN users u ON u.id = o.user_id
         WHERE (@afterAt IS NULL OR o.created_at < @afterAt
                OR (o.created_at = @afterAt AND o.id < @afterId))
         ORDER BY o.created_at DESC, o.id DESC LIMIT @take`,
        keysetParams(q.after, q.limit),
      )
      return pageOf(
        rows.map((r): OutboxView => ({
          id: String(r.id),
          dedupeKey: String(r.dedupe_key),
          event: r.event as OutboxView['event'],
          campaignId: optStr(r.campaign_id),
          userId: String(r.user_id),
          title: String(r.title),
          body: String(r.body),
          createdAt: num(r.created_at),
          recipientName: String(r.recipient_name),
          delivery:
            r.delivery === null
              ? null
              : {
                  outcome: r.delivery as OutboxDelivery['outcome'],
                  errCode: r.delivery_code === null ? null : num(r.delivery_code),
                },
        })),
        q.limit,
        (o) => ({ at: o.createdAt, id: o.id }),
      )
    },
    async setDelivery(dedupeKey, delivery, retryAt) {
      prepare(
        `UPDATE notify_outbox SET delivery = @outcome, delivery_code = @errCode,
           attempts = attempts + 1, retry_at = @retryAt
         WHERE dedupe_key = @dedupeKey AND (delivery IS NULL OR retry_at IS NOT NULL)`,
      ).run({ dedupeKey, ...delivery, retryAt })
    },
    async dueRedeliveries(now, limit) {
      return all(
        `SELECT * FROM notify_outbox WHERE retry_at IS NOT NULL AND retry_at <= @now
         ORDER BY retry_at, id LIMIT @limit`,
        { now, limit },
      ).map((r) => ({
        id: String(r.id),
        dedupeKey: String(r.dedupe_key),
        event: r.event as OutboxRecord['event'],
        campaignId: optStr(r.campaign_id),
        userId: String(r.user_id),
        title: String(r.title),
        body: String(r.body),
        createdAt: num(r.created_at),
        attempts: num(r.attempts),
      }))
    },
  }
}
