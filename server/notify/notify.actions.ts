import type { HandlersFor } from '../context'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'

export const notifyHandlers: HandlersFor<'notify.outbox'> = {
  async 'notify.outbox'(ctx, input) {
    const page = await ctx.store.notify.outbox({
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((o) => ({
        id: o.id,
        event: o.event,
        campaignId: o.campaignId,
        recipientName: o.recipientName,
        title: o.title,
        body: o.body,
        createdAt: toIso(o.createdAt),
        delivery: o.delivery,
      })),
      nextCursor: encodeCursor(page.next),
    }
  },
}
