import { View } from '@tarojs/components'
import { ActivityList } from '@/features/activities/components/activity-list'
import { usePageClass } from '@/lib/use-elder-mode'

/** 志愿活动: the 新时代文明实践站's activities the viewer may join, upcoming and past. */
export default function ActivitiesPage() {
  return (
    <View className={usePageClass('page page--padded-top')}>
      <ActivityList />
    </View>
  )
}
