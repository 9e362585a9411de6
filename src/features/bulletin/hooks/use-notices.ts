import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { Notice } from '@contract/bulletin'
import type { ActionOutput } from '@contract/index'
import { ApiError } from '@/lib/api-client'
import { createOfflineCache, loadOrSaved, type KeyValueStorage } from '@/lib/offline-cache'
import { useRemote } from '@/lib/use-remote'
import { usePaged, type Paged } from '@/lib/use-paged'
import { takePrefetched } from '../api/home-prefetch'
import { getMe, getNotice, listColumns, listNotices } from '../api/notices'

const taroStorage: KeyValueStorage = {
  get: (key) => Taro.getStorageSync(key) as unknown,
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
}

type FeedPage = ActionOutput<'notices.list'>

/**
 * Where the first page of each column's feed is kept, as last loaded ('all' for 全部, 'pinned'
 * for the pinned block); index.html's preview of 首页 reads it too (config/h5-home-preview.ts).
 */
export const FEED_CACHE_NAME = 'hemei.offline.feed'

const feedCache = createOfflineCache<FeedPage>(taroStorage, {
  name: FEED_CACHE_NAME,
  limit: 30,
})

/** Every notice opened, the last 50. */
const noticeCache = createOfflineCache<Notice>(taroStorage, {
  name: 'hemei.offline.notice',
  limit: 50,
})

/** No answer from the server: the saved copy may stand in. */
const noAnswer = (error: unknown) => error instanceof ApiError && error.code === 'NETWORK'

/** The visible columns, for the tabs on 首页. */
export const useColumns = () =>
  useRemote('columns', () => takePrefetched('columns') ?? listColumns())

export interface NoticeFeedState extends Paged<FeedPage['items'][number]> {
  /** When the shown first page was saved, if the network failed and a saved copy is shown. */
  savedAt: string | null
}

/**
 * The notice feed of one column (or all, when columnId is empty), newest first; with a
 * keyword, the notices of that column matching it. The first page of the plain feed is kept:
 * shown at once while it loads again, and for reading offline.
 */
export function useNoticeFeed(columnId: string, keyword = ''): NoticeFeedState {
  const key = `feed:${columnId}:${keyword}`
  const current = useRef(key)
  current.current = key
  const [saved, setSaved] = useState<{ key: string; at: string | null }>({ key, at: null })
  const list = usePaged(
    key,
    async (cursor) => {
      const input = {
        columnId: columnId || undefined,
        keyword: keyword || undefined,
        // 全部 shows the pinned notices in their own block above the feed (usePinnedNotices).
        pinned: pinnedApart(columnId, keyword) ? false : undefined,
        cursor,
        limit: 10,
      }
      if (cursor || keyword) return listNotices(input)
      // 全部's first page may already be on its way (home-prefetch, started at app start).
      const load = () => (columnId ? undefined : takePrefetched('feed')) ?? listNotices(input)
      const page = await loadOrSaved(feedCache, columnId || 'all', load, noAnswer)
      if (current.current === key) setSaved({ key, at: page.savedAt })
      return page.data
    },
    // The last feed seen is shown at once while it loads again.
    () => (keyword ? null : (feedCache.read(columnId || 'all')?.data ?? null)),
  )
  return { ...list, savedAt: saved.key === key ? saved.at : null }
}

/** Whether this feed leaves the pinned notices to the block above it: 全部, not searching. */
export const pinnedApart = (columnId: string, keyword: string) => !columnId && !keyword

/** The pinned notices for the block at the top of 首页, five at a time; kept for offline. */
export function usePinnedNotices(): Paged<FeedPage['items'][number]> {
  return usePaged(
    'pinned',
    async (cursor) => {
      const input = { pinned: true, cursor, limit: 5 }
      if (cursor) return listNotices(input)
      const load = () => takePrefetched('pinned') ?? listNotices(input)
      return (await loadOrSaved(feedCache, 'pinned', load, noAnswer)).data
    },
    () => feedCache.read('pinned')?.data ?? null,
  )
}

/** One notice, for its page; a notice opened before is shown from storage when offline. */
export function useNotice(id: string) {
  const remote = useRemote(`notice:${id}`, () =>
    loadOrSaved(noticeCache, id, () => getNotice(id), noAnswer),
  )
  return { ...remote, data: remote.data?.data ?? null, savedAt: remote.data?.savedAt ?? null }
}

/** Whether the caller is staff (网格员 or 管理员); false for visitors and while unknown. */
export function useIsStaff(): boolean {
  const [staff, setStaff] = useState(false)
  useEffect(() => {
    let live = true
    getMe().then(
      (me) => {
        const role = me.user?.role
        if (live) setStaff(role === 'gridWorker' || role === 'admin')
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [])
  return staff
}

/** The value once it has stopped changing for `ms` (typing in a search box). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}
