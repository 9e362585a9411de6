import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MyActivity } from '@contract/activities'
import { signupStatusLabels } from '@contract/activities.labels'
import { PagedList } from '@/components/paged-list'
import { PageState } from '@/components/page-state'
import { QrCode } from '@/features/staff/components/qr-code'
import { useMyActivities, useMyVolunteer } from '../hooks/use-activities'
import { activityUrl, hoursText, whenText } from '../labels'
import './activities.scss'

/** My hours in all and my personal code (志愿码) for staff to scan at check-in. */
export function VolunteerSummary() {
  const me = useMyVolunteer()
  return (
    <PageState
      loading={me.loading}
      error={me.error}
      empty={!me.data}
      emptyText=''
      onRetry={() => void me.reload()}
    >
      {me.data && (
        <View className='activity-card'>
          <View className='activity-card__line'>累计志愿服务时长</View>
          <View className='activity-card__hours'>{hoursText(me.data.totalHours)}</View>
          <View className='activity-card__meta'>
            参加了 {me.data.activityCount} 次活动。时长只是记录，不排名、不兑换积分。
          </View>
          {me.data.qr && me.data.code ? (
            <View className='activity-code'>
              <View className='activity-card__line'>我的志愿码（签到时给工作人员扫）</View>
              <QrCode rows={me.data.qr} label='我的志愿码' />
              <Text className='activity-card__meta'>{me.data.code}</Text>
            </View>
          ) : (
            <View className='activity-card__meta'>报名第一次活动后，这里会出现您的志愿码。</View>
          )}
        </View>
      )}
    </PageState>
  )
}

function statusText(item: MyActivity): string {
  if (item.hours !== null) return `志愿时长 ${hoursText(item.hours)}`
  if (item.status === 'waiting') return `候补第 ${item.waitingPosition ?? 1} 位`
  if (item.checkedIn) return '已签到，活动结束后记时长'
  return signupStatusLabels[item.status]
}

/** 我的志愿: the activities I signed up for, newest first, with their hours. */
export function MyActivityList() {
  const list = useMyActivities()
  return (
    <PagedList
      list={list}
      emptyText='还没有报名过活动'
      header={<View className='activity-section-title'>我报名的活动</View>}
    >
      {(item) => (
        <View
          key={item.signupId}
          className='activity-card'
          role='link'
          onClick={() => void Taro.navigateTo({ url: activityUrl(item.activity.id) })}
        >
          <View className='activity-card__head'>
            <Tag type={item.hours !== null ? 'success' : 'default'}>{statusText(item)}</Tag>
            <Text className='activity-card__title'>{item.activity.title}</Text>
          </View>
          <View className='activity-card__line'>{whenText(item.activity)}</View>
          <View className='activity-card__meta'>
            {item.activity.place} · {item.activity.station}
          </View>
        </View>
      )}
    </PagedList>
  )
}
