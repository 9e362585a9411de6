// 新时代文明实践: staff create, edit and cancel a 文明实践站's activities; residents in scope sign
// up and cancel (the capacity and waiting list are the store's, atomic); after the activity one
// tap turns it into a notice draft. Check-in and hours: attendance.actions.ts, hours.actions.ts.
import { paragraphsToHtml } from '../bulletin/paragraphs'
import { loadHtml } from '../lazy/load'
import { summarise } from '../bulletin/bulletin.rules'
import { signedInCaller, type ActionContext, type HandlersFor } from '../context'
import { AppError, forbidden } from '../errors'
import { checkMediaUrls } from '../media/media-urls'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { visibleVillageIds } from '../people/people.rules'
import type { ActivityPatch, ActivityRecord, ActivityView, NoticeRecord } from '../store/store'
import {
  activityState,
  cancelSignupRefusal,
  creditedMinutes,
  hoursOf,
  inActivityScope,
  scheduleProblem,
  scopeRefusal,
  signUpRefusal,
} from './activities.rules'
import {
  badInput,
  conflict,
  managedActivity,
  newVolunteerCode,
  notifyPromoted,
  toDetail,
  toSummary,
  villageNames,
  visibleActivity,
  wallClock,
} from './activity-access'

/** Epoch ms of an ISO time from the wire; a malformed one is BAD_INPUT on its field. */
function timeOf(iso: string, path: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw badInput(path, '时间格式不正确')
  return ms
}

/** Columns a notice made from an activity goes to, in order of preference. */
const NOTICE_COLUMNS = ['影像新闻', '文明实践']

async function noticeColumn(ctx: ActionContext): Promise<string> {
  const columns = await ctx.store.columns.list()
  for (const name of NOTICE_COLUMNS) {
    const found = columns.find((c) => c.name === name)
    if (found) return found.id
  }
  const first = columns[0]
  if (!first) throw conflict('还没有可用的栏目，请管理员先建立栏目')
  return first.id
}

/** People checked in at an activity (its list is bounded by the capacity). */
async function checkedInCount(ctx: ActionContext, activityId: string): Promise<number> {
  let count = 0
  let after
  for (let pages = 0; pages < 40; pages++) {
    const page = await ctx.store.activities.signups({ activityId, after, limit: 50 })
    count += page.items.filter((s) => s.status === 'signed' && s.checkedInAt !== null).length
    if (!page.next) break
    after = page.next
  }
  return count
}

export const activityHandlers: HandlersFor<
  | 'activities.list'
  | 'activities.get'
  | 'activities.save'
  | 'activities.cancel'
  | 'activities.signUp'
  | 'activities.cancelSignup'
  | 'activities.toNotice'
