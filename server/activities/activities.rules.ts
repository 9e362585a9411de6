// 新时代文明实践's rules, pure: an activity's state on the clock, who may sign up and when,
// where a sign-up lands (the list or the waiting list), who moves up, when check-in is open,
// how many hours an activity is worth and who may manage it. No I/O; the handlers and both
// Store adapters call these, and tests/unit/server/activities.rules.test.ts states the numbers.
import type { ActivityState, SignupStatus } from '../../contract/activities'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** Hours are kept in steps of half an hour. */
export const STEP_MINUTES = 30
/** The longest activity: a day. */
export const MAX_DURATION_MS = DAY
/** Check-in opens this long before the start… */
export const CHECK_IN_OPENS_BEFORE_MS = 2 * HOUR
/** …and stays open this long after the end (a list written up in the evening). */
export const CHECK_IN_CLOSES_AFTER_MS = DAY
/** The reminder goes out once the start is less than this far off. */
export const REMINDER_LEAD_MS = DAY

/** The times and status an activity's rules need. */
export interface Schedule {
  startsAt: number
  endsAt: number
  signupDeadline: number
  cancelledAt: number | null
}

/** Where an activity stands at `now`. */
export function activityState(a: Schedule, now: number): ActivityState {
  if (a.cancelledAt !== null) return 'cancelled'
  if (now >= a.endsAt) return 'ended'
  if (now >= a.startsAt) return 'ongoing'
  if (now >= a.signupDeadline) return 'closed'
  return 'open'
}

/**
 * The minutes credited for an activity: its duration rounded to the nearest half hour (a
 * quarter hour rounds up), and at least half an hour for any activity at all.
 */
export function creditedMinutes(startsAt: number, endsAt: number): number {
  const minutes = Math.max(0, endsAt - startsAt) / MINUTE
  if (minutes <= 0) return 0
  const steps = Math.floor(minutes / STEP_MINUTES + 0.5)
  return Math.max(1, steps) * STEP_MINUTES
}

/** Minutes as hours shown to people: 90 → 1.5. */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100

/** Hours entered by staff (in half hours) as minutes: 1.5 → 90. */
export const minutesOf = (hours: number): number => Math.round(hours * 2) * STEP_MINUTES

/** What is wrong with an activity's times, as a field and a message; null when fine. */
export function scheduleProblem(
  s: Pick<Schedule, 'startsAt' | 'endsAt' | 'signupDeadline'>,
  now: number,
  isNew: boolean,
): { path: string; message: string } | null {
  if (isNew && s.startsAt <= now) return { path: 'startsAt', message: '开始时间须晚于现在' }
  if (s.endsAt <= s.startsAt) return { path: 'endsAt', message: '结束时间须晚于开始时间' }
  if (s.endsAt - s.startsAt > MAX_DURATION_MS)
    return { path: 'endsAt', message: '一次活动最长 24 小时' }
  if (s.signupDeadline > s.startsAt)
    return { path: 'signupDeadline', message: '报名截止时间不能晚于开始时间' }
  return null
}

/** Where a new sign-up lands: on the list while places are left, otherwise waiting. */
export function placeFor(signedCount: number, capacity: number): 'signed' | 'waiting' {
  return signedCount < capacity ? 'signed' : 'waiting'
}

/** Whether a household of this village is in the activity's scope (empty = the township). */
export const inActivityScope = (villageIds: readonly string[], villageId: string): boolean =>
  villageIds.length === 0 || villageIds.includes(villageId)

/** Why a resident may not sign up now, or null. */
export function signUpRefusal(a: Schedule, now: number, inScope: boolean): string | null {
  if (a.cancelledAt !== null) return '活动已取消'
  if (!inScope) return '这项活动只面向所选的村，您所在的村不在其中'
  if (now >= a.signupDeadline) return '报名已截止'
  return null
}

/** Why a resident may not take themselves off the list now, or null. */
export function cancelSignupRefusal(a: Schedule, now: number): string | null {
  if (a.cancelledAt !== null) return '活动已取消'
  if (now >= a.startsAt) return '活动已经开始，不能再取消报名；如有变化请联系组织者'
  return null
}

/** Waiting sign-ups in the order they move up: first come, first served. */
export function waitingOrder<T extends { seq: number }>(waiting: readonly T[]): T[] {
  return [...waiting].sort((a, b) => a.seq - b.seq)
}

/** How many waiting people move up when `free` places open and `waiting` people wait. */
export const promotions = (free: number, waiting: number): number =>
  Math.max(0, Math.min(free, waiting))

/** A waiting person's place in line (1 = next to move up). */
export function waitingPosition(
  others: readonly { seq: number; status: SignupStatus }[],
  seq: number,
): number {
  return others.filter((o) => o.status === 'waiting' && o.seq < seq).length + 1
}

/** Why staff may not check someone in now, or null. */
export function checkInRefusal(a: Schedule, now: number): string | null {
  if (a.cancelledAt !== null) return '活动已取消'
  if (now < a.startsAt - CHECK_IN_OPENS_BEFORE_MS) return '活动开始前 2 小时才能签到'
  if (now > a.endsAt + CHECK_IN_CLOSES_AFTER_MS) return '活动结束超过一天，不能再签到'
  return null
}

/** Why staff may not adjust someone's hours now, or null. */
export function adjustRefusal(a: Schedule, now: number): string | null {
  if (a.cancelledAt !== null) return '活动已取消'
  if (now < a.endsAt) return '活动结束后才能调整时长'
  return null
}

/** Whether the reminder of an activity is due at `now` (the day before, once). */
export const reminderDue = (a: Schedule & { remindedAt: number | null }, now: number): boolean =>
  a.cancelledAt === null &&
  a.remindedAt === null &&
  now >= a.startsAt - REMINDER_LEAD_MS &&
  now < a.startsAt

/** Whether an activity's hours are due to be credited at `now` (it has ended, not cancelled). */
export const creditDue = (a: Schedule & { creditedAt: number | null }, now: number): boolean =>
  a.cancelledAt === null && a.creditedAt === null && now >= a.endsAt

/** The caller as the management rule needs it. */
export interface Manager {
  role: string
  gridVillageIds: readonly string[]
}

/**
 * Admins manage every activity; a grid worker those of villages they all serve (not the
 * township's, which the township runs).
 */
export function mayManage(caller: Manager, villageIds: readonly string[]): boolean {
  if (caller.role === 'admin') return true
  if (caller.role !== 'gridWorker' || villageIds.length === 0) return false
  return villageIds.every((id) => caller.gridVillageIds.includes(id))
}

/** Why staff may not create or move an activity to these villages, or null. */
export function scopeRefusal(caller: Manager, villageIds: readonly string[]): string | null {
  if (mayManage(caller, villageIds)) return null
  if (villageIds.length === 0) return '全镇的活动由镇里组织，网格员只能为本人负责的村组织活动'
  return '网格员只能为本人负责的村组织活动'
}

/** Whether staff may see a village's monthly hours. */
export const mayReadVillage = (caller: Manager, villageId: string): boolean =>
  caller.role === 'admin' ||
  (caller.role === 'gridWorker' && caller.gridVillageIds.includes(villageId))

/** 门牌号 in reading order: 东街2号 before 东街10号. */
export function byHouse<T extends { houseNo: string; name: string; userId: string }>(
  rows: readonly T[],
): T[] {
  const collator = new Intl.Collator('zh-CN', { numeric: true })
  return [...rows].sort(
    (a, b) =>
      collator.compare(a.houseNo, b.houseNo) ||
      collator.compare(a.name, b.name) ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  )
}
