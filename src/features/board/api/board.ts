import type { ListKind } from '@contract/board'
import type { ActionInput } from '@contract/index'
import { call, callWithKey } from '@/lib/api-client'
import { uploadMedia, type OnProgress } from '@/lib/upload'

export const listRounds = (cursor?: string) => call('board.rounds', { cursor, limit: 12 })

export const getRanking = (roundId: string, villageId?: string) =>
  call('board.ranking', { roundId, villageId })

/** The following pages of one list (red, black or 进步榜). */
export const listMore = (
  roundId: string,
  villageId: string | undefined,
  list: ListKind,
  cursor: string,
) => call('board.list', { roundId, villageId, list, cursor, limit: 50 })

export const listVillages = () => call('villages.list')

export const getVillageStats = (roundId: string) => call('board.villages', { roundId })

export const getRound = (id: string) => call('board.round', { id })

export const getInspection = (roundId: string, householdId: string) =>
  call('board.inspection', { roundId, householdId })

export const getHistory = (householdId?: string) =>
  call('board.history', { householdId, limit: 24 })

export const getMe = () => call('me.get')

export const appeal = (input: ActionInput<'board.appeal'>) => call('board.appeal', input)

export const listMyAppeals = (cursor?: string) => call('board.myAppeals', { cursor })

export const getConsent = () => call('board.consent')

export const setConsent = (showNameOnRed: boolean) => call('board.setConsent', { showNameOnRed })

export const uploadPhoto = (fileName: string, content: string, onProgress?: OnProgress) =>
  uploadMedia({ fileName, kind: 'image', content }, onProgress)

// Staff: inspecting, rounds, rubric, appeals, exports.

export const listInspectables = (input: ActionInput<'board.inspectables'>) =>
  call('board.inspectables', input)

/** Scores a household; a queued inspection goes under the key it was queued with. */
export const inspect = (input: ActionInput<'board.inspect'>, requestKey: string) =>
  callWithKey('board.inspect', input, requestKey)

export const currentRubric = () => call('rubrics.current')

export const saveRubric = (input: ActionInput<'rubrics.save'>) => call('rubrics.save', input)

export const openRound = (input: ActionInput<'board.openRound'>) => call('board.openRound', input)

export const previewPublish = (roundId: string) => call('board.publishPreview', { roundId })

/** Publishes only as the confirmed preview said (`expect`): a stale confirmation is refused. */
export const publishRound = (roundId: string, expect: ActionInput<'board.publish'>['expect']) =>
  call('board.publish', { roundId, expect })

export const withdrawRound = (roundId: string, reason: string) =>
  call('board.withdraw', { roundId, reason })

export const listAppeals = (status: 'pending' | 'decided', cursor?: string) =>
  call('board.appeals', { status, cursor, limit: 20 })

export const decideAppeal = (input: ActionInput<'board.decideAppeal'>) =>
  call('board.decideAppeal', input)

export const exportRound = (roundId: string) => call('board.export', { roundId })

export const getPrintable = (roundId: string, villageId: string) =>
  call('board.printable', { roundId, villageId })
