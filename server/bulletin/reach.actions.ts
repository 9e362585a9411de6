import { signedInCaller, type HandlersFor } from '../context'
import { notFound } from '../errors'
import { gridScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'

export const reachHandlers: HandlersFor<'notices.reach'> = {
  async 'notices.reach'(ctx, input) {
    const caller = signedInCaller(ctx)
    const notice = await ctx.store.notices.get(input.noticeId)
    if (!notice || notice.status !== 'published') throw notFound('这条公告')
    const page = await ctx.store.reach.unreached({
      noticeId: notice.id,
      villageIds: notice.villageIds,
      gridIds: gridScope(caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((h) => ({
        id: h.id,
        headName: h.headName,
        houseNo: h.houseNo,
        villageName: h.villageName,
        groupName: h.groupName,
        // Staff only, and only households of their own grids: they may call them.
        phone: h.phone,
      })),
      nextCursor: encodeCursor(page.next),
      inScope: page.inScope,
      reached: page.reached,
    }
  },
}
