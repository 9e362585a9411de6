import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { ActivityView } from '@/features/activities/components/activity-view'
import { useActivity } from '@/features/activities/hooks/use-activities'
import { usePageClass } from '@/lib/use-elder-mode'
import { usePageEvents } from '@/lib/use-page-events'

/** 活动详情 (?id=…): what, when, where, places left; sign up, cancel or wait for a place. */
export default function ActivityPage() {
  const id = useRouter().params.id ?? ''
  const activity = useActivity(id)
  usePageEvents(activity.reload)
  return (
    <View className={usePageClass('page page--padded-top')}>
      <PageState
        loading={activity.loading && !activity.data}
        error={activity.error}
        empty={!activity.data}
        emptyText='这项活动不存在或已下线'
        onRetry={() => void activity.reload()}
      >
        {activity.data && (
          <ActivityView activity={activity.data} onChanged={() => void activity.reload()} />
        )}
      </PageState>
    </View>
  )
}
