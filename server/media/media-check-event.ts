// The verdict of an asynchronous image check (security.mediaCheckAsync v2), pushed by WeChat
// to the cloud function as a message event:
//   { ToUserName, FromUserName, CreateTime, MsgType: 'event', Event: 'wxa_media_check',
//     appid, trace_id, version: 2, result: { suggest: 'pass' | 'risky' | 'review', label },
//     detail: [...] }
// (version 1 pushes carried `isrisky: 0 | 1` instead of `result`.)
import type { Logger } from '../logger'
import { newId } from '../shared/ids'
import type { MediaStatus, Store } from '../store/store'

export interface MediaCheckEventDeps {
  store: Store
  /**
   * `cloud.getWXContext().SOURCE` of this invocation. A mini-program can call the function with
   * any event it likes, so an event that came from a phone (wx_client, wx_devtools…) is never
   * taken for the platform's verdict.
   */
  source: string | undefined
  logger?: Logger
  clock?: () => number
}

const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug']

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function verdictOf(event: Record<string, unknown>): Exclude<MediaStatus, 'pending'> | null {
  const suggest = isObject(event.result) ? event.result.suggest : undefined
  if (suggest === 'pass' || suggest === 'risky' || suggest === 'review') return suggest
  if (event.isrisky === 0) return 'pass'
  if (event.isrisky === 1) return 'risky'
  return null
}

/**
 * Applies a wxa_media_check verdict to the media record with its trace id: the picture becomes
 * visible to everyone (pass) or stays hidden (risky, review). True when the event was such a
 * verdict (handled, even if no pending record matched), false for any other event.
 */
export async function handleMediaCheckEvent(
  deps: MediaCheckEventDeps,
  event: unknown,
): Promise<boolean> {
  if (!isObject(event) || event.Event !== 'wxa_media_check') return false
  const source = deps.source ?? ''
  if (CLIENT_SOURCES.some((s) => source.split(',').includes(s))) {
    deps.logger?.error('media check event from a client ignored', { source })
    return false
  }
  const traceId = typeof event.trace_id === 'string' ? event.trace_id : ''
  const verdict = verdictOf(event)
  if (!traceId || !verdict) {
    // Left pending (hidden): safer than guessing at an event we do not understand.
    deps.logger?.error('media check event without trace id or verdict', { traceId })
    return true
  }
  const settled = await deps.store.media.settle(traceId, verdict)
  if (!settled) {
    deps.logger?.info('media check verdict for no pending file', { traceId, verdict })
    return true
  }
  await deps.store.audit.append([
    {
      requestId: newId('req'),
      actorId: null,
      actorRole: 'platform',
      action: 'media.checked',
      target: `media:${settled.id}`,
      before: { status: 'pending', traceId },
      after: { status: verdict },
      at: (deps.clock ?? Date.now)(),
    },
  ])
  return true
}
