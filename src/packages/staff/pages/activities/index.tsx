import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActivityList } from '@/features/activities/components/activity-list'
import { staffPageUrl } from '@/features/staff/components/labels'
import { StaffPage } from '@/features/staff/components/staff-page'

const open = (page: string) => () => void Taro.navigateTo({ url: staffPageUrl(page) })

/** 志愿活动 (staff): new activity, the monthly hours, and every activity to manage. */
export default function StaffActivitiesPage() {
  return (
    <StaffPage>
      <View className='staff-card'>
        <View className='staff-actions'>
          <Button type='primary' onClick={open('activity-edit')}>
            新建活动
          </Button>
          <Button fill='outline' onClick={open('volunteer-hours')}>
            志愿时长统计
          </Button>
        </View>
      </View>
      <ActivityList />
    </StaffPage>
  )
}
