import type { ReactNode } from 'react'
import type { Paged } from '@/lib/use-paged'
import { usePageEvents } from '@/lib/use-page-events'
import { ListFooter } from './list-footer'
import { PageState } from './page-state'

interface Props<T> {
  list: Paged<T>
  emptyText: string
  /** Shown above the items once there are some (a hint, a heading). */
  header?: ReactNode
  children: (item: T) => ReactNode
}

/**
 * A cursor-paginated list on a page: its loading, error and empty states, pull down to
 * refresh, more at the end of the page, and a footer that says whether more is coming.
 */
export function PagedList<T>({ list, emptyText, header, children }: Props<T>) {
  usePageEvents(list.refresh, list.loadMore)
  return (
    <PageState
      loading={list.loading}
      error={list.error}
      // Nothing shown yet but more to come (say, every item on screen was acted on): the
      // footer offers the next page instead of claiming the list is empty.
      empty={list.items.length === 0 && (list.done || list.loading)}
      emptyText={emptyText}
      onRetry={() => void list.refresh()}
    >
      {header}
      {list.items.map(children)}
      <ListFooter
        loadingMore={list.loadingMore}
        done={list.done}
        error={list.error}
        onMore={() => void list.loadMore()}
      />
    </PageState>
  )
}
