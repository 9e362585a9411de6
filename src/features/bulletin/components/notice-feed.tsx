import { useLayoutEffect } from 'react'
import { PagedList } from '@/components/paged-list'
import { dismissHomePreview } from '@/lib/home-preview'
import { useNoticeFeed } from '../hooks/use-notices'
import { NoticeCard } from './notice-card'
import { OfflineBar } from '@/components/offline-bar'

interface Props {
  columnId: string
  /** Searches the column for it; empty for the plain feed. */
  keyword?: string
}

/**
 * The paginated notices of a column, or those matching a keyword: pull down to refresh,
 * scroll to the end for more. Without network, the first page saved last time is shown.
 */
export function NoticeFeed({ columnId, keyword = '' }: Props) {
  const feed = useNoticeFeed(columnId, keyword)
  const shown = !feed.loading || feed.items.length > 0
  // Once this list shows (or says why it cannot), index.html's preview of it goes: in the same
  // commit, so no frame shows both.
  useLayoutEffect(() => {
    if (shown) dismissHomePreview()
  }, [shown])
  return (
    <PagedList
      list={feed}
      emptyText={keyword ? `没有找到“${keyword}”相关的公告` : '这个栏目还没有公告'}
      header={
        feed.savedAt ? (
          <OfflineBar savedAt={feed.savedAt} onRetry={() => void feed.refresh()} />
        ) : undefined
      }
    >
      {(n) => <NoticeCard key={n.id} notice={n} />}
    </PagedList>
  )
}
