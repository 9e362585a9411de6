// 评选: campaigns themselves — listing, detail with what the caller may do, creating and
// editing, closing a phase early, and subscriptions. Results, integrity, 公示 objections and the
// export are in results.actions.ts.
import { requireCleanText } from '../content/clean-text'
import type { CampaignDetail } from '../../contract/campaigns'
import { shanghaiDay } from '../../contract/time'
import type { ActionContext, Caller, HandlersFor } from '../context'
import { AppError } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import type { CampaignRecord, CampaignView } from '../store/store'
import { badInput, conflict, inScope, phaseOf, toSummary, visibleCampaign } from './campaign-access'
import {
  countsVisible,
  rulesInWords,
  scheduleChangeProblem,
  scheduleProblem,
  votesLeft,
} from './campaigns.rules'

/** What the caller may do in the campaign now, with the reason in plain words when not. */
async function meIn(ctx: ActionContext, c: CampaignView): Promise<CampaignDetail['me']> {
  const caller = ctx.caller
  const phase = phaseOf(c, ctx.now)
  const isStaff = caller?.role === 'gridWorker' || caller?.role === 'admin'
  const resident = caller?.role === 'resident' && caller.household ? caller : null
  const residentInScope = resident?.household ? inScope(c, resident.household) : false

  let nominateBlockedReason: string | null = null
  if (phase !== 'nomination') nominateBlockedReason = '现在不在提名时间内'
  else if (!caller) nominateBlockedReason = '请先登录'
  else if (!isStaff && !resident) nominateBlockedReason = '绑定家庭后才能提名'
  else if (!isStaff && c.rules.nominators === 'gridWorkers')
    nominateBlockedReason = '本次评选由网格员提名'
  else if (!isStaff && !residentInScope) nominateBlockedReason = '本次评选不在您所在的村'

  let voteBlockedReason: string | null = null
  let votesLeftToday: number | null = null
  if (!caller) voteBlockedReason = '请先登录'
  else if (!resident)
    voteBlockedReason = isStaff ? '工作人员不参与投票，可为村民代投' : '绑定家庭后才能投票'
  else if (!residentInScope) voteBlockedReason = '本次评选不在您所在的村'
  if (resident?.household && residentInScope) {
    const used = await ctx.store.campaigns.usage({
      campaignId: c.id,
      voterId: resident.user.id,
      voterHouseholdId: resident.household.id,
      day: shanghaiDay(ctx.now),
    })
    votesLeftToday = votesLeft(c.rules, used.day).day
    if (phase !== 'voting')
      voteBlockedReason =
        phase === 'upcoming' || phase === 'nomination' || phase === 'review'
          ? '投票还没有开始'
          : '投票已结束'
    else if (votesLeftToday === 0) voteBlockedReason = '今天的票已经投完了，明天再来'
  }
  return {
    canNominate: nominateBlockedReason === null,
    nominateBlockedReason,
    canVote: voteBlockedReason === null,
    voteBlockedReason,
    votesLeftToday,
    canAssist: isStaff && phase === 'voting',
    canReview: isStaff && (phase === 'nomination' || phase === 'review'),
    canSubscribe: caller?.role === 'resident',
    subscribed: caller ? await ctx.store.campaigns.isSubscribed(c.id, caller.user.id) : false,
    canObject: phase === 'publicity' && residentInScope,
  }
}

async function detail(ctx: ActionContext, c: CampaignView): Promise<CampaignDetail> {
  return {
    ...toSummary(c, ctx.now),
    customTypeName: c.customTypeName,
    nominationStartsAt: toIso(c.nominationStartsAt),
    reviewStartsAt: toIso(c.reviewStartsAt),
    publicityEndsAt: toIso(c.publicityEndsAt),
    rules: c.rules,
    rulesText: rulesInWords(c.rules),
    resultsVisible: countsVisible(c, ctx.now, ctx.caller?.role === 'admin'),
    me: await meIn(ctx, c),
  }
}

/** Epoch ms of an ISO time from the wire; a malformed one is BAD_INPUT on its field. */
function timeOf(iso: string, path: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw badInput(path, '时间格式不正确')
  return ms
}

export const campaignHandlers: HandlersFor<
  | 'campaigns.list'
  | 'campaigns.get'
  | 'campaigns.save'
  | 'campaigns.closePhase'
  | 'campaigns.subscribe'
  | 'campaigns.subscription'
