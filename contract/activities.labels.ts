// Activity kinds, states and sign-up statuses with their Chinese names, and the volunteer QR
// code's text: plain values, zod-free, so the mini-program imports them without loading zod.

/** Kinds of activity a 新时代文明实践站 runs. */
export const activityTypes = [
  'volunteer',
  'lecture',
  'moralClass',
  'culture',
  'library',
  'other',
] as const

/** A kind of activity. */
export type ActivityType = (typeof activityTypes)[number]

/** The Chinese name of each kind. */
export const activityTypeLabels: Record<ActivityType, string> = {
  volunteer: '志愿服务',
  lecture: '理论宣讲',
  moralClass: '道德讲堂',
  culture: '文体活动',
  library: '农家书屋',
  other: '其他',
}

/** Where an activity stands, derived on the server from the clock. */
export const activityStates = ['open', 'closed', 'ongoing', 'ended', 'cancelled'] as const

/** An activity's state. */
export type ActivityState = (typeof activityStates)[number]

/** The Chinese name of each state. */
export const activityStateLabels: Record<ActivityState, string> = {
  open: '报名中',
  closed: '报名已截止',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

/** Where a person stands on an activity's list. */
export const signupStatuses = ['signed', 'waiting', 'cancelled'] as const

/** A sign-up's status. */
export type SignupStatus = (typeof signupStatuses)[number]

export const signupStatusLabels: Record<SignupStatus, string> = {
  signed: '已报名',
  waiting: '候补',
  cancelled: '已取消',
}

/** What a personal code's QR code holds: a prefix and the code. */
export const VOLUNTEER_QR_PREFIX = 'hemei-volunteer:'

/** The code in a scanned QR code's text (or the code typed in). */
export const codeFromScan = (text: string) => text.trim().replace(VOLUNTEER_QR_PREFIX, '')
