// The notification outbox on the cloud database: a notification's `_id` is its dedupe key, so
// the same one is written once however many requests race; its own id is kept as `outboxId`.
import type { Keyset } from '../common'
import type { NotifyRepo, OutboxRecord, OutboxView } from '../store'
import { GET_MAX, inBatches, isDuplicate } from './docs'
import { C, nicknames } from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

const toOutboxDoc = ({ id, dedupeKey, ...rest }: OutboxRecord): Doc => ({
  _id: dedupeKey,
  outboxId: id,
  ...rest,
})

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
      const rows = data.slice(0, size).map(fromOutboxDoc)
      const names = await nicknames(
        db,
        rows.map((r) => r.userId),
      )
      const items: OutboxView[] = []
      for (const r of rows) {
        const recipientName = names.get(r.userId)
        if (recipientName !== undefined) items.push({ ...r, recipientName })
      }
      const last = rows[rows.length - 1]
      return {
        items,
        next: data.length > size && last ? { at: last.createdAt, id: last.id } : null,
      }
    },
  }
}
