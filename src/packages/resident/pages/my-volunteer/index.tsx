import { View } from '@tarojs/components'
import { MyActivityList, VolunteerSummary } from '@/features/activities/components/my-volunteer'
import { usePageClass } from '@/lib/use-elder-mode'

/** 我的志愿: my hours in all, my 志愿码 for check-in, and the activities I signed up for. */
export default function MyVolunteerPage() {
  return (
    <View className={usePageClass('page page--padded-top')}>
      <VolunteerSummary />
      <MyActivityList />
    </View>
  )
}
