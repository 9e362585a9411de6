import { campaignPhaseLabels, type CampaignPhase } from '@contract/campaigns.labels'
import { residentUrl } from '@/lib/routes'

export const phaseNames: Record<CampaignPhase, string> = campaignPhaseLabels

/** What the countdown counts down to, per phase. */
export const phaseDeadlineNames: Record<CampaignPhase, string> = {
  upcoming: '距提名开始',
  nomination: '距提名截止',
  review: '距投票开始',
  voting: '距投票结束',
  publicity: '距公示结束',
  closed: '',
}

/** Resident pages of campaigns. */
export const campaignUrl = (id: string) => residentUrl('campaign', `id=${encodeURIComponent(id)}`)
export const nominateUrl = (campaignId: string) =>
  residentUrl('nominate', `campaignId=${encodeURIComponent(campaignId)}`)
export const resultsUrl = (campaignId: string) =>
  residentUrl('results', `id=${encodeURIComponent(campaignId)}`)
