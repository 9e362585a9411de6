import type { ActivityState, ActivitySummary } from '@contract/activities'
import { inShanghai } from '@contract/time'
import { residentUrl } from '@/lib/routes'

export const activityUrl = (id: string) => residentUrl('activity', `id=${encodeURIComponent(id)}`)

export const stateTag: Record<ActivityState, 'primary' | 'success' | 'warning' | 'default'> = {
  open: 'success',
  closed: 'warning',
  ongoing: 'primary',
  ended: 'default',
  cancelled: 'default',
}

/** '12月7日 19:00–20:30' (the end's date too when it is another day). */
export function whenText(a: Pick<ActivitySummary, 'startsAt' | 'endsAt'>): string {
  const start = inShanghai(a.startsAt)
  const end = inShanghai(a.endsAt)
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD')
  return `${start.format('M月D日 HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`
}

/** '全镇' or the villages' names. */
export const scopeText = (a: Pick<ActivitySummary, 'villages'>) =>
  a.villages.length === 0 ? '全镇' : a.villages.map((v) => v.name).join('、')

/** '2.5 小时'. */
export const hoursText = (hours: number) => `${hours} 小时`
