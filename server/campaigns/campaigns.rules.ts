// Pure rules of campaigns: which phase a campaign is in at a given moment.
import type { CampaignPhase } from '../../contract/campaigns'
import type { CampaignRecord } from '../store/store'

type Schedule = Pick<
  CampaignRecord,
  'nominationStartsAt' | 'reviewStartsAt' | 'votingStartsAt' | 'votingEndsAt' | 'publicityEndsAt'
>

/**
 * The phase at `now` and when it ends. Each boundary belongs to the phase it starts:
 * at exactly votingEndsAt voting is over (boundaries are exact to the millisecond).
 */
export function phaseAt(c: Schedule, now: number): { phase: CampaignPhase; endsAt: number | null } {
  if (now < c.nominationStartsAt) return { phase: 'upcoming', endsAt: c.nominationStartsAt }
  if (now < c.reviewStartsAt) return { phase: 'nomination', endsAt: c.reviewStartsAt }
  if (now < c.votingStartsAt) return { phase: 'review', endsAt: c.votingStartsAt }
  if (now < c.votingEndsAt) return { phase: 'voting', endsAt: c.votingEndsAt }
  if (now < c.publicityEndsAt) return { phase: 'publicity', endsAt: c.publicityEndsAt }
  return { phase: 'closed', endsAt: null }
}
