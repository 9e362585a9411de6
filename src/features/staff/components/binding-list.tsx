import { View } from '@tarojs/components'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
import { usePendingBindings } from '../hooks/use-bindings'
import { usePageEvents } from '../hooks/use-page-events'
import { useTask } from '@/lib/use-task'
import { BindingCard } from './binding-card'

/** The requests waiting for the caller, oldest first; pull to refresh, scroll for more. */
export function BindingList() {
  const list = usePendingBindings()
  const task = useTask()
  usePageEvents(list.refresh, list.loadMore)
  return (
    <PageState
      loading={list.loading}
      error={list.error}
      empty={list.items.length === 0 && list.done}
      emptyText='没有待审核的绑定申请'
      onRetry={() => void list.refresh()}
    >
      <View className='staff-hint'>请核对申请人确实住在这户后再通过；通过后即可提名、投票。</View>
      {list.items.map((r) => (
        <BindingCard key={r.id} request={r} task={task} onDecided={list.markDecided} />
      ))}
      <ListFooter
        loadingMore={list.loadingMore}
        done={list.done}
        error={list.error}
        onMore={() => void list.loadMore()}
      />
    </PageState>
  )
}
