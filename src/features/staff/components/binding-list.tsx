import { View } from '@tarojs/components'
import { PagedList } from '@/components/paged-list'
import { useTask } from '@/lib/use-task'
import { usePendingBindings } from '../hooks/use-bindings'
import { BindingCard } from './binding-card'

/** The requests waiting for the caller, oldest first; pull to refresh, scroll for more. */
export function BindingList() {
  const list = usePendingBindings()
  const task = useTask()
  return (
    <PagedList
      list={list}
      emptyText='没有待审核的绑定申请'
      header={
        <View className='staff-hint'>请核对申请人确实住在这户后再通过；通过后即可提名、投票。</View>
      }
    >
      {(r) => <BindingCard key={r.id} request={r} task={task} onDecided={list.markDecided} />}
    </PagedList>
  )
}
