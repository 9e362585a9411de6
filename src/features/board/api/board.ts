import { call } from '@/lib/api-client'

export const listRounds = (cursor?: string) => call('board.rounds', { cursor, limit: 12 })

export const getRanking = (roundId: string, villageId?: string) =>
  call('board.ranking', { roundId, villageId })

export const listVillages = () => call('villages.list')
