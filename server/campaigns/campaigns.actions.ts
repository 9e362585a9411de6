import { campaignTypeLabels, type CampaignSummary } from '../../contract/campaigns'
import type { HandlersFor } from '../context'
import { visibleVillageIds } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import type { CampaignView } from '../store/store'
import { phaseAt } from './campaigns.rules'

function toSummary(c: CampaignView, now: number): CampaignSummary {
  const { phase, endsAt } = phaseAt(c, now)
  return {
    id: c.id,
    type: c.type,
    typeLabel: c.type === 'custom' ? '' : campaignTypeLabels[c.type],
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

export const campaignHandlers: HandlersFor<'campaigns.list'> = {
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
}
