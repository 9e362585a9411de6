import { useCallback, useEffect, useRef, useState } from 'react'

export interface Remote<T> {
  data: T | null
  error: unknown
  loading: boolean
  /** Loads again; resolves when done (for pull to refresh). */
  reload(): Promise<void>
}

/**
 * Loads data once per `key` and keeps the latest answer: an answer for an older key that
 * arrives late is dropped, so switching tabs quickly never shows the wrong list.
 */
export function useRemote<T>(key: string, load: () => Promise<T>): Remote<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  })
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await loadRef.current()
      if (mine === generation.current) setState({ data, error: null, loading: false })
    } catch (error) {
      if (mine === generation.current) setState((s) => ({ ...s, error, loading: false }))
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [key, reload])

  return { ...state, reload }
}
