// Campaign kinds, phases and nomination statuses with their Chinese names: plain values,
// zod-free, so the mini-program imports them without loading zod (eslint.config.mjs).

/** Kinds of campaign the township runs; 'custom' carries its own name. */
export const campaignTypes = [
  'civilizedFamily',
  'goodNeighbor',
  'goodInLaws',
  'beautifulCourtyard',
  'custom',
] as const

/** A kind of campaign. */
export type CampaignType = (typeof campaignTypes)[number]

/** The Chinese name of each standard kind (a custom one shows its own name). */
export const campaignTypeLabels: Record<Exclude<CampaignType, 'custom'>, string> = {
  civilizedFamily: '文明家庭',
  goodNeighbor: '好邻居',
  goodInLaws: '好公婆',
  beautifulCourtyard: '最美庭院',
}

/** Phases, in order; derived on the server from the clock in Asia/Shanghai. */
export const campaignPhases = [
  'upcoming',
  'nomination',
  'review',
  'voting',
  'publicity',
  'closed',
] as const

/** A campaign's phase. */
export type CampaignPhase = (typeof campaignPhases)[number]

/** The Chinese name of each phase. */
export const campaignPhaseLabels: Record<CampaignPhase, string> = {
  upcoming: '未开始',
  nomination: '提名中',
  review: '审核中',
  voting: '投票中',
  publicity: '公示中',
  closed: '已结束',
}

/** Where a nomination stands. */
export const nominationStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const

/** The Chinese name of each nomination status. */
export const nominationStatusLabels: Record<(typeof nominationStatuses)[number], string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
}
