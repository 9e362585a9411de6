// What every activity handler shares: finding an activity the caller may see or manage, the
// wire shapes, notifications and the personal code.
import { randomBytes } from 'node:crypto'
import {
  activityTypeLabels,
  type ActivityDetail,
  type ActivitySummary,
  type SignupRow,
} from '../../contract/activities'
import { inShanghai } from '../../contract/time'
import type { ActionContext, Caller } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { toIso, toIsoOrNull } from '../shared/time'
import type { ActivityView, SignupView, VillageRecord } from '../store/store'
import { signupId } from '../store/store'
import {
  activityState,
  cancelSignupRefusal,
  checkInRefusal,
  creditedMinutes,
  hoursOf,
  inActivityScope,
  mayManage,
  signUpRefusal,
} from './activities.rules'

export const badInput = (path: string, message: string) =>
  new AppError('BAD_INPUT', message, { fields: [{ path, message }] })

export const conflict = (message: string) => new AppError('CONFLICT', message)

/** Whether the caller sees this activity (a village's activity is for that village). */
export function canSee(caller: Caller | null, a: Pick<ActivityView, 'villageIds'>): boolean {
  if (a.villageIds.length === 0) return true
  const villages = visibleVillageIds(caller)
  return villages === null || a.villageIds.some((id) => villages.includes(id))
}

/** The activity, or NOT_FOUND when there is none or the caller may not see it. */
export async function visibleActivity(ctx: ActionContext, id: string): Promise<ActivityView> {
  const a = await ctx.store.activities.get(id)
  if (!a || !canSee(ctx.caller, a)) throw notFound('这项活动')
  return a
}

/** The activity, if the caller may manage it (FORBIDDEN otherwise). */
export async function managedActivity(ctx: ActionContext, id: string): Promise<ActivityView> {
  const a = await visibleActivity(ctx, id)
  if (!ctx.caller || !mayManage(ctx.caller, a.villageIds))
    throw forbidden('只有组织这项活动的镇管理员或本村网格员可以操作')
  return a
}

export type VillageNames = Map<string, VillageRecord>

export async function villageNames(ctx: ActionContext): Promise<VillageNames> {
  return new Map((await ctx.store.places.villages()).map((v) => [v.id, v]))
}

export function toSummary(a: ActivityView, villages: VillageNames, now: number): ActivitySummary {
  return {
    id: a.id,
    station: a.station,
    type: a.type,
    typeLabel: activityTypeLabels[a.type],
    title: a.title,
    place: a.place,
    startsAt: toIso(a.startsAt),
    endsAt: toIso(a.endsAt),
    signupDeadline: toIso(a.signupDeadline),
    capacity: a.capacity,
    signedCount: a.signedCount,
    waitingCount: a.waitingCount,
    villages: a.villageIds.flatMap((id) => {
      const v = villages.get(id)
      return v ? [{ id, name: v.name }] : []
    }),
    state: activityState(a, now),
    cover: a.pictures[0] ?? null,
  }
}

/** The activity with the caller's own sign-up and what they may do. */
export async function toDetail(ctx: ActionContext, a: ActivityView): Promise<ActivityDetail> {
  const caller = ctx.caller
  const villages = await villageNames(ctx)
  const mine = caller ? await ctx.store.activities.signup(signupId(a.id, caller.user.id)) : null
  const status = mine?.status ?? null
  const active = status === 'signed' || status === 'waiting'
  const resident = caller?.role === 'resident' && caller.household !== null
  const scopeOk = resident && inActivityScope(a.villageIds, caller.household?.villageId ?? '')
  const refusal = caller
    ? resident
      ? signUpRefusal(a, ctx.now, scopeOk)
      : '绑定家庭的村民才能报名'
    : '请先登录'
  return {
    ...toSummary(a, villages, ctx.now),
    description: a.description,
    pictures: a.pictures,
    cancelReason: a.cancelReason,
    hours: hoursOf(creditedMinutes(a.startsAt, a.endsAt)),
    me: {
      status,
      waitingPosition:
        mine && status === 'waiting'
          ? await ctx.store.activities.waitingPosition(a.id, mine.seq)
          : null,
      checkedIn: mine?.checkedInAt != null && status === 'signed',
      hours: mine?.minutes != null ? hoursOf(mine.minutes) : null,
      canSignUp: !active && refusal === null,
      signUpBlockedReason: active ? null : refusal,
      canCancel: active && cancelSignupRefusal(a, ctx.now) === null,
    },
    canManage: caller !== null && mayManage(caller, a.villageIds),
    checkInOpen: checkInRefusal(a, ctx.now) === null,
    noticeId: a.noticeId,
  }
}

export function toSignupRow(s: SignupView): SignupRow {
  return {
    id: s.id,
    userId: s.userId,
    name: s.nickname,
    householdName: s.householdName,
    villageName: s.villageName,
    status: s.status,
    seq: s.seq,
    signedUpAt: toIso(s.createdAt),
    checkedIn: s.checkedInAt !== null,
    checkedInAt: toIsoOrNull(s.checkedInAt),
    hours: s.minutes === null ? null : hoursOf(s.minutes),
    adjustReason: s.adjustReason,
  }
}

/** '12月5日 09:00' for a message. */
export const wallClock = (ms: number) => inShanghai(ms).format('M月D日 HH:mm')

/** Tells the people moved up from the waiting list that they have a place now. */
export async function notifyPromoted(
  ctx: Pick<ActionContext, 'notifier' | 'now'>,
  a: ActivityView,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return
  await ctx.notifier.send({
    event: 'activityPromoted',
    campaignId: null,
    recipients: userIds,
    key: `activity:${a.id}|promoted|${ctx.now}`,
    at: ctx.now,
    title: `${a.title}：候补转为报名`,
    body: `有人取消了报名，您已从候补转为正式报名。活动时间：${wallClock(a.startsAt)}，地点：${a.place}。`,
  })
}

/** A new personal code: a random token, never derived from the user id. */
export const newVolunteerCode = () => `V${randomBytes(9).toString('base64url')}`
