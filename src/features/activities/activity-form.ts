// The staff's activity form as plain data: draft ⇄ contract input, and the phone's own checks
// (the same limits as contract/activities.ts, so most mistakes never leave the phone).
import type { ActivityDetail, ActivityType } from '@contract/activities'
import type { ActionInput } from '@contract/index'
import { inShanghai } from '@contract/time'
import { shanghaiToIso } from '@/features/staff/compose'

export interface ActivityDraft {
  station: string
  type: ActivityType
  title: string
  description: string
  pictures: string[]
  place: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  deadlineDate: string
  deadlineTime: string
  capacity: string
  /** '' for the whole township. */
  villageId: string
}

export type ActivityField =
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
  | 'scope'

export type ActivityErrors = Partial<Record<ActivityField, string>>

const DAY = 24 * 60 * 60 * 1000
const split = (at: number | string) => {
  const d = inShanghai(at)
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') }
}

/** A new activity: in three days 09:00–11:00, sign-up until the evening before. */
export function emptyActivityDraft(now: number): ActivityDraft {
  const day = inShanghai(now + 3 * DAY).startOf('day')
  const start = split(day.add(9, 'hour').valueOf())
  const end = split(day.add(11, 'hour').valueOf())
  const deadline = split(day.subtract(6, 'hour').valueOf())
  return {
    station: '新时代文明实践站',
    type: 'volunteer',
    title: '',
    description: '',
    pictures: [],
    place: '',
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    capacity: '30',
    villageId: '',
  }
}

export function draftFromActivity(a: ActivityDetail): ActivityDraft {
  const start = split(a.startsAt)
  const end = split(a.endsAt)
  const deadline = split(a.signupDeadline)
  return {
    station: a.station,
    type: a.type,
    title: a.title,
    description: a.description,
    pictures: a.pictures,
    place: a.place,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    capacity: String(a.capacity),
    villageId: a.villages[0]?.id ?? '',
  }
}

const length = (text: string) => Array.from(text.trim()).length

/** The input to save, or the problems found (by field). */
export function toSaveInput(
  draft: ActivityDraft,
  id?: string,
): { input: ActionInput<'activities.save'> | null; errors: ActivityErrors } {
  const errors: ActivityErrors = {}
  const text = (field: ActivityField, label: string, value: string, min: number, max: number) => {
    if (length(value) < min) errors[field] = `${label}至少 ${min} 个字`
    else if (length(value) > max) errors[field] = `${label}最多 ${max} 个字`
  }
  text('station', '实践站名称', draft.station, 2, 30)
  text('title', '标题', draft.title, 2, 30)
  text('description', '活动内容', draft.description, 1, 2000)
  text('place', '地点', draft.place, 2, 50)
  const startsAt = shanghaiToIso(draft.startDate, draft.startTime)
  const endsAt = shanghaiToIso(draft.endDate, draft.endTime)
  const signupDeadline = shanghaiToIso(draft.deadlineDate, draft.deadlineTime)
  if (!startsAt) errors.startsAt = '请选择开始时间'
  if (!endsAt) errors.endsAt = '请选择结束时间'
  else if (startsAt && endsAt <= startsAt) errors.endsAt = '结束时间须晚于开始时间'
  if (!signupDeadline) errors.signupDeadline = '请选择报名截止时间'
  else if (startsAt && signupDeadline > startsAt)
    errors.signupDeadline = '报名截止时间不能晚于开始时间'
  const capacity = Number(draft.capacity)
  if (!/^\d+$/.test(draft.capacity.trim()) || capacity < 1 || capacity > 500)
    errors.capacity = '名额须为 1 到 500 的整数'
  if (Object.keys(errors).length > 0 || !startsAt || !endsAt || !signupDeadline)
    return { input: null, errors }
  return {
    input: {
      ...(id ? { id } : {}),
      station: draft.station.trim(),
      type: draft.type,
      title: draft.title.trim(),
      description: draft.description.trim(),
      pictures: draft.pictures,
      place: draft.place.trim(),
      startsAt,
      endsAt,
      signupDeadline,
      capacity,
      scope: draft.villageId
        ? { kind: 'villages', villageIds: [draft.villageId] }
        : { kind: 'township' },
    },
    errors,
  }
}

/** The form field a contract path belongs to. */
export function activityFieldOf(path: string): ActivityField | undefined {
  const head = path.split('.')[0] ?? ''
  const fields: ActivityField[] = [
    'station',
    'type',
    'title',
    'description',
    'pictures',
    'place',
    'startsAt',
    'endsAt',
    'signupDeadline',
    'capacity',
    'scope',
  ]
  return fields.find((f) => f === head)
}
