// 新时代文明实践's pure rules with the numbers a person would check by hand: places at, below
// and above the capacity, the waiting list's order, the sign-up deadline to the millisecond,
// and an activity's hours rounded to half hours.
import { describe, expect, it } from 'vitest'
import {
  activityState,
  adjustRefusal,
  byHouse,
  cancelSignupRefusal,
  checkInRefusal,
  creditDue,
  creditedMinutes,
  hoursOf,
  inActivityScope,
  mayManage,
  mayReadVillage,
  scopeRefusal,
  minutesOf,
  placeFor,
  promotions,
  reminderDue,
  scheduleProblem,
  signUpRefusal,
  waitingOrder,
  waitingPosition,
} from '../../../server/activities/activities.rules'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const T = Date.parse('2026-12-10T01:00:00Z') // 09:00 in Asia/Shanghai

const activity = {
  startsAt: T,
  endsAt: T + 3 * HOUR,
  signupDeadline: T - DAY,
  cancelledAt: null as number | null,
}

describe('capacity: where a sign-up lands', () => {
  it('capacity 3: the 1st, 2nd and 3rd are signed up, the 4th and 5th wait', () => {
    expect(placeFor(0, 3)).toBe('signed')
    expect(placeFor(2, 3)).toBe('signed') // below: the last place
    expect(placeFor(3, 3)).toBe('waiting') // at capacity
    expect(placeFor(4, 3)).toBe('waiting') // above (capacity lowered later)
  })

  it('capacity 1: one place', () => {
    expect(placeFor(0, 1)).toBe('signed')
    expect(placeFor(1, 1)).toBe('waiting')
  })

  it('places that open move up as many as wait, no more', () => {
    expect(promotions(1, 7)).toBe(1)
    expect(promotions(3, 2)).toBe(2)
    expect(promotions(0, 5)).toBe(0)
    expect(promotions(-1, 5)).toBe(0)
  })
})

describe('the waiting list', () => {
  it('moves up in sign-up order, whatever order it is read in', () => {
    const waiting = [{ seq: 9 }, { seq: 4 }, { seq: 7 }, { seq: 5 }]
    expect(waitingOrder(waiting).map((w) => w.seq)).toEqual([4, 5, 7, 9])
  })

  it('a waiting person’s place counts only those waiting ahead of them', () => {
    const list = [
      { seq: 1, status: 'signed' as const },
      { seq: 2, status: 'signed' as const },
      { seq: 3, status: 'signed' as const },
      { seq: 4, status: 'cancelled' as const },
      { seq: 5, status: 'waiting' as const },
      { seq: 6, status: 'waiting' as const },
      { seq: 7, status: 'waiting' as const },
    ]
    expect(waitingPosition(list, 5)).toBe(1)
    expect(waitingPosition(list, 6)).toBe(2)
    expect(waitingPosition(list, 7)).toBe(3)
  })
})

describe('the sign-up deadline', () => {
  const deadline = activity.signupDeadline
  it('1 ms before the deadline one may sign up; at it and after, not', () => {
    expect(signUpRefusal(activity, deadline - 1, true)).toBeNull()
    expect(signUpRefusal(activity, deadline, true)).toBe('报名已截止')
    expect(signUpRefusal(activity, deadline + 1, true)).toBe('报名已截止')
  })

  it('states: 报名中 until the deadline, 报名已截止 until the start, then 进行中, then 已结束', () => {
    expect(activityState(activity, deadline - 1)).toBe('open')
    expect(activityState(activity, deadline)).toBe('closed')
    expect(activityState(activity, T - 1)).toBe('closed')
    expect(activityState(activity, T)).toBe('ongoing')
    expect(activityState(activity, T + 3 * HOUR - 1)).toBe('ongoing')
    expect(activityState(activity, T + 3 * HOUR)).toBe('ended')
    expect(activityState({ ...activity, cancelledAt: T - 2 * DAY }, deadline - 1)).toBe('cancelled')
  })

  it('out of scope or cancelled, the reason says so', () => {
    expect(signUpRefusal(activity, deadline - DAY, false)).toMatch(/不在其中/)
    expect(signUpRefusal({ ...activity, cancelledAt: 1 }, deadline - DAY, true)).toBe('活动已取消')
  })

  it('one may take oneself off the list until the start, not at it', () => {
    expect(cancelSignupRefusal(activity, T - 1)).toBeNull()
    expect(cancelSignupRefusal(activity, T)).toMatch(/已经开始/)
  })
})

