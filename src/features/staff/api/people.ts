import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const getMe = () => call('me.get')

export const listVillages = () => call('villages.list')

export const listStaff = () => call('staff.list')

export const searchUsers = (input: ActionInput<'users.search'>) => call('users.search', input)

export const appointStaff = (userId: string, role: 'admin' | 'gridWorker') =>
  call('staff.appoint', { userId, role })

export const dismissStaff = (userId: string) => call('staff.dismiss', { userId })

/** Signs a user out everywhere (a lost phone). */
export const endSessions = (userId: string) => call('users.endSessions', { userId })
