import { call } from '@/lib/api-client'

export const listPendingBindings = (cursor: string | undefined, limit = 20) =>
  call('bindings.pending', { cursor, limit })

export const approveBinding = (id: string) => call('bindings.approve', { id })

export const rejectBinding = (id: string, reason: string) => call('bindings.reject', { id, reason })

export const revokeBinding = (id: string, reason: string) => call('bindings.revoke', { id, reason })
