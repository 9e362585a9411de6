// 评选: candidates, votes (one's own and assisted), invalidation by an admin, my votes.
// Every limit is enforced by the store inside one transaction on UNIQUE slot keys.
import { requireCleanText } from '../content/clean-text'
import type { VoteRow } from '../../contract/campaigns'
import { shanghaiDay } from '../../contract/time'
import type { ActionContext, Caller, HandlersFor } from '../context'
import { forbidden, notFound } from '../errors'
import { gridScope, inGridScope, maskPhone } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import {
  UniqueViolation,
  type Ballot,
  type CampaignView,
  type HouseholdView,
  type VoteView,
} from '../store/store'
import {
  conflict,
  householdRef,
  inScope,
  phaseOf,
  seenCampaign,
  toCandidate,
  visibleCampaign,
} from './campaign-access'
import { countsVisible, voteRefusals, votesLeft } from './campaigns.rules'

function toVoteRow(v: VoteView): VoteRow {
  return {
    id: v.id,
    candidateId: v.nominationId,
    candidateNumber: v.candidateNumber,
    candidateName: v.candidateName,
    voterName: v.voterName,
    householdName: v.householdName,
    day: v.day,
    at: toIso(v.createdAt),
    assistedByName: v.assistedByName,
    invalidation: v.invalidation
      ? {
          reason: v.invalidation.reason,
          at: toIso(v.invalidation.at),
          byName: v.invalidation.byName,
        }
      : null,
  }
}

/** Casts a vote for `voterId` of `household`; CONFLICT with a plain reason when refused. */
async function cast(
  ctx: ActionContext,
  c: CampaignView,
  candidateId: string,
  voterId: string,
  household: HouseholdView,
  assistedBy: string | null,
  ballot?: Ballot,
) {
  const day = shanghaiDay(ctx.now)
  const id = newId('vot')
  const outcome = await ctx.store.campaigns
    .castVote(
      {
        id,
        campaignId: c.id,
        nominationId: candidateId,
        voterId,
        voterHouseholdId: household.id,
        assistedBy,
        now: ctx.now,
        day,
      },
      ballot,
    )
    .catch((error: unknown) => {
      // Two votes raced for one slot: the database kept one, this one is over the limit.
      if (error instanceof UniqueViolation) return { ok: false, reason: 'dayLimit' } as const
      throw error
    })
  if (!outcome.ok) {
    if (outcome.reason === 'notVoting') {
      const phase = phaseOf(c, ctx.now)
      throw conflict(phase === 'publicity' || phase === 'closed' ? '投票已结束' : '投票还没有开始')
    }
    throw conflict(voteRefusals[outcome.reason])
  }
  ctx.audit({
    target: `vote:${id}`,
    after: { campaignId: c.id, candidateId, voterId, day, assistedBy },
  })
  const left = votesLeft(c.rules, outcome.dayUsed, outcome.candidateUsed)
  return { voteId: id, votesLeftToday: left.day, candidateVotesLeftToday: left.candidate }
}

export const voteHandlers: HandlersFor<
  | 'campaigns.candidates'
  | 'campaigns.vote'
  | 'campaigns.assistees'
  | 'campaigns.assistVote'
  | 'campaigns.votes'
  | 'campaigns.invalidateVote'
  | 'me.votes'
> = {
  async 'campaigns.candidates'(ctx, input) {
    const c = await visibleCampaign(ctx, input.campaignId)
    const show = countsVisible(c, ctx.now, ctx.caller?.role === 'admin')
    const page = await ctx.store.campaigns.candidates({
      campaignId: c.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((x) => toCandidate(x, show)),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'campaigns.vote'(ctx, input) {
    const caller = ctx.caller as Caller
    const household = caller.household
    if (!household) {
      await visibleCampaign(ctx, input.campaignId)
      throw forbidden('本次评选不在您所在的村')
    }
    // The campaign read with what the vote needs (on the cloud, one request for all of it).
    const ballot = await ctx.store.campaigns.ballot({
      campaignId: input.campaignId,
      nominationId: input.candidateId,
      voterId: caller.user.id,
      voterHouseholdId: household.id,
      day: shanghaiDay(ctx.now),
    })
    const c = seenCampaign(ctx, ballot?.campaign ?? null)
    if (!inScope(c, household)) throw forbidden('本次评选不在您所在的村')
    return cast(ctx, c, input.candidateId, caller.user.id, household, null, ballot ?? undefined)
  },

  async 'campaigns.assistees'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.campaignId)
    const page = await ctx.store.campaigns.assistees({
      gridIds: gridScope(caller),
      villageId: c.villageId,
      name: input.name,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    const day = shanghaiDay(ctx.now)
    const items = []
    for (const a of page.items) {
      const used = await ctx.store.campaigns.usage({
        campaignId: c.id,
        voterId: a.userId,
        voterHouseholdId: a.household.id,
        day,
      })
      items.push({
        userId: a.userId,
        name: a.nickname,
        household: householdRef(a.household),
        houseNo: a.household.houseNo,
        maskedPhone: maskPhone(a.household.phone),
        votesLeftToday: votesLeft(c.rules, used.day).day,
      })
    }
    return { items, nextCursor: encodeCursor(page.next) }
  },

  async 'campaigns.assistVote'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.campaignId)
    const binding = await ctx.store.places.approvedBinding(input.residentId)
    const household = binding ? await ctx.store.places.household(binding.householdId) : null
    if (!household) throw notFound('该村民')
    if (!inGridScope(caller, household.gridId)) throw forbidden('只能为自己网格的村民代投')
    if (!inScope(c, household)) throw forbidden('该村民不在本次评选范围内')
    return cast(ctx, c, input.candidateId, input.residentId, household, caller.user.id)
  },

  async 'campaigns.votes'(ctx, input) {
    const c = await visibleCampaign(ctx, input.campaignId)
    const page = await ctx.store.campaigns.votes({
      campaignId: c.id,
      nominationId: input.candidateId,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toVoteRow), nextCursor: encodeCursor(page.next) }
  },

  async 'campaigns.invalidateVote'(ctx, input) {
    const caller = ctx.caller as Caller
    const before = await ctx.store.campaigns.vote(input.voteId)
    if (!before) throw notFound('这张票')
    await requireCleanText(ctx, input.reason)
    try {
      await ctx.store.campaigns.invalidate(before.id, {
        reason: input.reason,
        by: caller.user.id,
        at: ctx.now,
      })
    } catch (error) {
      if (error instanceof UniqueViolation) throw conflict('这张票已经作废了')
      throw error
    }
    const after = (await ctx.store.campaigns.vote(before.id)) as VoteView
    ctx.audit({ target: `vote:${before.id}`, before: toVoteRow(before), after: toVoteRow(after) })
    return toVoteRow(after)
  },

  async 'me.votes'(ctx, input) {
    const caller = ctx.caller as Caller
    const page = await ctx.store.campaigns.votes({
      voterId: caller.user.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((v) => ({
        id: v.id,
        campaignId: v.campaignId,
        campaignTitle: v.campaignTitle,
        candidateNumber: v.candidateNumber,
        candidateName: v.candidateName,
        at: toIso(v.createdAt),
        assistedByName: v.assistedByName,
        invalidated: v.invalidation !== null,
      })),
      nextCursor: encodeCursor(page.next),
    }
  },
}
