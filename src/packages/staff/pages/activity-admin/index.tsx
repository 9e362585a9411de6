import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { ActivityAdmin } from '@/features/activities/components/activity-admin'
import { useActivity } from '@/features/activities/hooks/use-activities'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePageEvents } from '@/lib/use-page-events'

/** 活动管理 (?id=…): the list, check-in (list or 志愿码), hours, cancel, the notice draft. */
export default function ActivityAdminPage() {
  const id = useRouter().params.id ?? ''
  const activity = useActivity(id)
  usePageEvents(activity.reload)
  return (
    <StaffPage>
      <PageState
        loading={activity.loading && !activity.data}
        error={activity.error}
        empty={!activity.data}
        emptyText='这项活动不存在'
        onRetry={() => void activity.reload()}
      >
        {activity.data && (
          <ActivityAdmin activity={activity.data} onChanged={() => void activity.reload()} />
        )}
      </PageState>
    </StaffPage>
  )
}
