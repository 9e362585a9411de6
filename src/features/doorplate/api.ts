import { call } from '@/lib/api-client'

/** What a doorplate opens for the caller. */
export const openDoor = (code: string) => call('doorplates.open', { code })

export const listAwards = (cursor?: string) => call('me.awards', { cursor })

export const reissuePlate = (householdId: string) => call('doorplates.reissue', { householdId })

/** A page of a group's plates; the H5 build sends its own address for the QR codes. */
export const printPlates = (groupId: string, cursor?: string) =>
  call('doorplates.print', {
    groupId,
    cursor,
    limit: 48,
    ...(process.env.TARO_ENV === 'h5' ? { origin: window.location.origin } : {}),
  })

export const askToBindByPlate = (code: string, relation: 'head' | 'member') =>
  call('bindings.request', { by: 'plate', code, relation })
