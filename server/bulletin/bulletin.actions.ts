import type { Notice, NoticeSummary } from '../../contract/bulletin'
import { signedInCaller, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import { newId } from '../shared/ids'
import type { NoticeView } from '../store/store'
import { isInScope, isLive, summarise } from './bulletin.rules'
import { paragraphsToHtml, plainText, sanitizeBody } from './rich-text'

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

const toNotice = (n: NoticeView): Notice => ({
  ...toSummary(n),
  body: n.body,
  images: n.images ?? [],
  video: n.video ?? null,
})

export const bulletinHandlers: HandlersFor<
  'columns.list' | 'notices.list' | 'notices.get' | 'notices.create'
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
    const notice = await ctx.store.notices.get(input.id)
    // A notice outside the viewer's scope answers exactly like a missing one.
    if (
      !notice ||
      !isLive(notice, ctx.now) ||
      !isInScope(notice.villageIds, visibleVillageIds(ctx.caller))
    ) {
      throw notFound('这条公告')
    }
    // A hidden column takes its notices off the app, shared links included.
    if ((await ctx.store.columns.get(notice.columnId))?.hidden) throw notFound('这条公告')
    await ctx.store.notices.countView(notice.id)
    // Opening it is all it takes for the household to count as reached: no confirmations.
    const household = ctx.caller?.household
    if (household) await ctx.store.reach.markRead(notice.id, household.id, ctx.now)
    return toNotice({ ...notice, viewCount: notice.viewCount + 1 })
  },

  async 'notices.create'(ctx, input) {
    const caller = signedInCaller(ctx)
    const column = await ctx.store.columns.get(input.columnId)
    if (!column || column.hidden) {
      throw new AppError('BAD_INPUT', '所选栏目不存在', {
        fields: [{ path: 'columnId', message: '所选栏目不存在' }],
      })
    }
    const villageIds = input.scope.kind === 'villages' ? [...new Set(input.scope.villageIds)] : []
    if (caller.role !== 'admin') {
      if (villageIds.length === 0) throw forbidden('网格员只能向本人负责的村发布，不能发布全镇公告')
      if (villageIds.some((id) => !caller.gridVillageIds.includes(id))) {
        throw forbidden('网格员只能向本人负责的村发布公告')
      }
    }
    const known = new Set((await ctx.store.places.villages()).map((v) => v.id))
    if (villageIds.some((id) => !known.has(id))) {
      throw new AppError('BAD_INPUT', '所选的村不存在', {
        fields: [{ path: 'scope.villageIds', message: '所选的村不存在' }],
      })
    }
    // A body with no markup is plain paragraphs separated by blank lines.
    const body = sanitizeBody(
      /<[a-z]/i.test(input.body) ? input.body : paragraphsToHtml(input.body.split(/\n\s*\n/)),
    )
    if (Array.from(plainText(body)).length < 10) {
      throw new AppError('BAD_INPUT', '正文至少 10 个字', {
        fields: [{ path: 'body', message: '正文至少 10 个字' }],
      })
    }
    const created = await ctx.store.notices.create({
      id: newId('ntc'),
      columnId: column.id,
      title: input.title,
      summary: summarise(plainText(body)),
      body,
      villageIds,
      pinned: input.pinned,
      status: 'published',
      authorId: caller.user.id,
      publishAt: ctx.now,
      expireAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      viewCount: 0,
    })
    ctx.audit({ target: `notice:${created.id}`, before: null, after: toNotice(created) })
    return toNotice(created)
  },
}
