import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
import { useNoticeFeed } from '../hooks/use-notices'
import { NoticeCard } from './notice-card'

/** The paginated notices of a column: pull down to refresh, scroll to the end for more. */
export function NoticeFeed({ columnId }: { columnId: string }) {
  const feed = useNoticeFeed(columnId)
  usePullDownRefresh(() => {
    void feed.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void feed.loadMore()
  })
  return (
    <PageState
      loading={feed.loading}
      error={feed.error}
      empty={feed.items.length === 0}
      emptyText='这个栏目还没有公告'
      onRetry={() => void feed.refresh()}
    >
      <View className='notice-feed'>
        {feed.items.map((n) => (
          <NoticeCard key={n.id} notice={n} />
        ))}
        <ListFooter
          loadingMore={feed.loadingMore}
          done={feed.done}
          error={feed.error}
          onMore={() => void feed.loadMore()}
        />
      </View>
    </PageState>
  )
}
