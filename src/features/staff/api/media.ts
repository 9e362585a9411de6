import { call } from '@/lib/api-client'

export const listHeldMedia = () => call('media.held')

export const settleMedia = (id: string, decision: 'show' | 'remove') =>
  call('media.settle', { id, decision })