> = {
  async 'activities.list'(ctx, input) {
    const [page, villages] = await Promise.all([
      ctx.store.activities.list({
        villageIds: visibleVillageIds(ctx.caller),
        when: input.when,
        now: ctx.now,
        after: decodeCursor(input.cursor),
        limit: input.limit,
      }),
      villageNames(ctx),
    ])
    return {
      items: page.items.map((a) => toSummary(a, villages, ctx.now)),
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'activities.get'(ctx, input) {
    return toDetail(ctx, await visibleActivity(ctx, input.id))
  },

  async 'activities.save'(ctx, input) {
    const caller = signedInCaller(ctx)
    const before = input.id ? await managedActivity(ctx, input.id) : null
    if (before && before.cancelledAt !== null) throw conflict('活动已取消，不能再修改')
    if (before && activityState(before, ctx.now) === 'ended')
      throw conflict('活动已结束，不能再修改')
    const villageIds =
      input.scope.kind === 'villages' ? [...new Set(input.scope.villageIds)].sort() : []
    const refusal = scopeRefusal(caller, villageIds)
    if (refusal) throw forbidden(refusal)
    const known = await villageNames(ctx)
    if (villageIds.some((id) => !known.has(id)))
      throw badInput('scope.villageIds', '所选的村不存在')
    const times = {
      startsAt: timeOf(input.startsAt, 'startsAt'),
      endsAt: timeOf(input.endsAt, 'endsAt'),
      signupDeadline: timeOf(input.signupDeadline, 'signupDeadline'),
    }
    const problem = scheduleProblem(times, ctx.now, before === null)
    if (problem) throw badInput(problem.path, problem.message)
    await checkMediaUrls(ctx, { pictures: input.pictures }, { kept: before?.pictures ?? [] })
    const verdict = await ctx.content.checkText(`${input.title}\n${input.description}`)
    if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)
    const fields: ActivityPatch = {
      station: input.station,
      type: input.type,
      title: input.title,
      description: input.description,
      pictures: input.pictures,
      place: input.place,
      ...times,
      capacity: input.capacity,
      villageIds,
      updatedAt: ctx.now,
    }
    let saved: ActivityView
    if (before) {
      const outcome = await ctx.store.activities.update(before.id, fields)
      if (!outcome.ok)
        throw badInput('capacity', `已有 ${outcome.signed} 人报名，名额不能少于 ${outcome.signed}`)
      saved = (await ctx.store.activities.get(before.id)) as ActivityView
      await notifyPromoted(ctx, saved, outcome.promoted)
    } else {
      const record: ActivityRecord = {
        ...fields,
        id: newId('act'),
        createdBy: caller.user.id,
        createdAt: ctx.now,
        cancelledAt: null,
        cancelReason: null,
        remindedAt: null,
        creditedAt: null,
        noticeId: null,
      }
      await ctx.store.activities.create(record)
      saved = (await ctx.store.activities.get(record.id)) as ActivityView
    }
    const summary = (a: ActivityView | null) => (a ? toSummary(a, known, ctx.now) : null)
    ctx.audit({ target: `activity:${saved.id}`, before: summary(before), after: summary(saved) })
    return toDetail(ctx, saved)
  },

  async 'activities.cancel'(ctx, input) {
    const a = await managedActivity(ctx, input.id)
    if (activityState(a, ctx.now) === 'ended') throw conflict('活动已经结束，不能取消')
    if (await ctx.store.activities.cancel(a.id, { at: ctx.now, reason: input.reason })) {
      const recipients = await ctx.store.activities.recipients(a.id, true)
      if (recipients.length > 0)
        await ctx.notifier.send({
          event: 'activityCancelled',
          campaignId: null,
          recipients,
          key: `activity:${a.id}|cancelled`,
          at: ctx.now,
          title: `${a.title}已取消`,
          body: `原定 ${wallClock(a.startsAt)} 在${a.place}的活动已取消。原因：${input.reason}`,
        })
    }
    ctx.audit({ target: `activity:${a.id}`, after: { cancelled: true, reason: input.reason } })
    return toDetail(ctx, await visibleActivity(ctx, a.id))
  },

  async 'activities.signUp'(ctx, input) {
    const caller = signedInCaller(ctx)
    const household = caller.household
    if (!household) throw conflict('请先绑定家庭')
    const a = await visibleActivity(ctx, input.id)
    const refusal = signUpRefusal(a, ctx.now, inActivityScope(a.villageIds, household.villageId))
    if (refusal) {
      if (!inActivityScope(a.villageIds, household.villageId)) throw forbidden(refusal)
      throw conflict(refusal)
    }
    const outcome = await ctx.store.activities.signUp({
      activityId: a.id,
      userId: caller.user.id,
      householdId: household.id,
      villageId: household.villageId,
      now: ctx.now,
    })
    if (!outcome.ok) {
      if (outcome.reason === 'already') throw conflict('您已经报名了这项活动')
      if (outcome.reason === 'closed') throw conflict('报名已截止')
      throw conflict('活动已取消')
    }
    await ctx.store.activities.ensureCode(caller.user.id, newVolunteerCode(), ctx.now)
    ctx.audit({ target: `activity:${a.id}`, after: { status: outcome.status } })
    return toDetail(ctx, await visibleActivity(ctx, a.id))
  },

  async 'activities.cancelSignup'(ctx, input) {
    const caller = signedInCaller(ctx)
    const a = await visibleActivity(ctx, input.id)
    const refusal = cancelSignupRefusal(a, ctx.now)
    if (refusal) throw conflict(refusal)
    const outcome = await ctx.store.activities.cancelSignup(a.id, caller.user.id, ctx.now)
    if (!outcome.ok) throw conflict('您没有报名这项活动')
    await notifyPromoted(ctx, a, outcome.promoted)
    ctx.audit({
      target: `activity:${a.id}`,
      after: { was: outcome.was, promoted: outcome.promoted },
    })
    return toDetail(ctx, await visibleActivity(ctx, a.id))
  },

  async 'activities.toNotice'(ctx, input) {
    const caller = signedInCaller(ctx)
    const a = await managedActivity(ctx, input.id)
    if (activityState(a, ctx.now) !== 'ended') throw conflict('活动结束后才能生成新闻稿')
    if (a.noticeId && (await ctx.store.notices.get(a.noticeId))) {
      ctx.audit({ target: `activity:${a.id}`, after: { noticeId: a.noticeId } })
      return { noticeId: a.noticeId }
    }
    const present = await checkedInCount(ctx, a.id)
    const hours = hoursOf(creditedMinutes(a.startsAt, a.endsAt))
    const paragraphs = [
      `${wallClock(a.startsAt)}，${a.station}在${a.place}开展“${a.title}”活动。`,
      a.description,
      present > 0
        ? `本次活动共有 ${present} 人参加，每人记志愿服务时长 ${hours} 小时。`
        : `本次活动记志愿服务时长 ${hours} 小时。`,
    ]
    const body = paragraphsToHtml(paragraphs)
    const { plainText } = await loadHtml()
    const notice: NoticeRecord = {
      id: newId('ntc'),
      columnId: await noticeColumn(ctx),
      title: a.title,
      summary: summarise(plainText(body)),
      body,
      villageIds: a.villageIds,
      pinned: false,
      status: 'draft',
      authorId: caller.user.id,
      publishAt: ctx.now,
      expireAt: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      viewCount: 0,
      cover: a.pictures[0] ?? null,
      images: a.pictures,
      video: null,
      adoptedAt: null,
    }
    await ctx.store.notices.create(notice)
    await ctx.store.activities.setNotice(a.id, notice.id)
    ctx.audit({ target: `activity:${a.id}`, after: { noticeId: notice.id } })
    return { noticeId: notice.id }
  },
}
