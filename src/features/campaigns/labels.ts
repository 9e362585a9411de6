import type { CampaignPhase, CampaignSummary } from '@contract/campaigns'

export const phaseNames: Record<CampaignPhase, string> = {
  upcoming: '未开始',
  nomination: '提名中',
  review: '审核中',
  voting: '投票中',
  publicity: '公示中',
  closed: '已结束',
}

/** What the countdown counts down to, per phase. */
export const phaseDeadlineNames: Record<CampaignPhase, string> = {
  upcoming: '距提名开始',
  nomination: '距提名截止',
  review: '距投票开始',
  voting: '距投票结束',
  publicity: '距公示结束',
  closed: '',
}

export const campaignTypeNames: Record<CampaignSummary['type'], string> = {
  civilizedFamily: '文明家庭',
  goodNeighbor: '好邻居',
  goodInLaws: '好公婆',
  beautifulCourtyard: '最美庭院',
}
