import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listColumns = () => call('columns.list')

export const listNotices = (input: ActionInput<'notices.list'>) => call('notices.list', input)

/**
 * A notice, and the view its opening counts, side by side: reading is a read, and opening it
 * is the write that counts the view and marks the household reached. The count shown includes
 * this view; a view that failed to count is no reason to bother the reader.
 */
export async function getNotice(id: string) {
  const [notice, opened] = await Promise.all([
    call('notices.get', { id }),
    call('notices.open', { id }).catch(() => null),
  ])
  return opened ? { ...notice, viewCount: opened.viewCount } : notice
}

/** The caller, to know whether the staff links (未读家庭, 编辑) belong on a notice. */
export const getMe = () => call('me.get')
