import { PagedList } from '@/components/paged-list'
import { useHouseholds } from '../hooks/use-households'
import { HouseholdCard } from './household-card'

/** Households in scope matching the filters, by 门牌号; pull to refresh, scroll for more. */
export function HouseholdList({ keyword, villageId }: { keyword: string; villageId: string }) {
  const list = useHouseholds(keyword, villageId)
  return (
    <PagedList
      list={list}
      emptyText={keyword ? `没有找到“${keyword}”相关的家庭` : '您负责的范围内还没有家庭'}
    >
      {(h) => <HouseholdCard key={h.id} household={h} />}
    </PagedList>
  )
}
