import { useRemote } from '@/lib/use-remote'
import { getRanking, listRounds, listVillages } from '../api/board'

/** The latest rounds (a year's worth), for the round picker. */
export const useRounds = () => useRemote('rounds', () => listRounds())

export const useVillages = () => useRemote('villages', listVillages)

/** A round's lists for one village ('' = the whole township). */
export function useRanking(roundId: string, villageId: string) {
  return useRemote(`ranking:${roundId}:${villageId}`, () =>
    roundId ? getRanking(roundId, villageId || undefined) : Promise.resolve(null),
  )
}
