// Appeals during 公示: a bound resident appeals their household's score; the household's
// grid worker or an admin re-inspects (a new version; the frozen lists are recomputed and
// the change is logged) or rejects with a reason.
import { requireCleanText } from '../content/clean-text'
import type { ActionContext, HandlersFor } from '../context'
import { signedInCaller } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { checkMediaUrls } from '../media/media-urls'
import { gridScope, inGridScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { UniqueViolation, type AppealView, type RoundView, type ScoreRow } from '../store/store'
import { computeLists, toEntryRecords } from './board.rules'
import { inPublicity } from './round.rules'
import { parsePhotos, previousTotals, scored, toAppeal } from './board.view'

/** An appeal the caller may decide: in their grids (admins: every grid), FORBIDDEN otherwise. */
async function decidable(ctx: ActionContext, id: string): Promise<AppealView> {
  const caller = signedInCaller(ctx)
  const appeal = await ctx.store.board.appeal(id)
  if (!appeal) throw notFound('这条申诉')
  if (!inGridScope(caller, appeal.household.gridId))
    throw forbidden('这条申诉的家庭不在您负责的网格内')
  if (appeal.status !== 'pending') throw new AppError('CONFLICT', '这条申诉已经处理过了')
  return appeal
}

/** The round's lists as they become with one household's new score. */
async function listsWith(ctx: ActionContext, round: RoundView, changed: ScoreRow) {
  const rows = (await ctx.store.board.scores(round.id)).map((r) =>
    r.householdId === changed.householdId ? changed : r,
  )
  const lists = computeLists(rows, round, await previousTotals(ctx, round.id))
  const entries = toEntryRecords(round.id, lists)
  const listOf = (householdId: string) =>
    lists.red.some((e) => e.householdId === householdId)
      ? 'red'
      : lists.black.some((e) => e.householdId === householdId)
        ? 'black'
        : null
  return { entries, listOf }
}

export const appealHandlers: HandlersFor<
  'board.appeal' | 'board.appeals' | 'board.myAppeals' | 'board.decideAppeal'
> = {
  async 'board.appeal'(ctx, input) {
    const caller = signedInCaller(ctx)
    const household = caller.household
    if (!household) throw new AppError('CONFLICT', '绑定家庭后才能申诉')
    const round = await ctx.store.board.round(input.roundId)
    if (!round || round.status !== 'published') throw notFound('这一期榜单')
    if (!inPublicity(round, ctx.now)) throw new AppError('CONFLICT', '公示期已结束，不能再申诉')
    const [latest] = await ctx.store.board.inspections(round.id, household.id)
    if (!latest) throw new AppError('CONFLICT', '本户本期没有检查记录，无需申诉')
    const verdict = await ctx.content.checkText(input.text)
    if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
    await checkMediaUrls(ctx, { photos: input.photos.map((p) => p.url) })

    const id = newId('apl')
    try {
      await ctx.store.board.createAppeal({
        id,
        roundId: round.id,
        householdId: household.id,
        userId: caller.user.id,
        text: input.text,
        photos: parsePhotos(input.photos),
        status: 'pending',
        scoreBefore: latest.total,
        scoreAfter: null,
        inspectionId: null,
        reason: null,
        decidedBy: null,
        decidedAt: null,
        createdAt: ctx.now,
      })
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error
      throw new AppError('CONFLICT', '本户已有一条申诉正在处理，请等待网格员处理')
    }
    const saved = (await ctx.store.board.appeal(id)) as AppealView
    ctx.audit({ target: `appeal:${id}`, after: { roundId: round.id, householdId: household.id } })
    return toAppeal(saved)
  },

  async 'board.appeals'(ctx, input) {
    const caller = signedInCaller(ctx)
    const page = await ctx.store.board.appeals({
      gridIds: gridScope(caller),
      status: input.status,
      roundId: input.roundId,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map((a) => toAppeal(a)), nextCursor: encodeCursor(page.next) }
  },

  async 'board.myAppeals'(ctx, input) {
    // 我的申诉: what the household filed, whoever in it filed it; one household, one page.
    const household = signedInCaller(ctx).household
    if (!household) return { items: [], nextCursor: null }
    const page = await ctx.store.board.appeals({
      gridIds: null,
      householdId: household.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map((a) => toAppeal(a)), nextCursor: encodeCursor(page.next) }
  },

  async 'board.decideAppeal'(ctx, input) {
    const caller = signedInCaller(ctx)
    if (input.decision === 'reinspect') {
      // A resend of the same re-inspection answers with the appeal as it was decided.
      const earlier = await ctx.store.board.byClientId(input.clientId)
      if (earlier) {
        const appeal = await ctx.store.board.appeal(input.id)
        if (appeal && appeal.inspectionId === earlier.id) return toAppeal(appeal)
        throw new AppError('CONFLICT', '提交编号已被另一次检查使用，请重新保存')
      }
    }
    const appeal = await decidable(ctx, input.id)
    await requireCleanText(
      ctx,
      ...(input.decision === 'reject' ? [input.reason] : input.items.map((i) => i.note)),
    )
    if (input.decision === 'reject') {
      const decided = await ctx.store.board.rejectAppeal(appeal.id, {
        by: caller.user.id,
        at: ctx.now,
        reason: input.reason,
      })
      if (!decided) throw new AppError('CONFLICT', '这条申诉已经处理过了')
      ctx.audit({
        target: `appeal:${appeal.id}`,
        before: { status: 'pending' },
        after: { status: 'rejected', reason: input.reason },
      })
      return toAppeal((await ctx.store.board.appeal(appeal.id)) as AppealView)
    }

    const round = (await ctx.store.board.round(appeal.roundId)) as RoundView
    const result = await scored(ctx, round, input.items)
    // The re-inspection may carry the appeal's and earlier versions' photos along.
    const earlier = await ctx.store.board.inspections(round.id, appeal.householdId)
    await checkMediaUrls(
      ctx,
      { photos: (input.photos ?? []).map((p) => p.url) },
      { kept: [...appeal.photos, ...earlier.flatMap((v) => v.photos)].map((p) => p.url) },
    )
    const [current] = await ctx.store.board
      .scores(round.id)
      .then((rows) => rows.filter((r) => r.householdId === appeal.householdId))
    const changed: ScoreRow = {
      ...(current as ScoreRow),
      total: result.total,
      deductedItems: result.deductedItems,
    }
    const { entries, listOf } = await listsWith(ctx, round, changed)
    const before = await ctx.store.board.entries({
      roundId: round.id,
      householdId: appeal.householdId,
    })
    const saved = await ctx.store.board.reinspectAppeal(
      appeal.id,
      {
        id: newId('ins'),
        roundId: round.id,
        householdId: appeal.householdId,
        inspectorId: caller.user.id,
        total: result.total,
        deductedItems: result.deductedItems,
        createdAt: ctx.now,
        items: result.items,
        photos: parsePhotos(input.photos),
        clientId: input.clientId,
      },
      { by: caller.user.id, at: ctx.now },
      entries,
    )
    if (!saved) throw new AppError('CONFLICT', '这条申诉已经处理过了')
    // The recomputation is logged: who moved on or off which list, from what score to what.
    ctx.audit({
      target: `appeal:${appeal.id}`,
      before: {
        score: appeal.scoreBefore,
        list: before.find((e) => e.list !== 'progress')?.list ?? null,
      },
      after: {
        score: saved.total,
        list: listOf(appeal.householdId),
        inspectionId: saved.id,
        version: saved.version,
      },
    })
    return toAppeal((await ctx.store.board.appeal(appeal.id)) as AppealView)
  },
}
