// Check-in and volunteer hours: staff check people in from the list or by their personal code,
// adjust a person's hours with a reason; residents read their own record (我的志愿), a
// household's record is read by those who see it in full, and a village's month is a table
// with an .xlsx export. Hours are credited by the timer when an activity ends (system/tick.ts).
import { monthLabel } from '../../contract/filing'
import { codeFromScan, VOLUNTEER_QR_PREFIX, type MonthlyTable } from '../../contract/activities'
import { seesFullDetail } from '../board/household-sight'
import { monthRange } from '../bulletin/filing.rules'
import { signedInCaller, type ActionContext, type HandlersFor } from '../context'
import { forbidden, notFound } from '../errors'
import { loadQr, loadXlsx } from '../lazy/load'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import { signupId, type SignupView } from '../store/store'
import {
  adjustRefusal,
  byHouse,
  checkInRefusal,
  creditedMinutes,
  hoursOf,
  mayReadVillage,
  minutesOf,
} from './activities.rules'
import {
  badInput,
  conflict,
  managedActivity,
  toSignupRow,
  toSummary,
  villageNames,
} from './activity-access'

/** A sign-up of this activity, or NOT_FOUND. */
async function signupOf(ctx: ActionContext, activityId: string, id: string): Promise<SignupView> {
  const s = await ctx.store.activities.signup(id)
  if (!s || s.activityId !== activityId) throw notFound('这条报名')
  return s
}

/** Every row of a village's month, in 门牌号 order, and its totals. */
async function month(
  ctx: ActionContext,
  monthKey: string,
  villageId: string,
): Promise<Omit<MonthlyTable, 'nextCursor'>> {
  const caller = signedInCaller(ctx)
  const village = (await villageNames(ctx)).get(villageId)
  if (!village) throw notFound('这个村')
  if (!mayReadVillage(caller, villageId)) throw forbidden('网格员只能查看本人负责的村')
  const { from, to } = monthRange(monthKey)
  const activities = (await ctx.store.activities.villageActivities(villageId, from, to)).filter(
    (a) => a.cancelledAt === null,
  )
  const people = await ctx.store.activities.participants(
    villageId,
    activities.map((a) => a.id),
  )
  const rows = byHouse(
    people.map((p) => ({
      userId: p.userId,
      name: p.nickname,
      householdName: p.householdName,
      houseNo: p.houseNo,
      activities: p.activities,
      hours: hoursOf(p.minutes),
    })),
  )
  const minutes = people.reduce((sum, p) => sum + p.minutes, 0)
  return {
    month: monthKey,
    village: { id: village.id, name: village.name },
    totalHours: hoursOf(minutes),
    participants: new Set(people.map((p) => p.userId)).size,
    activities: activities.length,
    rows,
  }
}

const COLUMNS = [
  { header: '门牌号', key: 'houseNo', width: 14 },
  { header: '户主', key: 'householdName', width: 12 },
  { header: '参加人', key: 'name', width: 16 },
  { header: '参加活动数', key: 'activities', width: 12 },
  { header: '志愿时长（小时）', key: 'hours', width: 16 },
]

export const hoursHandlers: HandlersFor<
  | 'activities.signups'
  | 'activities.resolveCode'
  | 'activities.checkIn'
  | 'activities.adjustHours'
  | 'activities.me'
  | 'activities.mine'
  | 'activities.householdHours'
  | 'activities.monthly'
  | 'activities.export'
