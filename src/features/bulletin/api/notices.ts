import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listColumns = () => call('columns.list')

export const listNotices = (input: ActionInput<'notices.list'>) => call('notices.list', input)

export const getNotice = (id: string) => call('notices.get', { id })
