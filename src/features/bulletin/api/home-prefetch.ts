// 首页's first answers, asked for before its page's code has arrived: on a weak signal that
// saves a round trip before the first notices show. In the H5 app opened on 首页, index.html's
// inline script has already sent the requests (home-requests.ts, early-requests.ts) and they
// are taken over here at app start; without that script's answers (an old browser), they are
// asked for now. Each answer is handed to the first hook that asks for it, once; later loads
// ask anew.
import type { ActionOutput } from '@contract/index'
import { adoptAnswer } from '@/lib/api-client'
import { takeEarlyAnswers } from '@/lib/early-requests'
import { dismissHomePreview } from '@/lib/home-preview'
import { homeFeedInput, homePinnedInput } from './home-requests'
import { listColumns, listNotices } from './notices'

export { homeFeedInput, homePinnedInput } from './home-requests'

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

/** Starts (or takes over) 首页's three requests, in the H5 app opened on 首页 only. */
export function prefetchHome(): void {
  if (process.env.TARO_ENV !== 'h5') return
  // Opened elsewhere (a notice tapped in index.html's preview before the app arrived): the
  // preview of 首页 goes.
  if (!openedOnHome()) return dismissHomePreview()
  const early = takeEarlyAnswers()
  if (early?.columns && early.feed && early.pinned) {
    started.columns = adoptAnswer('columns.list', early.columns)
    started.feed = adoptAnswer('notices.list', early.feed)
    started.pinned = adoptAnswer('notices.list', early.pinned)
  } else {
    started.columns = listColumns()
    started.feed = listNotices(homeFeedInput)
    started.pinned = listNotices(homePinnedInput)
  }
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