> = {
  async 'activities.signups'(ctx, input) {
    const a = await managedActivity(ctx, input.activityId)
    const page = await ctx.store.activities.signups({
      activityId: a.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toSignupRow), nextCursor: encodeCursor(page.next) }
  },

  async 'activities.resolveCode'(ctx, input) {
    const a = await managedActivity(ctx, input.activityId)
    const owner = await ctx.store.activities.codeOwner(codeFromScan(input.code))
    if (!owner) throw notFound('这个志愿码')
    const s = await ctx.store.activities.signup(signupId(a.id, owner))
    if (!s || s.status === 'cancelled') throw notFound('此人在这项活动的报名')
    return toSignupRow(s)
  },

  async 'activities.checkIn'(ctx, input) {
    const caller = signedInCaller(ctx)
    const a = await managedActivity(ctx, input.activityId)
    const refusal = checkInRefusal(a, ctx.now)
    if (refusal) throw conflict(refusal)
    const s = await signupOf(ctx, a.id, input.signupId)
    if (s.status === 'waiting') throw conflict('此人还在候补名单上，没有名额，不能签到')
    if (s.status === 'cancelled') throw conflict('此人已取消报名')
    const present = s.checkedInAt !== null
    if (present !== input.present) {
      if (!input.present && a.creditedAt !== null)
        throw conflict('时长已经记入，不能取消签到；如有误请调整时长')
      await ctx.store.activities.checkIn(s.id, {
        present: input.present,
        at: ctx.now,
        by: caller.user.id,
        // Checked in after the hours were credited: credited at once.
        minutes:
          input.present && a.creditedAt !== null ? creditedMinutes(a.startsAt, a.endsAt) : null,
      })
    }
    ctx.audit({
      target: `signup:${s.id}`,
      before: { checkedIn: present },
      after: { checkedIn: input.present },
    })
    return toSignupRow((await ctx.store.activities.signup(s.id)) as SignupView)
  },

  async 'activities.adjustHours'(ctx, input) {
    const a = await managedActivity(ctx, input.activityId)
    const refusal = adjustRefusal(a, ctx.now)
    if (refusal) throw conflict(refusal)
    const s = await signupOf(ctx, a.id, input.signupId)
    if (s.status !== 'signed' || s.checkedInAt === null) throw conflict('此人没有签到，不能记时长')
    const minutes = minutesOf(input.hours)
    await ctx.store.activities.adjust(s.id, minutes, input.reason)
    ctx.audit({
      target: `signup:${s.id}`,
      before: { hours: s.minutes === null ? null : hoursOf(s.minutes) },
      after: { hours: hoursOf(minutes), reason: input.reason },
    })
    return toSignupRow((await ctx.store.activities.signup(s.id)) as SignupView)
  },

  async 'activities.me'(ctx) {
    const caller = signedInCaller(ctx)
    const [code, totals] = await Promise.all([
      ctx.store.activities.code(caller.user.id),
      ctx.store.activities.totals(caller.user.id),
    ])
    return {
      code,
      qr: code ? (await loadQr()).qrRows(`${VOLUNTEER_QR_PREFIX}${code}`) : null,
      totalHours: hoursOf(totals.minutes),
      activityCount: totals.activities,
    }
  },

  async 'activities.mine'(ctx, input) {
    const caller = signedInCaller(ctx)
    const [page, villages] = await Promise.all([
      ctx.store.activities.mine({
        userId: caller.user.id,
        after: decodeCursor(input.cursor),
        limit: input.limit,
      }),
      villageNames(ctx),
    ])
    const items = []
    for (const s of page.items) {
      const a = await ctx.store.activities.get(s.activityId)
      if (!a) continue
      items.push({
        signupId: s.id,
        activity: toSummary(a, villages, ctx.now),
        status: s.status,
        waitingPosition:
          s.status === 'waiting' ? await ctx.store.activities.waitingPosition(a.id, s.seq) : null,
        checkedIn: s.status === 'signed' && s.checkedInAt !== null,
        hours: s.minutes === null ? null : hoursOf(s.minutes),
        signedUpAt: toIso(s.createdAt),
      })
    }
    return { items, nextCursor: encodeCursor(page.next) }
  },

  async 'activities.householdHours'(ctx, input) {
    const h = await ctx.store.places.household(input.householdId)
    // Only those who see the household in full (it, its grid workers, admins): the rule of
    // board/household-sight.ts. Anyone else is told nothing, not even that it exists.
    if (!h || !seesFullDetail(ctx.caller, { householdId: h.id, gridId: h.gridId }))
      throw notFound('这户的志愿记录')
    const credits = await ctx.store.activities.householdCredits(h.id)
    const minutes = credits.reduce((sum, c) => sum + (c.minutes ?? 0), 0)
    return {
      householdId: h.id,
      totalHours: hoursOf(minutes),
      activityCount: new Set(credits.map((c) => c.activityId)).size,
      people: new Set(credits.map((c) => c.userId)).size,
      recent: credits.slice(0, 10).map((c) => ({
        activityId: c.activityId,
        title: c.title,
        startsAt: toIso(c.startsAt),
        name: c.nickname,
        hours: hoursOf(c.minutes ?? 0),
      })),
    }
  },

  async 'activities.monthly'(ctx, input) {
    const table = await month(ctx, input.month, input.villageId)
    // The rows are in 门牌号 order; a page starts after the position the cursor names.
    const after = decodeCursor(input.cursor)
    const position = after ? Number(after.at) : -1
    if (!Number.isInteger(position) || position < -1)
      throw badInput('cursor', '分页参数无效，请下拉刷新后重试')
    const start = position + 1
    const rows = table.rows.slice(start, start + input.limit)
    const last = rows[rows.length - 1]
    const more = start + input.limit < table.rows.length
    return {
      ...table,
      rows,
      nextCursor: encodeCursor(
        more && last ? { at: start + rows.length - 1, id: last.userId } : null,
      ),
    }
  },

  async 'activities.export'(ctx, input) {
    const table = await month(ctx, input.month, input.villageId)
    const { newWorkbook, tableSheet, writeXlsx } = await loadXlsx()
    const workbook = newWorkbook()
    const sheet = tableSheet(workbook, `志愿时长-${input.month}`, COLUMNS)
    for (const row of table.rows) sheet.addRow(row)
    sheet.addRow({
      houseNo: '合计',
      householdName: '',
      name: `${table.participants} 人`,
      activities: table.activities,
      hours: table.totalHours,
    })
    return {
      fileName: `${table.village.name}志愿时长-${monthLabel(input.month)}.xlsx`,
      content: writeXlsx(workbook).toString('base64'),
    }
  },
}
