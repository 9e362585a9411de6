// The app's walk list on the phone: the walk cache in Taro's storage, filled through the API
// while online and read back when the API does not answer (walk-cache.ts).
import type { ActionInput, ActionOutput } from '@contract/index'
import { ApiError } from '@/lib/api-client'
import { taroStorage } from '@/lib/taro-storage'
import { getInspection, getRound, listInspectables, listRounds } from './api/board'
import type { InspectTarget } from './hooks/use-inspect-form'
import { createWalkCache, fetchWalk, walkPage, type RoundList } from './walk-cache'

export const walkCache = createWalkCache(taroStorage)

/** No answer from the server: the saved copy may stand in. */
const noAnswer = (error: unknown) => error instanceof ApiError && error.code === 'NETWORK'

/** The rounds (saved for the walk list offline), and when the shown copy was saved. */
export async function loadWalkRounds(): Promise<{ data: RoundList; savedAt: string | null }> {
  try {
    const data = await listRounds()
    walkCache.saveRounds(data)
    return { data, savedAt: null }
  } catch (error) {
    const saved = noAnswer(error) ? walkCache.readRounds() : null
    if (!saved) throw error
    return saved
  }
}

/** One page of the walk list: from the server, or offline from the saved list. */
export async function loadWalkPage(
  input: ActionInput<'board.inspectables'>,
): Promise<{ page: ActionOutput<'board.inspectables'>; savedAt: string | null }> {
  try {
    return { page: await listInspectables(input), savedAt: null }
  } catch (error) {
    const saved = noAnswer(error) ? walkCache.read(input.roundId) : null
    if (!saved) throw error
    return { page: walkPage(saved.data, input), savedAt: saved.savedAt }
  }
}

/** Saves the round's whole walk list and rubric; a failure leaves the older copy. */
export async function keepWalk(roundId: string): Promise<void> {
  try {
    walkCache.save(await fetchWalk(roundId, listInspectables, getRound))
  } catch {
    // Offline or refused: nothing new to keep.
  }
}

/** What the form needs, and whether it came from the phone (then when it was saved). */
export interface LoadedTarget extends InspectTarget {
  savedAt: string | null
  /** Offline: the household's last score as the saved list knows it (items are not saved). */
  savedScore: number | null
}

/**
 * The form's household and rubric: from the server, or without network from the saved walk
 * list (a fresh form from full marks: the last inspection's items are not on the phone).
 */
export async function loadInspectTarget(
  roundId: string,
  householdId: string,
  label: string,
  appealId: string,
): Promise<LoadedTarget> {
  try {
    const [round, result] = await Promise.all([
      getRound(roundId),
      getInspection(roundId, householdId),
    ])
    return {
      roundId,
      householdId,
      label: label || result.household.name,
      criteria: round.rubric.criteria,
      latest: result.latest,
      appealId,
      savedAt: null,
      savedScore: null,
    }
  } catch (error) {
    const saved = noAnswer(error) && !appealId ? walkCache.read(roundId) : null
    const item = saved?.data.items.find((i) => i.householdId === householdId)
    if (!saved || !item) throw error
    return {
      roundId,
      householdId,
      label: label || `${item.houseNo} ${item.headName}`,
      criteria: saved.data.round.rubric.criteria,
      latest: null,
      appealId,
      savedAt: saved.savedAt,
      savedScore: item.score,
    }
  }
}
