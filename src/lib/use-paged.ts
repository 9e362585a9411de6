import { useCallback, useEffect, useRef, useState } from 'react'

export interface PageResult<T> {
  items: T[]
  nextCursor: string | null
}

export interface Paged<T> {
  items: T[]
  /** First page loading (or reloading). */
  loading: boolean
  loadingMore: boolean
  error: unknown
  /** No page after the last one loaded. */
  done: boolean
  refresh(): Promise<void>
  loadMore(): Promise<void>
}

/**
 * A cursor-paginated list: first page per `key`, more pages on demand. Late answers for an
 * older key are dropped; a failed "more" keeps what is shown and can be retried. `saved`, when
 * given, is the first page as last seen (from storage): shown at once, from the first paint,
 * while the first page is loaded again, and replaced by it.
 */
export function usePaged<T>(
  key: string,
  loadPage: (cursor: string | undefined) => Promise<PageResult<T>>,
  saved?: () => PageResult<T> | null,
): Paged<T> {
  const savedRef = useRef(saved)
  savedRef.current = saved
  const [first] = useState(() => saved?.() ?? null)
  const [items, setItems] = useState<T[]>(first?.items ?? [])
  const [cursor, setCursor] = useState<string | null>(first?.nextCursor ?? null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const loadRef = useRef(loadPage)
  loadRef.current = loadPage
  const generation = useRef(0)
  const busy = useRef(false)

  const refresh = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    try {
      const page = await loadRef.current(undefined)
      if (mine !== generation.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
    } catch (e) {
      if (mine === generation.current) setError(e)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (busy.current || cursor === null || loading) return
    busy.current = true
    const mine = generation.current
    setLoadingMore(true)
    try {
      const page = await loadRef.current(cursor)
      if (mine !== generation.current) return
      setItems((shown) => [...shown, ...page.items])
      setCursor(page.nextCursor)
    } catch (e) {
      if (mine === generation.current) setError(e)
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [cursor, loading])

  const mounted = useRef(false)
  useEffect(() => {
    // On mount the saved page is already in state; on a change of key, that key's.
    if (mounted.current) {
      const page = savedRef.current?.() ?? null
      setItems(page?.items ?? [])
      setCursor(page?.nextCursor ?? null)
    }
    mounted.current = true
    void refresh()
  }, [key, refresh])

  return { items, loading, loadingMore, error, done: cursor === null, refresh, loadMore }
}
