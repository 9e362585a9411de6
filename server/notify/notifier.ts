// Notifications to residents (评选: voting opens, results are published, a household is
// nominated). One interface, two adapters: the local one here writes an outbox table that
// admins can read; the WeChat one (with the WeChat issue) calls subscribeMessage.send.
import type { OutboxRecord, Store } from '../store/store'
import { newId } from '../shared/ids'

export interface Notification {
  event: OutboxRecord['event']
  campaignId: string | null
  /** What else it is about, to find its recipients again (OutboxRecord.topic). */
  topic?: string | null
  /** User ids. */
  recipients: readonly string[]
  title: string
  body: string
  /** The same key and recipient are delivered once, however often this is sent. */
  key: string
  at: number
}

export interface Notifier {
  send(notification: Notification): Promise<void>
  /**
   * Tries again the deliveries that failed and are due at `now` (the timer calls it), at most
   * `limit`; answers how many it tried. Only a notifier that delivers somewhere has it.
   */
  redeliverDue?(now: number, limit: number): Promise<number>
}

/** The outbox row of one recipient of a notification: written (and delivered) once. */
export const outboxKey = (n: Pick<Notification, 'key'>, userId: string) => `${n.key}|${userId}`

/** The local adapter: one outbox row per recipient, deduplicated by key. */
export function createOutboxNotifier(store: Store): Notifier {
  return {
    async send(n) {
      await store.notify.append(
        n.recipients.map((userId) => ({
          id: newId('ntf'),
          dedupeKey: outboxKey(n, userId),
          event: n.event,
          campaignId: n.campaignId,
          topic: n.topic ?? null,
          userId,
          title: n.title,
          body: n.body,
          createdAt: n.at,
        })),
      )
    },
  }
}
