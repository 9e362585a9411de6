import { campaignPhaseLabels, type CampaignPhase } from '@contract/campaigns.labels'

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
export const campaignUrl = (id: string) => `/pages/campaign/index?id=${encodeURIComponent(id)}`
export const nominateUrl = (campaignId: string) =>
  `/pages/nominate/index?campaignId=${encodeURIComponent(campaignId)}`
export const resultsUrl = (campaignId: string) =>
  `/pages/results/index?id=${encodeURIComponent(campaignId)}`
