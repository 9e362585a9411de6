// What every campaign handler shares: finding a campaign the caller may see, its scope and
// the wire shapes. (The phase notifications are the timer's: server/system/tick.ts.)
import {
  campaignTypeLabels,
  type Candidate,
  type CampaignSummary,
  type Nomination,
} from '../../contract/campaigns'
import { inShanghai } from '../../contract/time'
import type { ActionContext, Caller } from '../context'
import { AppError, notFound } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { toIso, toIsoOrNull } from '../shared/time'
import type { CampaignView, CandidateView, HouseholdView, NominationView } from '../store/store'
import { phaseAt } from './campaigns.rules'

export const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, { fields: [{ path, message }] })

export const conflict = (message: string) => new AppError('CONFLICT', message)

/** Whether the caller sees this campaign (a village's campaign is for that village). */
export function canSee(caller: Caller | null, c: CampaignView): boolean {
  if (c.villageId === null) return true
  const villages = visibleVillageIds(caller)
  return villages === null || villages.includes(c.villageId)
}

/** A campaign as read, or NOT_FOUND when there is none or the caller may not see it. */
export function seenCampaign(ctx: ActionContext, c: CampaignView | null): CampaignView {
  if (!c || !canSee(ctx.caller, c)) throw notFound('该评选')
  return c
}

/** The campaign, or NOT_FOUND when there is none or the caller may not see it. */
export async function visibleCampaign(ctx: ActionContext, id: string): Promise<CampaignView> {
  return seenCampaign(ctx, await ctx.store.campaigns.get(id))
}

/** Whether a household is within the campaign's scope (its village, or the township). */
export const inScope = (c: CampaignView, h: Pick<HouseholdView, 'villageId'>) =>
  c.villageId === null || c.villageId === h.villageId

export const phaseOf = (c: CampaignView, now: number) => phaseAt(c, now).phase

export const typeLabel = (c: Pick<CampaignView, 'type' | 'customTypeName'>) =>
  c.type === 'custom' ? (c.customTypeName ?? '评选') : campaignTypeLabels[c.type]

export function toSummary(c: CampaignView, now: number): CampaignSummary {
  const { phase, endsAt } = phaseAt(c, now)
  return {
    id: c.id,
    type: c.type,
    typeLabel: typeLabel(c),
    title: c.title,
    description: c.description,
    village: c.villageId && c.villageName ? { id: c.villageId, name: c.villageName } : null,
    phase,
    phaseEndsAt: endsAt === null ? null : toIso(endsAt),
    votingStartsAt: toIso(c.votingStartsAt),
    votingEndsAt: toIso(c.votingEndsAt),
    candidateCount: c.candidateCount,
  }
}

export const householdRef = (h: HouseholdView) => ({
  id: h.id,
  name: h.headName,
  villageName: h.villageName,
  groupName: h.groupName,
})

export function toNomination(n: NominationView): Nomination {
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignTitle: n.campaignTitle,
    household: householdRef(n.household),
    nominatorName: n.nominatorName,
    story: n.story,
    photos: n.photos,
    status: n.status,
    number: n.number,
    reason: n.reason,
    createdAt: toIso(n.createdAt),
    decidedAt: toIsoOrNull(n.decidedAt),
  }
}

export function toCandidate(c: CandidateView, showVotes: boolean): Candidate {
  return {
    id: c.nominationId,
    number: c.number,
    household: householdRef(c.household),
    story: c.story,
    photos: c.photos,
    votes: showVotes ? c.votes : null,
  }
}

/** A moment as residents read it: 11月30日 20:00 (Asia/Shanghai). */
export const wallClock = (ms: number) => inShanghai(ms).format('M月D日 HH:mm')
