import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

/** Asks to be bound to a household: by head name + 门牌号 (waits for review) or invite code. */
export const requestBinding = (input: ActionInput<'bindings.request'>) =>
  call('bindings.request', input)

/** Withdraws my request that still waits for the grid worker. */
export const cancelBindingRequest = () => call('bindings.cancel')

/** Leaves my household. */
export const unbindHousehold = () => call('bindings.unbind')

/** The township's villages, to choose mine from. */
export const listVillages = () => call('villages.list')

/** Becomes the first admin with the setup code printed when the server started. */
export const claimAdmin = (code: string) => call('admin.claim', { code })
