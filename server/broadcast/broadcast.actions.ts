// 大喇叭: a published notice's 广播稿 (derived, or edited and saved), and each village's
// 广播安排 that its grid worker plays and may mark played.
import type { BroadcastScript, Play } from '../../contract/broadcast'
import { shanghaiDay } from '../../contract/time'
import { looksLikeMarkup, noticeState } from '../bulletin/bulletin.rules'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { inVillageScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import type { NoticeView, PlayView } from '../store/store'
import { loadHtml } from '../lazy/load'

/** Plain bodies are paragraphs separated by blank lines: made into <p>s for the script. */
const asHtml = (body: string) =>
  looksLikeMarkup(body)
    ? body
    : body
        .split(/\n\s*\n/)
        .map(
          (p) =>
            `<p>${p.replace(/[<&>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'))}</p>`,
        )
        .join('')

/** A published notice the caller may broadcast: admins any, grid workers their villages' and the township's. */
async function broadcastable(ctx: ActionContext, caller: Caller, noticeId: string) {
  const notice = await ctx.store.notices.get(noticeId)
  const state = notice ? noticeState(notice, ctx.now) : null
  if (!notice || (state !== 'published' && state !== 'expired')) throw notFound('已发布的公告')
  const mine =
    caller.role === 'admin' ||
    notice.villageIds.length === 0 ||
    notice.villageIds.some((id) => caller.gridVillageIds.includes(id))
  if (!mine) throw forbidden('这条公告不是发给您负责的村的')
  return notice
}

async function scriptFor(ctx: ActionContext, notice: NoticeView): Promise<BroadcastScript> {
  const saved = await ctx.store.broadcast.script(notice.id)
  const { readingSeconds, scriptOf } = await loadHtml()
  const script = saved?.text ?? scriptOf(notice.title, asHtml(notice.body))
  return {
    noticeId: notice.id,
    title: notice.title,
    script,
    edited: saved !== null,
    seconds: readingSeconds(script),
    updatedAt: saved ? toIso(saved.updatedAt) : null,
  }
}

const toPlay = (p: PlayView): Play => ({
  id: p.id,
  village: { id: p.villageId, name: p.villageName },
  day: p.day,
  noticeId: p.noticeId,
  title: p.title,
  playedAt: p.playedAt === null ? null : toIso(p.playedAt),
})

async function villageInScope(ctx: ActionContext, caller: Caller, villageId: string) {
  const village = (await ctx.store.places.villages()).find((v) => v.id === villageId)
  if (!village) throw notFound('该村')
  if (!inVillageScope(caller, village.id)) throw forbidden('这个村不在您负责的范围内')
  return village
}

export const broadcastHandlers: HandlersFor<
  | 'broadcast.script'
  | 'broadcast.saveScript'
  | 'broadcast.schedule'
  | 'broadcast.unschedule'
  | 'broadcast.plays'
  | 'broadcast.markPlayed'
  | 'broadcast.month'
> = {
  async 'broadcast.script'(ctx, input) {
    const caller = signedInCaller(ctx)
    return scriptFor(ctx, await broadcastable(ctx, caller, input.noticeId))
  },

  async 'broadcast.saveScript'(ctx, input) {
    const caller = signedInCaller(ctx)
    const notice = await broadcastable(ctx, caller, input.noticeId)
    if (input.script === '') await ctx.store.broadcast.clearScript(notice.id)
    else {
      const verdict = await ctx.content.checkText(input.script)
      if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
      await ctx.store.broadcast.saveScript({
        noticeId: notice.id,
        text: input.script,
        updatedBy: caller.user.id,
        updatedAt: ctx.now,
      })
    }
    ctx.audit({ target: `notice:${notice.id}`, after: { scriptChars: input.script.length } })
    return scriptFor(ctx, notice)
  },

  async 'broadcast.schedule'(ctx, input) {
    const caller = signedInCaller(ctx)
    const village = await villageInScope(ctx, caller, input.villageId)
    const notice = await broadcastable(ctx, caller, input.noticeId)
    if (notice.villageIds.length > 0 && !notice.villageIds.includes(village.id)) {
      throw new AppError('BAD_INPUT', '这条公告不是发给这个村的', {
        fields: [{ path: 'noticeId', message: '这条公告不是发给这个村的' }],
      })
    }
    const today = shanghaiDay(ctx.now)
    const past = input.days.find((d) => d < today)
    if (past) {
      throw new AppError('BAD_INPUT', `不能安排已经过去的日子（${past}）`, {
        fields: [{ path: 'days', message: '不能安排已经过去的日子' }],
      })
    }
    const added = await ctx.store.broadcast.schedule(
      [...new Set(input.days)].map((day) => ({
        id: `bc:${village.id}:${day}:${notice.id}`,
        villageId: village.id,
        day,
        noticeId: notice.id,
        scheduledBy: caller.user.id,
        createdAt: ctx.now,
        playedAt: null,
        playedBy: null,
      })),
    )
    return { added }
  },

  async 'broadcast.unschedule'(ctx, input) {
    const play = await ctx.store.broadcast.play(input.id)
    if (!play) throw notFound('这条广播安排')
    if (!(await ctx.store.broadcast.unschedule(play.id))) {
      throw new AppError('CONFLICT', '这条广播已经播过，不能撤下')
    }
    return { id: play.id }
  },

  async 'broadcast.plays'(ctx, input) {
    const caller = signedInCaller(ctx)
    const village = await villageInScope(ctx, caller, input.villageId)
    const page = await ctx.store.broadcast.plays({
      villageId: village.id,
      from: input.from ?? shanghaiDay(ctx.now),
      to: input.to ?? null,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toPlay), nextCursor: encodeCursor(page.next) }
  },

  async 'broadcast.markPlayed'(ctx, input) {
    const caller = signedInCaller(ctx)
    const play = await ctx.store.broadcast.play(input.id)
    if (!play) throw notFound('这条广播安排')
    await villageInScope(ctx, caller, play.villageId)
    if (play.day !== shanghaiDay(ctx.now)) throw new AppError('CONFLICT', '只能标记今天的广播')
    if (!(await ctx.store.broadcast.markPlayed(play.id, ctx.now, caller.user.id))) {
      throw new AppError('CONFLICT', '这条广播已经标记为播过了')
    }
    return toPlay({ ...play, playedAt: ctx.now, playedBy: caller.user.id })
  },

  async 'broadcast.month'(ctx, input) {
    const [villages, counts] = await Promise.all([
      ctx.store.places.villages(),
      ctx.store.broadcast.month({ from: `${input.month}-01`, to: `${input.month}-31` }),
    ])
    const byVillage = new Map(counts.map((c) => [c.villageId, c]))
    return villages
      .filter((v) => v.archivedAt === null)
      .map((v) => ({
        village: { id: v.id, name: v.name },
        scheduled: byVillage.get(v.id)?.scheduled ?? 0,
        played: byVillage.get(v.id)?.played ?? 0,
      }))
  },
}
