import type { Notice, NoticeSummary } from '../../contract/bulletin'
import type { ActionContext, HandlersFor } from '../context'
import { notFound } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import type { NoticeView } from '../store/store'
import { isInScope, isLive } from './bulletin.rules'

function toSummary(n: NoticeView): NoticeSummary {
  return {
    id: n.id,
    title: n.title,
    summary: n.summary,
    column: { id: n.columnId, name: n.columnName },
    villages: n.villages,
    pinned: n.pinned,
    publishedAt: toIso(n.publishAt),
    viewCount: n.viewCount,
    authorName: n.authorName,
    cover: n.cover ?? null,
  }
}

/** A notice as read (authoring adds its state on top). */
export const toNotice = (n: NoticeView): Notice => ({
  ...toSummary(n),
  body: n.body,
  images: n.images ?? [],
  video: n.video ?? null,
})

/** A published notice the caller may see, or NOT_FOUND exactly like a missing one. */
async function visibleNotice(ctx: ActionContext, id: string) {
  const notice = await ctx.store.notices.get(id)
  if (
    !notice ||
    !isLive(notice, ctx.now) ||
    !isInScope(notice.villageIds, visibleVillageIds(ctx.caller))
  ) {
    throw notFound('这条公告')
  }
  // A hidden column takes its notices off the app, shared links included.
  if ((await ctx.store.columns.get(notice.columnId))?.hidden) throw notFound('这条公告')
  return notice
}

export const bulletinHandlers: HandlersFor<
  'columns.list' | 'notices.list' | 'notices.get' | 'notices.open'
> = {
  async 'columns.list'(ctx) {
    const columns = await ctx.store.columns.list()
    return columns.map(({ id, name, sort }) => ({ id, name, sort }))
  },

  async 'notices.list'(ctx, input) {
    const page = await ctx.store.notices.list({
      now: ctx.now,
      villageIds: visibleVillageIds(ctx.caller),
      columnId: input.columnId,
      keyword: input.keyword || undefined,
      pinned: input.pinned,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toSummary), nextCursor: encodeCursor(page.next) }
  },

  async 'notices.get'(ctx, input) {
    return toNotice(await visibleNotice(ctx, input.id))
  },

  async 'notices.open'(ctx, input) {
    const notice = await visibleNotice(ctx, input.id)
    await ctx.store.notices.countView(notice.id)
    // Opening it is all it takes for the household to count as reached: no confirmations.
    const household = ctx.caller?.household
    if (household) await ctx.store.reach.markRead(notice.id, household.id, ctx.now)
    return { viewCount: notice.viewCount + 1 }
  },
}