describe('hours', () => {
  const credited = (minutes: number) => creditedMinutes(T, T + minutes * MIN)
  it('an activity’s duration rounds to the nearest half hour, a quarter hour up', () => {
    expect(credited(180)).toBe(180) // 3 h → 3 h
    expect(credited(120 + 14)).toBe(120) // 2 h 14 min → 2 h
    expect(credited(120 + 15)).toBe(150) // 2 h 15 min → 2.5 h
    expect(credited(120 + 44)).toBe(150) // 2 h 44 min → 2.5 h
    expect(credited(120 + 45)).toBe(180) // 2 h 45 min → 3 h
  })

  it('any activity is worth at least half an hour; none at all is worth nothing', () => {
    expect(credited(10)).toBe(30)
    expect(credited(1)).toBe(30)
    expect(credited(0)).toBe(0)
  })

  it('minutes and hours convert in half hours', () => {
    expect(hoursOf(90)).toBe(1.5)
    expect(hoursOf(0)).toBe(0)
    expect(hoursOf(480)).toBe(8)
    expect(minutesOf(1.5)).toBe(90)
    expect(minutesOf(0.5)).toBe(30)
    expect(minutesOf(24)).toBe(1440)
  })
})

describe('schedule', () => {
  const now = T - 3 * DAY
  it('a new activity starts after now, ends after it starts, lasts a day at most', () => {
    expect(scheduleProblem(activity, now, true)).toBeNull()
    expect(scheduleProblem({ ...activity, startsAt: now }, now, true)?.path).toBe('startsAt')
    expect(scheduleProblem({ ...activity, endsAt: T }, now, true)?.path).toBe('endsAt')
    expect(scheduleProblem({ ...activity, endsAt: T + DAY }, now, true)).toBeNull()
    expect(scheduleProblem({ ...activity, endsAt: T + DAY + 1 }, now, true)?.path).toBe('endsAt')
  })

  it('the deadline may be the start, not later', () => {
    expect(scheduleProblem({ ...activity, signupDeadline: T }, now, true)).toBeNull()
    expect(scheduleProblem({ ...activity, signupDeadline: T + 1 }, now, true)?.path).toBe(
      'signupDeadline',
    )
  })

  it('an edit may keep a start that is already past', () => {
    expect(scheduleProblem(activity, T + HOUR, false)).toBeNull()
  })
})

describe('check-in, adjustments, reminders and crediting on the clock', () => {
  it('check-in opens 2 hours before the start and closes a day after the end', () => {
    expect(checkInRefusal(activity, T - 2 * HOUR - 1)).not.toBeNull()
    expect(checkInRefusal(activity, T - 2 * HOUR)).toBeNull()
    expect(checkInRefusal(activity, T + 3 * HOUR + DAY)).toBeNull()
    expect(checkInRefusal(activity, T + 3 * HOUR + DAY + 1)).not.toBeNull()
  })

  it('hours are adjusted only once the activity has ended', () => {
    expect(adjustRefusal(activity, T + 3 * HOUR - 1)).not.toBeNull()
    expect(adjustRefusal(activity, T + 3 * HOUR)).toBeNull()
  })

  it('the reminder is due within the 24 hours before the start, once', () => {
    const a = { ...activity, remindedAt: null as number | null }
    expect(reminderDue(a, T - DAY - 1)).toBe(false)
    expect(reminderDue(a, T - DAY)).toBe(true)
    expect(reminderDue(a, T - 1)).toBe(true)
    expect(reminderDue(a, T)).toBe(false)
    expect(reminderDue({ ...a, remindedAt: T - DAY }, T - 1)).toBe(false)
    expect(reminderDue({ ...a, cancelledAt: T - DAY }, T - 1)).toBe(false)
  })

  it('hours are credited from the end on, once, never for a cancelled activity', () => {
    const a = { ...activity, creditedAt: null as number | null }
    expect(creditDue(a, T + 3 * HOUR - 1)).toBe(false)
    expect(creditDue(a, T + 3 * HOUR)).toBe(true)
    expect(creditDue({ ...a, creditedAt: T + 3 * HOUR }, T + 4 * HOUR)).toBe(false)
    expect(creditDue({ ...a, cancelledAt: T }, T + 4 * HOUR)).toBe(false)
  })
})

