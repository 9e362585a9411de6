// 首页's first answers, asked for as soon as the app's code runs (H5), while the page's own
// chunk is still on its way: on a weak signal that saves a round trip before the first notices
// show. Each answer is handed to the first hook that asks for it, once; later loads ask anew.
import type { ActionOutput } from '@contract/index'
import { listColumns, listNotices } from './notices'

/** The inputs 首页 asks with first: the same as its hooks', so the answers are theirs. */
export const homeFeedInput = { pinned: false, limit: 10 } as const
export const homePinnedInput = { pinned: true, limit: 5 } as const

interface Prefetched {
  columns: ActionOutput<'columns.list'>
  feed: ActionOutput<'notices.list'>
  pinned: ActionOutput<'notices.list'>
}

const started: { [K in keyof Prefetched]?: Promise<Prefetched[K]> } = {}

/** Whether the app was opened on 首页 (no other page in the address). */
function openedOnHome(): boolean {
  if (typeof window === 'undefined') return false
  const route = window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? ''
  return route === '' || route === 'pages/index/index'
}

/** Starts 首页's three requests, in the H5 app opened on 首页 only. */
export function prefetchHome(): void {
  if (process.env.TARO_ENV !== 'h5' || !openedOnHome()) return
  started.columns = listColumns()
  started.feed = listNotices(homeFeedInput)
  started.pinned = listNotices(homePinnedInput)
  // A failure is the hook's to show (it asks again); never an unhandled rejection here.
  for (const promise of Object.values(started)) promise.catch(() => undefined)
}

/** The prefetched answer for `key`, once; undefined when none was started or it was taken. */
export function takePrefetched<K extends keyof Prefetched>(
  key: K,
): Promise<Prefetched[K]> | undefined {
  const promise = started[key]
  delete started[key]
  return promise
}
