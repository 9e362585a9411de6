// The app's outbox of inspections: the queue in Taro's storage, sent through the API.
import type { ActionInput } from '@contract/index'
import { ApiError, errorMessage } from '@/lib/api-client'
import { inspect, uploadPhoto } from './api/board'
import { taroStorage } from '@/lib/taro-storage'
import {
  createInspectionQueue,
  flushQueue,
  requestKeyOf,
  type QueuedInspection,
} from './inspection-queue'

/** An inspection as the form fills it (photos and client id travel beside it). */
export type InspectionDraft = Omit<ActionInput<'board.inspect'>, 'photos' | 'clientId'>

export type OutboxEntry = QueuedInspection<InspectionDraft>

export const outbox = createInspectionQueue<InspectionDraft>(taroStorage)

const offline = (error: unknown) => error instanceof ApiError && error.code === 'NETWORK'

let flushing: ReturnType<typeof flushQueue> | null = null

/** Sends what waits (one run at a time; a second caller shares the running one). */
export function flushOutbox() {
  flushing ??= flushQueue(
    outbox,
    async (photo) => (await uploadPhoto(photo.fileName, photo.content)).url,
    async (entry, photos) => {
      await inspect({ ...entry.input, photos, clientId: entry.clientId }, requestKeyOf(entry))
    },
    offline,
    errorMessage,
  ).finally(() => {
    flushing = null
  })
  return flushing
}
