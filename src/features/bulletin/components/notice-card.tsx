import { Tag } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeSummary } from '@contract/bulletin'
import { fromNow } from '@/lib/dayjs'
import './notice-card.scss'
import { residentUrl } from '@/lib/routes'

/** A notice in a list, with its cover as a thumbnail on the right; tapping opens it. */
export function NoticeCard({ notice }: { notice: NoticeSummary }) {
  const open = () =>
    Taro.navigateTo({ url: residentUrl('notice', `id=${encodeURIComponent(notice.id)}`) })
  const scope = notice.villages.length ? notice.villages.map((v) => v.name).join('、') : '全镇'
  return (
    <View className='notice-card' onClick={open} hoverClass='notice-card--pressed'>
      <View className='notice-card__main'>
        <View className='notice-card__title'>
          {notice.pinned && (
            <Tag type='danger' className='notice-card__pin'>
              置顶
            </Tag>
          )}
          <Text>{notice.title}</Text>
        </View>
        <View className='notice-card__summary'>{notice.summary}</View>
        <View className='notice-card__meta'>
          <Text>{notice.column.name}</Text>
          <Text>{scope}</Text>
          <Text>{fromNow(notice.publishedAt)}</Text>
          <Text>阅读 {notice.viewCount}</Text>
        </View>
      </View>
      {notice.cover && (
        <Image className='notice-card__cover' src={notice.cover} mode='aspectFill' lazyLoad />
      )}
    </View>
  )
}
