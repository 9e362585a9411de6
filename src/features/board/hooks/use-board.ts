import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import {
  getHistory,
  getMe,
  getRanking,
  getVillageStats,
  listMyAppeals,
  listRounds,
  listVillages,
} from '../api/board'

/** The latest rounds (a year's worth), for the round picker. */
export const useRounds = () => useRemote('rounds', () => listRounds())

export const useVillages = () => useRemote('villages', listVillages)

/** Who is looking: staff see the village overview, a bound resident their household's history. */
export const useViewer = () => useRemote('board:me', getMe)

/** A round's lists for one village ('' = the whole township). */
export function useRanking(roundId: string, villageId: string) {
  return useRemote(`ranking:${roundId}:${villageId}`, () =>
    roundId ? getRanking(roundId, villageId || undefined) : Promise.resolve(null),
  )
}

/** Staff: every village's average and coverage in the round. */
export function useVillageStats(roundId: string, enabled: boolean) {
  return useRemote(`board:villages:${roundId}:${enabled}`, () =>
    roundId && enabled ? getVillageStats(roundId) : Promise.resolve(null),
  )
}

/** A household's scores across published rounds ('' = my own household; skipped when off). */
export function useHistory(householdId: string, enabled: boolean) {
  return useRemote(`board:history:${householdId}:${enabled}`, () =>
    enabled ? getHistory(householdId || undefined) : Promise.resolve(null),
  )
}

/** 我的申诉: my household's appeals, newest first, a page at a time. */
export const useMyAppeals = () => usePaged('me:appeals', listMyAppeals)
