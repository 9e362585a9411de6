import { View } from '@tarojs/components'
import { usePageEvents } from '@/lib/use-page-events'
import { usePinnedNotices } from '../hooks/use-notices'
import { NoticeCard } from './notice-card'
import './pinned-notices.scss'

/**
 * 置顶: the pinned notices in their own block at the top of 首页's 全部 tab, five at first and
 * more on request. Shows nothing when none are pinned or they cannot be had (the feed below
 * already says what went wrong); pulling the page down reloads it with the feed.
 */
export function PinnedNotices() {
  const pinned = usePinnedNotices()
  usePageEvents(pinned.refresh)
  if (pinned.items.length === 0) return null
  return (
    <View className='pinned-notices' role='region' aria-label='置顶公告'>
      <View className='pinned-notices__heading'>置顶公告</View>
      {pinned.items.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
      {!pinned.done && (
        <View
          className='pinned-notices__more'
          onClick={() => void pinned.loadMore()}
          hoverClass='pinned-notices__more--pressed'
        >
          {pinned.loadingMore ? '加载中…' : '更多置顶公告'}
        </View>
      )}
    </View>
  )
}
