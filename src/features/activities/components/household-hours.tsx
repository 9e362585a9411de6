import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { ApiError } from '@/lib/api-client'
import { shortDate } from '@/lib/dayjs'
import { useRemote } from '@/lib/use-remote'
import { householdHours } from '../api'
import { hoursText } from '../labels'
import './activities.scss'

/**
 * A household's volunteer hours, for 我的家庭 (the 户码 page's `HouseholdHours` slot): shown to
 * the household, its grid workers and admins; anyone else is answered NOT_FOUND and sees the
 * empty state. A record, not a score: no ranking, no points.
 */
export function HouseholdHours({ householdId }: { householdId: string }) {
  const record = useRemote(`activities:household:${householdId}`, () => householdHours(householdId))
  const data = record.data
  return (
    <PageState
      loading={record.loading}
      // NOT_FOUND: not this viewer's to see; shown as no record, not as a failure.
      error={
        record.error instanceof ApiError && record.error.code === 'NOT_FOUND' ? null : record.error
      }
      empty={!data}
      emptyText='暂无志愿服务记录'
      onRetry={() => void record.reload()}
    >
      {data && (
        <View className='activity-card'>
          <View className='activity-card__line'>家庭志愿服务时长</View>
          <View className='activity-card__hours'>{hoursText(data.totalHours)}</View>
          <View className='activity-card__meta'>
            {data.people} 位家庭成员参加了 {data.activityCount} 次活动
          </View>
          {data.recent.map((r) => (
            <View key={`${r.activityId}:${r.name}`} className='activity-card__line'>
              {shortDate(r.startsAt)} {r.title} · {r.name} · {hoursText(r.hours)}
            </View>
          ))}
        </View>
      )}
    </PageState>
  )
}
