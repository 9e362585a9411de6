import { View } from '@tarojs/components'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
import { useHouseholds } from '../hooks/use-households'
import { usePageEvents } from '../hooks/use-page-events'
import { HouseholdCard } from './household-card'

/** Households in scope matching the filters, by 门牌号; pull to refresh, scroll for more. */
export function HouseholdList({ keyword, villageId }: { keyword: string; villageId: string }) {
  const list = useHouseholds(keyword, villageId)
  usePageEvents(list.refresh, list.loadMore)
  return (
    <PageState
      loading={list.loading}
      error={list.error}
      empty={list.items.length === 0}
      emptyText={keyword ? `没有找到“${keyword}”相关的家庭` : '您负责的范围内还没有家庭'}
      onRetry={() => void list.refresh()}
    >
      <View className='household-list'>
        {list.items.map((h) => (
          <HouseholdCard key={h.id} household={h} />
        ))}
        <ListFooter
          loadingMore={list.loadingMore}
          done={list.done}
          error={list.error}
          onMore={() => void list.loadMore()}
        />
      </View>
    </PageState>
  )
}
