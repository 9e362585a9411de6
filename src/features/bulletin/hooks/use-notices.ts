import { useRemote } from '@/lib/use-remote'
import { usePaged } from '@/lib/use-paged'
import { getNotice, listColumns, listNotices } from '../api/notices'

/** The visible columns, for the tabs on 首页. */
export const useColumns = () => useRemote('columns', listColumns)

/** The notice feed of one column (or all, when columnId is empty), newest first. */
export function useNoticeFeed(columnId: string) {
  return usePaged(`feed:${columnId}`, (cursor) =>
    listNotices({ columnId: columnId || undefined, cursor, limit: 10 }),
  )
}

/** One notice, for its page. */
export const useNotice = (id: string) => useRemote(`notice:${id}`, () => getNotice(id))
