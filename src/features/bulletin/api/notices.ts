import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listColumns = () => call('columns.list')

export const listNotices = (input: ActionInput<'notices.list'>) => call('notices.list', input)

export const getNotice = (id: string) => call('notices.get', { id })

/** The caller, to know whether the staff links (未读家庭, 编辑) belong on a notice. */
export const getMe = () => call('me.get')
