// Rounds, the lists and their publication, a household's history and consent.
import { requireCleanText } from '../content/clean-text'
import type { ListKind, RankEntry } from '../../contract/board'
import { monthLabel } from '../../contract/filing'
import type { ActionContext, Caller, HandlersFor } from '../context'
import { signedInCaller } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { inGridScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import { UniqueViolation, type RoundView } from '../store/store'
import {
  averageOf,
  coverage,
  DEFAULT_RULES,
  villageStats,
  villageStatsOf,
  visibleEntries,
  type ListRules,
} from './board.rules'
import { checkRules, monthWindow } from './round.rules'
import {
  badInput,
  blackHiddenReason,
  isStaff,
  roundLines,
  seesBlackOf,
  toEntry,
  toRound,
  toRubric,
  visibleRound,
  type Line,
} from './board.view'
import { rowIds } from './row-ids'

/** Not bound to a household: like bindings.unbind, a state to change, not a role refused. */
const notBound = () => new AppError('CONFLICT', '您还没有绑定家庭，请先在“我的”绑定家庭')

/** Whether the caller is bound to their household as its head (户主本人). */
const isHead = (caller: Caller) => caller.binding?.relation === 'head'

/** The household's consent as the caller sees it: may they change it, who set it and when. */
async function consentOf(ctx: ActionContext, householdId: string, canChange: boolean) {
  const consent = await ctx.store.board.consent(householdId)
  if (!consent) throw notFound('这户')
  return {
    householdId,
    showNameOnRed: consent.showNameOnRed,
    canChange,
    setByName: consent.setByName,
    setAt: consent.setAt === null ? null : toIso(consent.setAt),
  }
}

/** Lines per list in the first render of the ranking page. */
export const FIRST_PAGE = 20

/** The lines of one list the caller may see, black ones only within their villages. */
async function viewerLines(
  ctx: ActionContext,
  round: RoundView,
  villageId: string | undefined,
): Promise<Record<ListKind, Line[]> & { blackHidden: string | null }> {
  const lines = await roundLines(ctx, round, villageId)
  const blackHidden = blackHiddenReason(ctx.caller, villageId)
  return {
    red: lines.red,
    progress: lines.progress,
    // Ranks are renumbered within what this viewer sees: gaps would hint at how many
    // households of other villages are on the list.
    black: blackHidden
      ? []
      : visibleEntries(lines.black, (e) => seesBlackOf(ctx.caller, e.villageId)),
    blackHidden,
  }
}

async function pageOfLines(
  ctx: ActionContext,
  round: RoundView,
  lines: Line[],
  cursor: string | undefined,
  limit: number,
): Promise<{ items: RankEntry[]; nextCursor: string | null }> {
  const ids = await rowIds(ctx.store)
  const start = Number(decodeCursor(cursor)?.at ?? 0)
  const slice = lines.slice(start, start + limit)
  const items = slice.map((line) => toEntry(ctx.caller, line, round, ids))
  const last = items[items.length - 1]
  const more = start + limit < lines.length && last
  // The cursor carries the line's id as the caller got it: a household id inside it (base64
  // is no secret) would undo the mask of the line.
  return {
    items,
    nextCursor: more ? encodeCursor({ at: start + limit, id: last.householdId }) : null,
  }
}

async function checkVillage(ctx: ActionContext, villageId: string | undefined) {
  if (!villageId) return null
  const found = (await ctx.store.places.villages()).find((v) => v.id === villageId)
  if (!found) throw badInput([{ path: 'villageId', message: '所选的村不存在' }])
  return found
}

/** The household whose history or consent the caller asks about, if they may. */
async function ownOrServed(ctx: ActionContext, householdId: string | undefined) {
  const caller = signedInCaller(ctx)
  const id = householdId ?? caller.household?.id
  if (!id) throw notBound()
  // The caller's own household was read with the caller.
  const own = caller.household?.id === id
  const household = own ? caller.household : await ctx.store.places.household(id)
  if (!household) throw notFound('这户')
  if (!own && !(isStaff(caller) && inGridScope(caller, household.gridId))) {
    throw forbidden('只能查看本户或您负责网格内的户')
  }
  return household
}

export const boardHandlers: HandlersFor<
  | 'board.rounds'
  | 'board.openRound'
  | 'board.round'
  | 'board.ranking'
  | 'board.list'
  | 'board.villages'
  | 'board.history'
  | 'board.consent'
  | 'board.setConsent'
> = {
  async 'board.rounds'(ctx, input) {
    const page = await ctx.store.board.rounds({
      publishedOnly: !isStaff(ctx.caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((r) => toRound(r, ctx.now)),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'board.openRound'(ctx, input) {
    const rubric = await ctx.store.board.currentRubric()
    if (!rubric) throw new AppError('CONFLICT', '请先设置评分标准，再开启检查轮次')
    const rules: ListRules = {
      scope: input.scope ?? DEFAULT_RULES.scope,
      redThreshold:
        input.redThreshold === undefined ? DEFAULT_RULES.redThreshold : input.redThreshold,
      redTopN: input.redTopN ?? null,
      blackThreshold:
        input.blackThreshold === undefined ? DEFAULT_RULES.blackThreshold : input.blackThreshold,
      blackBottomN: input.blackBottomN ?? null,
    }
    const fields = checkRules(rules)
    const window = monthWindow(input.month)
    const windowStart = input.windowStart ? Date.parse(input.windowStart) : window.start
    const windowEnd = input.windowEnd ? Date.parse(input.windowEnd) : window.end
    if (Number.isNaN(windowStart)) fields.push({ path: 'windowStart', message: '开始时间无效' })
    if (Number.isNaN(windowEnd) || windowEnd <= windowStart) {
      fields.push({ path: 'windowEnd', message: '结束时间须晚于开始时间' })
    }
    if (fields.length > 0) throw badInput(fields)
    await requireCleanText(ctx, input.title)
    const record = {
      id: `rnd-${input.month}`,
      month: input.month,
      title: input.title ?? `${monthLabel(input.month)}人居环境检查`,
      rubricId: rubric.id,
      status: 'open' as const,
      windowStart,
      windowEnd,
      ...rules,
      publicityDays: input.publicityDays,
      rectificationDays: input.rectificationDays,
      publishedAt: null,
      publicityEndsAt: null,
      createdAt: ctx.now,
    }
    try {
      await ctx.store.board.createRound(record)
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error
      throw new AppError('CONFLICT', `${monthLabel(input.month)}已有检查轮次`)
    }
    ctx.audit({ target: `round:${record.id}`, after: record })
    return toRound({ ...record, rubricVersion: rubric.version }, ctx.now)
  },

  async 'board.round'(ctx, input) {
    const round = await visibleRound(ctx, input.id)
    const rubric = await ctx.store.board.rubric(round.rubricId)
    if (!rubric) throw notFound('评分标准')
    return { ...toRound(round, ctx.now), rubric: toRubric(rubric) }
  },

  async 'board.ranking'(ctx, input) {
    const round = await visibleRound(ctx, input.roundId)
    const village = await checkVillage(ctx, input.villageId)
    const lines = await viewerLines(ctx, round, input.villageId)
    const summary = await ctx.store.board.scoreSummary(round.id, input.villageId)
    const households = village
      ? village.householdCount
      : (await ctx.store.places.villages()).reduce((sum, v) => sum + v.householdCount, 0)
    const first = (list: Line[]) => pageOfLines(ctx, round, list, undefined, FIRST_PAGE)
    const [red, black, progress] = await Promise.all([
      first(lines.red),
      first(lines.black),
      first(lines.progress),
    ])
    return {
      round: toRound(round, ctx.now),
      village: village ? { id: village.id, name: village.name } : null,
      households,
      inspected: summary.inspected,
      coverage: coverage(summary.inspected, households),
      average: averageOf(summary.sum, summary.inspected),
      frozen: round.status === 'published',
      red: red.items,
      redNext: red.nextCursor,
      black: lines.blackHidden ? null : black.items,
      blackNext: lines.blackHidden ? null : black.nextCursor,
      blackHiddenReason: lines.blackHidden,
      progress: progress.items,
      progressNext: progress.nextCursor,
    }
  },

  async 'board.list'(ctx, input) {
    const round = await visibleRound(ctx, input.roundId)
    await checkVillage(ctx, input.villageId)
    const lines = await viewerLines(ctx, round, input.villageId)
    if (input.list === 'black' && lines.blackHidden) throw forbidden(lines.blackHidden)
    return pageOfLines(ctx, round, lines[input.list], input.cursor, input.limit)
  },

  async 'board.villages'(ctx, input) {
    const round = await visibleRound(ctx, input.roundId)
    const villages = (await ctx.store.places.villages()).filter((v) => v.archivedAt === null)
    // Published: each village's tally, grouped by the store (a constant number of reads). Open
    // (staff only): the lists are computed live from every score, as the ranking does.
    const stats =
      round.status === 'published'
        ? villageStatsOf(
            villages,
            await ctx.store.board.villageSummary(round.id, round.listsVersion),
          )
        : villageStats(
            villages,
            await ctx.store.board.scores(round.id),
            await roundLines(ctx, round),
          )
    return stats.map((s) => ({
      village: { id: s.villageId, name: s.villageName },
      households: s.households,
      inspected: s.inspected,
      coverage: s.coverage,
      average: s.average,
      redCount: s.redCount,
      blackCount: s.blackCount,
    }))
  },

  async 'board.history'(ctx, input) {
    const household = await ownOrServed(ctx, input.householdId)
    const page = await ctx.store.board.history(household.id, {
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      household: { id: household.id, name: household.headName, houseNo: household.houseNo },
      items: page.items.map(({ windowStart: _omit, ...point }) => point),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'board.consent'(ctx) {
    const caller = signedInCaller(ctx)
    if (!caller.household) throw notBound()
    return consentOf(ctx, caller.household.id, isHead(caller))
  },

  async 'board.setConsent'(ctx, input) {
    const caller = signedInCaller(ctx)
    const household = caller.household
    if (!household) throw notBound()
    if (!isHead(caller)) {
      throw forbidden('只有户主本人可以更改红榜是否显示户主全名，请让户主用自己的微信更改')
    }
    await ctx.store.board.setShowNameOnRed(household.id, input.showNameOnRed, {
      userId: caller.user.id,
      at: ctx.now,
    })
    ctx.audit({
      target: `household:${household.id}`,
      before: { showNameOnRed: household.showNameOnRed },
      after: { showNameOnRed: input.showNameOnRed },
    })
    return consentOf(ctx, household.id, true)
  },
}