describe('scope and management', () => {
  const grid = { role: 'gridWorker', gridVillageIds: ['vil-a'] }
  it('an empty scope is the township: every village is in it', () => {
    expect(inActivityScope([], 'vil-x')).toBe(true)
    expect(inActivityScope(['vil-a'], 'vil-a')).toBe(true)
    expect(inActivityScope(['vil-a'], 'vil-b')).toBe(false)
  })

  it('a grid worker manages only activities wholly within their villages', () => {
    expect(mayManage(grid, ['vil-a'])).toBe(true)
    expect(mayManage(grid, ['vil-a', 'vil-b'])).toBe(false)
    expect(mayManage(grid, [])).toBe(false)
    expect(mayManage({ role: 'admin', gridVillageIds: [] }, [])).toBe(true)
    expect(mayManage({ role: 'resident', gridVillageIds: [] }, ['vil-a'])).toBe(false)
    expect(mayReadVillage(grid, 'vil-a')).toBe(true)
    expect(mayReadVillage(grid, 'vil-b')).toBe(false)
  })

  it('the monthly table reads in 门牌号 order (东街2号 before 东街10号), not by hours', () => {
    const rows = [
      { houseNo: '东街10号', name: '甲', userId: 'u1', hours: 9 },
      { houseNo: '东街2号', name: '乙', userId: 'u2', hours: 1 },
      { houseNo: '东街2号', name: '丙', userId: 'u3', hours: 5 },
    ]
    expect(byHouse(rows).map((r) => r.houseNo + r.name)).toEqual([
      '东街2号丙',
      '东街2号乙',
      '东街10号甲',
    ])
  })
})

describe('what staff and residents are told', () => {
  const now = T - 3 * DAY
  const cancelled = { ...activity, cancelledAt: T - 2 * DAY }

  it('each schedule problem names its field and the rule', () => {
    expect(scheduleProblem({ ...activity, startsAt: now }, now, true)).toEqual({
      path: 'startsAt',
      message: '开始时间须晚于现在',
    })
    expect(scheduleProblem({ ...activity, endsAt: T }, now, true)).toEqual({
      path: 'endsAt',
      message: '结束时间须晚于开始时间',
    })
    expect(scheduleProblem({ ...activity, endsAt: T + DAY + 1 }, now, true)).toEqual({
      path: 'endsAt',
      message: '一次活动最长 24 小时',
    })
    expect(scheduleProblem({ ...activity, signupDeadline: T + 1 }, now, true)).toEqual({
      path: 'signupDeadline',
      message: '报名截止时间不能晚于开始时间',
    })
  })

  it('a cancelled activity refuses sign-ups, cancellations, check-ins and adjustments alike', () => {
    // Times at which an activity that was not cancelled allows each of them.
    expect(cancelSignupRefusal(activity, T - 1)).toBeNull()
    expect(cancelSignupRefusal(cancelled, T - 1)).toBe('活动已取消')
    expect(checkInRefusal(activity, T)).toBeNull()
    expect(checkInRefusal(cancelled, T)).toBe('活动已取消')
    expect(adjustRefusal(activity, T + 4 * HOUR)).toBeNull()
    expect(adjustRefusal(cancelled, T + 4 * HOUR)).toBe('活动已取消')
  })

  it('check-in and adjustment refusals say when they open and close', () => {
    expect(checkInRefusal(activity, T - 2 * HOUR - 1)).toBe('活动开始前 2 小时才能签到')
    expect(checkInRefusal(activity, T + 3 * HOUR + DAY + 1)).toBe('活动结束超过一天，不能再签到')
    expect(adjustRefusal(activity, T + 3 * HOUR - 1)).toBe('活动结束后才能调整时长')
  })

  it('only admins and grid workers manage or read a village; a resident never does', () => {
    const resident = { role: 'resident', gridVillageIds: ['vil-a'] }
    const admin = { role: 'admin', gridVillageIds: [] }
    expect(mayManage(resident, ['vil-a'])).toBe(false)
    expect(mayReadVillage(resident, 'vil-a')).toBe(false)
    expect(mayReadVillage(admin, 'vil-x')).toBe(true)
  })

  it('a refused scope says whether it was the township’s or another village', () => {
    const grid = { role: 'gridWorker', gridVillageIds: ['vil-a'] }
    expect(scopeRefusal(grid, ['vil-a'])).toBeNull()
    expect(scopeRefusal({ role: 'admin', gridVillageIds: [] }, [])).toBeNull()
    expect(scopeRefusal(grid, [])).toBe('全镇的活动由镇里组织，网格员只能为本人负责的村组织活动')
    expect(scopeRefusal(grid, ['vil-a', 'vil-b'])).toBe('网格员只能为本人负责的村组织活动')
  })

  it('the same 门牌号 and name read in account order', () => {
    const rows = [
      { houseNo: '东街2号', name: '甲', userId: 'u3' },
      { houseNo: '东街2号', name: '甲', userId: 'u1' },
      { houseNo: '东街2号', name: '甲', userId: 'u2' },
    ]
    expect(byHouse(rows).map((r) => r.userId)).toEqual(['u1', 'u2', 'u3'])
    expect(byHouse([...rows].reverse()).map((r) => r.userId)).toEqual(['u1', 'u2', 'u3'])
  })
})
