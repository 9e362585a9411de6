// The notification outbox on the cloud database: a notification's `_id` is its dedupe key, so
// the same one is written once however many requests race; its own id is kept as `outboxId`.
import type { Keyset } from '../common'
import type { NotifyRepo, OutboxDelivery, OutboxRecord, OutboxView } from '../store'
import { all, GET_MAX, inBatches, isDuplicate } from './docs'
import { C, nicknames } from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

const toOutboxDoc = ({ id, dedupeKey, topic, ...rest }: OutboxRecord): Doc => ({
  _id: dedupeKey,
  outboxId: id,
  ...rest,
  topic: topic ?? null,
  delivery: null,
  attempts: 0,
  retryAt: null,
})

const deliveryOf = (d: Doc): OutboxDelivery | null => {
  const delivery = d.delivery as { outcome?: unknown; errCode?: unknown } | null | undefined
  if (!delivery || typeof delivery.outcome !== 'string') return null
  return {
    outcome: delivery.outcome as OutboxDelivery['outcome'],
    errCode: typeof delivery.errCode === 'number' ? delivery.errCode : null,
  }
}

const fromOutboxDoc = (d: Doc): OutboxRecord => ({
  id: String(d.outboxId),
  dedupeKey: String(d._id),
  event: d.event as OutboxRecord['event'],
  campaignId: d.campaignId === null || d.campaignId === undefined ? null : String(d.campaignId),
  userId: String(d.userId),
  title: String(d.title),
  body: String(d.body),
  createdAt: Number(d.createdAt),
})

export function notifyMethods(db: CloudDb): NotifyRepo {
  const _ = db.command
  return {
    async append(items) {
      await inBatches(items, 20, async (n) => {
        try {
          await db.collection(C.outbox).add({ data: toOutboxDoc(n) })
        } catch (e) {
          if (!isDuplicate(e)) throw e
        }
      })
    },
    async recipientsOf(topic) {
      const docs = await all(db.collection(C.outbox).where({ topic }).orderBy('_id', 'asc'))
      return [...new Set(docs.map((d) => String(d.userId)))].sort()
    },
    async outbox(q) {
      // Newest first by (createdAt, outboxId), as SQLite's (created_at, id) keyset.
      const after: Keyset | undefined = q.after
      const base = db.collection(C.outbox)
      const filtered = after
        ? base.where(
            _.or([
              { createdAt: _.lt(after.at) },
              { createdAt: _.eq(after.at), outboxId: _.lt(after.id) },
            ]),
          )
        : base
      const size = Math.min(q.limit, GET_MAX - 1)
      const { data } = await filtered
        .orderBy('createdAt', 'desc')
        .orderBy('outboxId', 'desc')
        .limit(size + 1)
        .get()
      const docs = data.slice(0, size)
      const rows = docs.map(fromOutboxDoc)
      const names = await nicknames(
        db,
        rows.map((r) => r.userId),
      )
      const items: OutboxView[] = []
      rows.forEach((r, i) => {
        const recipientName = names.get(r.userId)
        const delivery = deliveryOf(docs[i] as Doc)
        if (recipientName !== undefined) items.push({ ...r, recipientName, delivery })
      })
      const last = rows[rows.length - 1]
      return {
        items,
        next: data.length > size && last ? { at: last.createdAt, id: last.id } : null,
      }
    },
    async setDelivery(dedupeKey, delivery, retryAt) {
      // One conditional update (not a read-then-write transaction: four requests for each
      // recipient of a fan-out): an outcome is recorded only while none is final (none yet, or
      // a failure waiting for its retry).
      await db
        .collection(C.outbox)
        .where(_.and([{ _id: dedupeKey }, _.or([{ delivery: _.eq(null) }, { retryAt: _.gt(0) }])]))
        .update({ data: { delivery: _.set({ ...delivery }), attempts: _.inc(1), retryAt } })
    },
    async dueRedeliveries(now, limit) {
      const { data } = await db
        .collection(C.outbox)
        .where({ retryAt: _.lte(now) })
        .orderBy('retryAt', 'asc')
        .limit(Math.min(limit, GET_MAX))
        .get()
      return data.map((d) => ({ ...fromOutboxDoc(d), attempts: Number(d.attempts ?? 0) }))
    },
  }
}
