import Taro from '@tarojs/taro'
import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listHouseholds = (input: ActionInput<'households.list'>) =>
  call('households.list', input)

export const getHousehold = (id: string) => call('households.get', { id })

export const updateHousehold = (input: ActionInput<'households.update'>) =>
  call('households.update', input)

export const createInvite = (householdId: string) => call('households.invite', { householdId })

export const listUnreached = (noticeId: string, cursor: string | undefined) =>
  call('notices.reach', { noticeId, cursor, limit: 20 })

/** Opens the phone's dialer; cancelling it is not an error worth reporting. */
export const callPhone = (phoneNumber: string) => {
  Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}
