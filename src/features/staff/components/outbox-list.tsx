import { Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { OutboxItem } from '@contract/campaigns'
import { PagedList } from '@/components/paged-list'
import { dateTime } from '@/lib/dayjs'
import { useOutbox } from '../hooks/use-campaign-staff'

const eventNames: Record<OutboxItem['event'], string> = {
  votingOpened: '投票开始',
  resultsPublished: '结果公布',
  nominated: '被提名',
  boardPublished: '红黑榜上榜',
  boardWithdrawn: '红黑榜撤回更正',
  activityCancelled: '活动取消',
  activityPromoted: '候补转正',
  activityReminder: '活动提醒',
}

type Delivery = NonNullable<OutboxItem['delivery']>

/** How sending through WeChat ended, in words for the admin; null on the local server. */
function deliveryTag(d: Delivery): {
  text: string
  type: 'success' | 'warning' | 'danger' | 'default'
} {
  switch (d.outcome) {
    case 'sent':
      return { text: '已送达微信', type: 'success' }
    case 'refused':
      return { text: '对方没有订阅，未送达', type: 'warning' }
    case 'failed':
      return {
        text: d.errCode === null ? '发送失败' : `发送失败（错误码 ${d.errCode}）`,
        type: 'danger',
      }
    default:
      return { text: '未配置模板，未发送', type: 'default' }
  }
}

/** 通知发件箱: what the local notifier sent (in WeChat: subscription messages). */
export function OutboxList() {
  const outbox = useOutbox()
  return (
    <PagedList list={outbox} emptyText='还没有发出通知'>
      {(item) => (
        <View key={item.id} className='staff-card'>
          <View className='staff-card__head'>
            <View className='staff-card__title'>{item.title}</View>
            <Tag type='primary'>{eventNames[item.event]}</Tag>
          </View>
          <View className='staff-card__line'>{item.body}</View>
          <View className='staff-card__meta'>
            发给 {item.recipientName} · {dateTime(item.createdAt)}
          </View>
          {item.delivery && (
            <View className='staff-card__meta'>
              <Tag type={deliveryTag(item.delivery).type}>{deliveryTag(item.delivery).text}</Tag>
            </View>
          )}
        </View>
      )}
    </PagedList>
  )
}
