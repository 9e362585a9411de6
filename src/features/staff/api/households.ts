import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

export const listHouseholds = (input: ActionInput<'households.list'>) =>
  call('households.list', input)

export const getHousehold = (id: string) => call('households.get', { id })

export const updateHousehold = (input: ActionInput<'households.update'>) =>
  call('households.update', input)

export const createInvite = (householdId: string) => call('households.invite', { householdId })
