// 新时代文明实践's part of the Store: activities, sign-ups with an atomic capacity and a waiting
// list, check-in, credited hours and the personal codes staff scan. Implemented by
// server/store/sqlite/activities.ts and server/store/cloud/activities.ts.
import type { Keyset, Page } from './common'

export type ActivityType = 'volunteer' | 'lecture' | 'moralClass' | 'culture' | 'library' | 'other'
export type SignupStatus = 'signed' | 'waiting' | 'cancelled'

export interface ActivityRecord {
  id: string
  station: string
  type: ActivityType
  title: string
  description: string
  pictures: string[]
  place: string
  startsAt: number
  endsAt: number
  signupDeadline: number
  capacity: number
  /** Empty for the whole township. */
  villageIds: string[]
  createdBy: string
  createdAt: number
  updatedAt: number
  cancelledAt: number | null
  cancelReason: string | null
  /** When the day-before reminder went out. */
  remindedAt: number | null
  /** When the checked-in people's hours were credited (the first tick after the end). */
  creditedAt: number | null
  /** The notice draft made from it. */
  noticeId: string | null
}

export interface ActivityView extends ActivityRecord {
  signedCount: number
  waitingCount: number
}

/** What an edit may change. */
export type ActivityPatch = Pick<
  ActivityRecord,
  | 'station'
  | 'type'
  | 'title'
  | 'description'
  | 'pictures'
  | 'place'
  | 'startsAt'
  | 'endsAt'
  | 'signupDeadline'
  | 'capacity'
  | 'villageIds'
  | 'updatedAt'
>

export interface SignupRecord {
  /** `${activityId}:${userId}`: one line per person and activity (signing up again reuses it). */
  id: string
  activityId: string
  userId: string
  householdId: string
  villageId: string
  status: SignupStatus
  /** Order of (the latest) sign-up; the waiting list moves up in this order. */
  seq: number
  createdAt: number
  updatedAt: number
  checkedInAt: number | null
  checkedInBy: string | null
  /** Credited (or adjusted) minutes; null until credited. */
  minutes: number | null
  adjustReason: string | null
}

export interface SignupView extends SignupRecord {
  nickname: string
  householdName: string
  houseNo: string
  villageName: string
}

export const signupId = (activityId: string, userId: string) => `${activityId}:${userId}`

export type SignUpOutcome =
  | { ok: true; status: 'signed' | 'waiting' }
  | { ok: false; reason: 'notFound' | 'cancelled' | 'closed' | 'already' }

export type CancelOutcome =
  | { ok: true; was: 'signed' | 'waiting'; promoted: string[] }
  | { ok: false; reason: 'notFound' | 'none' }

export interface MonthlyParticipant {
  userId: string
  nickname: string
  householdName: string
  houseNo: string
  minutes: number
  activities: number
}

/** Store.activities */
export interface ActivitiesRepo {
  create(a: ActivityRecord): Promise<void>
  get(id: string): Promise<ActivityView | null>
  /**
   * Changes an activity. A capacity below the people already signed up is refused; a larger
   * one moves the first waiting up (answered by user id, in order).
   */
  update(
    id: string,
    patch: ActivityPatch,
  ): Promise<{ ok: true; promoted: string[] } | { ok: false; signed: number }>
  /** Cancels it once; false when it was cancelled already. */
  cancel(id: string, d: { at: number; reason: string }): Promise<boolean>
  /**
   * Upcoming (ends after `now`, soonest start first) or past (ended, latest start first)
   * activities of the township and of `villageIds` (null = every village).
   */
  list(q: {
    villageIds: string[] | null
    when: 'upcoming' | 'past'
    now: number
    after?: Keyset
    limit: number
  }): Promise<Page<ActivityView>>
  /**
   * Signs a person up atomically: on the list while fewer than `capacity` are signed up,
   * otherwise on the waiting list. The deadline and cancellation are checked in the same step.
   */
  signUp(s: {
    activityId: string
    userId: string
    householdId: string
    villageId: string
    now: number
  }): Promise<SignUpOutcome>
  /** Takes a person off (list or waiting list) atomically; a freed place goes to the first waiting. */
  cancelSignup(activityId: string, userId: string, now: number): Promise<CancelOutcome>
  signup(id: string): Promise<SignupView | null>
  /** Signed up first, then waiting, then cancelled, each in sign-up order. */
  signups(q: { activityId: string; after?: Keyset; limit: number }): Promise<Page<SignupView>>
  /** User ids of those signed up (and, with `waiting`, those waiting). */
  recipients(activityId: string, waiting: boolean): Promise<string[]>
  /** A waiting sign-up's place in line (1 = next). */
  waitingPosition(activityId: string, seq: number): Promise<number>
  /** Marks a signed-up person present (with minutes when the activity is credited already) or not. */
  checkIn(
    id: string,
    d: { present: boolean; at: number; by: string; minutes: number | null },
  ): Promise<void>
  /** Sets a person's minutes, with the reason. */
  adjust(id: string, minutes: number, reason: string): Promise<void>
  /** Activities ended by `now`, not cancelled, not credited yet; earliest end first. */
  creditDue(now: number, limit: number): Promise<ActivityView[]>
  /**
   * Credits `minutes` to every checked-in person not credited yet and marks the activity
   * credited; false (and nothing written) when it was credited already.
   */
  credit(activityId: string, minutes: number, at: number): Promise<boolean>
  /** Activities starting in [from, to), not cancelled, not reminded yet; soonest first. */
  reminderDue(from: number, to: number, limit: number): Promise<ActivityView[]>
  /** Claims the reminder of an activity; true only for the first claim. */
  claimReminder(activityId: string, at: number): Promise<boolean>
  setNotice(activityId: string, noticeId: string): Promise<void>
  /** A person's sign-ups, latest first. */
  mine(q: { userId: string; after?: Keyset; limit: number }): Promise<Page<SignupRecord>>
  /** A person's credited minutes and activities. */
  totals(userId: string): Promise<{ minutes: number; activities: number }>
  /** A household's credited sign-ups (minutes > 0), latest first, with the person's nickname. */
  householdCredits(
    householdId: string,
  ): Promise<(SignupRecord & { nickname: string; title: string; startsAt: number })[]>
  /** Activities starting in [from, to) whose scope includes the village (township ones too). */
  villageActivities(villageId: string, from: number, to: number): Promise<ActivityRecord[]>
  /** Credited sign-ups of the village's people on these activities, per person. */
  participants(villageId: string, activityIds: readonly string[]): Promise<MonthlyParticipant[]>
  /** The person's personal code, or null. */
  code(userId: string): Promise<string | null>
  /** Gives the person `code` unless they have one; answers the one they have. */
  ensureCode(userId: string, code: string, at: number): Promise<string>
  /** Whose code this is, or null. */
  codeOwner(code: string): Promise<string | null>
}
