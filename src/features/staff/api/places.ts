import type { ActionInput } from '@contract/index'
import { call } from '@/lib/api-client'

/** A kind of place an admin manages. */
export type PlaceKind = ActionInput<'places.archive'>['kind']

export const getPlaceTree = () => call('places.tree')

export const createPlace = (input: ActionInput<'places.create'>) => call('places.create', input)

export const renamePlace = (input: ActionInput<'places.rename'>) => call('places.rename', input)

export const archivePlace = (kind: PlaceKind, id: string, archived: boolean) =>
  call('places.archive', { kind, id, archived })

export const assignGridWorker = (gridId: string, userId: string) =>
  call('grids.assignWorker', { gridId, userId })

export const removeGridWorker = (gridId: string, userId: string) =>
  call('grids.removeWorker', { gridId, userId })
