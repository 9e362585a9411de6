import { call } from '@/lib/api-client'

export const getScript = (noticeId: string) => call('broadcast.script', { noticeId })

export const saveScript = (noticeId: string, script: string) =>
  call('broadcast.saveScript', { noticeId, script })

export const schedulePlays = (villageId: string, noticeId: string, days: string[]) =>
  call('broadcast.schedule', { villageId, noticeId, days })

export const listPlays = (villageId: string, cursor?: string, to?: string) =>
  call('broadcast.plays', { villageId, cursor, to })

export const markPlayed = (id: string) => call('broadcast.markPlayed', { id })

export const broadcastMonth = (month: string) => call('broadcast.month', { month })
