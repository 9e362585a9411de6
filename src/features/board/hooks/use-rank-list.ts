import { useCallback, useEffect, useRef, useState } from 'react'
import type { ListKind, RankEntry } from '@contract/board'
import { listMore } from '../api/board'

export interface RankPages {
  entries: RankEntry[]
  loadingMore: boolean
  error: unknown
  done: boolean
  loadMore(): Promise<void>
}

/**
 * One list of a round: the first page comes with the ranking, the next pages on demand by
 * cursor. A new ranking (another round or village) starts over from its first page.
 */
export function useRankList(
  roundId: string,
  villageId: string | undefined,
  kind: ListKind,
  first: RankEntry[],
  firstNext: string | null,
): RankPages {
  const [entries, setEntries] = useState(first)
  const [next, setNext] = useState(firstNext)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const busy = useRef(false)
  const generation = useRef(0)

  useEffect(() => {
    generation.current++
    setEntries(first)
    setNext(firstNext)
    setError(null)
  }, [first, firstNext])

  const loadMore = useCallback(async () => {
    if (busy.current || next === null) return
    busy.current = true
    const mine = generation.current
    setLoadingMore(true)
    setError(null)
    try {
      const page = await listMore(roundId, villageId, kind, next)
      if (mine !== generation.current) return
      setEntries((shown) => [...shown, ...page.items])
      setNext(page.nextCursor)
    } catch (e) {
      if (mine === generation.current) setError(e)
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [roundId, villageId, kind, next])

  return { entries, loadingMore, error, done: next === null, loadMore }
}
