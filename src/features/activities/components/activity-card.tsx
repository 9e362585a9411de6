import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivitySummary } from '@contract/activities'
import { activityStateLabels } from '@contract/activities.labels'
import { activityUrl, scopeText, stateTag, whenText } from '../labels'
import './activities.scss'

/** One activity in a list: kind, state, title, when, where and places left; tap for details. */
export function ActivityCard({ activity: a }: { activity: ActivitySummary }) {
  const left = Math.max(0, a.capacity - a.signedCount)
  return (
    <View
      className='activity-card'
      role='link'
      onClick={() => void Taro.navigateTo({ url: activityUrl(a.id) })}
    >
      <View className='activity-card__head'>
        <Tag type={stateTag[a.state]}>{activityStateLabels[a.state]}</Tag>
        <Tag type='default' plain>
          {a.typeLabel}
        </Tag>
        <Text className='activity-card__title'>{a.title}</Text>
      </View>
      <View className='activity-card__line'>时间：{whenText(a)}</View>
      <View className='activity-card__line'>地点：{a.place}</View>
      <View className='activity-card__meta'>
        {a.station} · {scopeText(a)} · 名额 {a.capacity}，
        {left > 0
          ? `还剩 ${left} 个`
          : `已报满${a.waitingCount > 0 ? `，${a.waitingCount} 人候补` : ''}`}
      </View>
    </View>
  )
}