> = {
  async 'campaigns.list'(ctx, input) {
    const page = await ctx.store.campaigns.list({
      villageIds: visibleVillageIds(ctx.caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((c) => toSummary(c, ctx.now)),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'campaigns.get'(ctx, input) {
    return detail(ctx, await visibleCampaign(ctx, input.id))
  },

  async 'campaigns.save'(ctx, input) {
    if (input.type === 'custom' && !input.customTypeName)
      throw badInput('customTypeName', '请填写评选类型名称')
    const schedule = {
      nominationStartsAt: timeOf(input.nominationStartsAt, 'nominationStartsAt'),
      reviewStartsAt: timeOf(input.reviewStartsAt, 'reviewStartsAt'),
      votingStartsAt: timeOf(input.votingStartsAt, 'votingStartsAt'),
      votingEndsAt: timeOf(input.votingEndsAt, 'votingEndsAt'),
      publicityEndsAt: timeOf(input.publicityEndsAt, 'publicityEndsAt'),
    }
    const problem = scheduleProblem(schedule)
    if (problem) throw badInput(problem.path, problem.message)
    await requireCleanText(ctx, input.title, input.description, input.customTypeName)
    if (input.villageId !== null) {
      const villages = await ctx.store.places.villages()
      if (!villages.some((v) => v.id === input.villageId && v.archivedAt === null))
        throw badInput('villageId', '所选村不存在')
    }
    const before = input.id ? await ctx.store.campaigns.get(input.id) : null
    if (input.id && !before) throw new AppError('NOT_FOUND', '该评选不存在')
    if (before && before.votingStartsAt <= ctx.now) {
      // Once voting has begun, who votes and how are fixed; only texts and later dates move.
      const same =
        JSON.stringify(before.rules) === JSON.stringify(input.rules) &&
        before.villageId === input.villageId &&
        before.votingStartsAt === schedule.votingStartsAt
      if (!same) throw conflict('投票开始后不能再修改规则、范围和投票开始时间')
    }
    const moved = before && scheduleChangeProblem(before, schedule, ctx.now)
    if (moved) {
      if (moved.frozen) {
        throw new AppError('CONFLICT', moved.message, {
          fields: [{ path: moved.path, message: moved.message }],
        })
      }
      throw badInput(moved.path, moved.message)
    }
    const record: CampaignRecord = {
      id: before?.id ?? newId('cmp'),
      type: input.type,
      customTypeName: input.type === 'custom' ? (input.customTypeName ?? null) : null,
      title: input.title,
      description: input.description,
      villageId: input.villageId,
      ...schedule,
      rules: input.rules,
      createdAt: before?.createdAt ?? ctx.now,
    }
    await ctx.store.campaigns.save(record)
    ctx.audit({ target: `campaign:${record.id}`, before, after: record })
    return detail(ctx, await visibleCampaign(ctx, record.id))
  },

  async 'campaigns.closePhase'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.id)
    const phase = phaseOf(c, ctx.now)
    if (phase !== input.phase) throw conflict('该阶段已经结束或尚未开始，请刷新后再试')
    await requireCleanText(ctx, input.reason)
    const closed = await ctx.store.campaigns.closePhase({
      campaignId: c.id,
      phase: input.phase,
      at: ctx.now,
      by: caller.user.id,
      reason: input.reason,
    })
    if (!closed) throw conflict('该阶段无法提前结束，请刷新后再试')
    ctx.audit({
      target: `campaign:${c.id}`,
      before: { phase, endsAt: toSummary(c, ctx.now).phaseEndsAt },
      after: { closedPhase: input.phase, at: toIso(ctx.now), reason: input.reason },
    })
    return detail(ctx, await visibleCampaign(ctx, c.id))
  },

  async 'campaigns.subscribe'(ctx, input) {
    const caller = ctx.caller as Caller
    if (input.campaignId === undefined) {
      await ctx.store.campaigns.setSubscriptionToAll(caller.user.id, input.on, ctx.now)
      ctx.audit({ target: `user:${caller.user.id}`, after: { subscribedToAll: input.on } })
      return { subscribed: input.on }
    }
    const c = await visibleCampaign(ctx, input.campaignId)
    await ctx.store.campaigns.setSubscription(c.id, caller.user.id, input.on, ctx.now)
    ctx.audit({ target: `campaign:${c.id}`, after: { subscribed: input.on } })
    return { subscribed: input.on }
  },

  async 'campaigns.subscription'(ctx) {
    const caller = ctx.caller as Caller
    return { all: await ctx.store.campaigns.isSubscribedToAll(caller.user.id) }
  },
}
