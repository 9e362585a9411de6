import { PagedList } from '@/components/paged-list'
import { useNoticeFeed } from '../hooks/use-notices'
import { NoticeCard } from './notice-card'

/** The paginated notices of a column: pull down to refresh, scroll to the end for more. */
export function NoticeFeed({ columnId }: { columnId: string }) {
  const feed = useNoticeFeed(columnId)
  return (
    <PagedList list={feed} emptyText='这个栏目还没有公告'>
      {(n) => <NoticeCard key={n.id} notice={n} />}
    </PagedList>
  )
}
