import { useDidShow } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import { listPendingBindings } from '../api/bindings'

const COUNT_PAGE = 50

/** Binding requests waiting for the caller, oldest first; decided ones leave the list. */
export function usePendingBindings() {
  const paged = usePaged('staff:bindings', (cursor) => listPendingBindings(cursor))
  const [decided, setDecided] = useState<ReadonlySet<string>>(() => new Set())
  const items = useMemo(() => paged.items.filter((b) => !decided.has(b.id)), [paged.items, decided])
  const markDecided = useCallback((id: string) => setDecided((s) => new Set(s).add(id)), [])
  return { ...paged, items, markDecided }
}

/** How many requests wait (counted up to one page, "50+" beyond); null when not staff. */
export function usePendingBindingCount(isStaff: boolean) {
  const remote = useRemote(`staff:pending-count:${isStaff}`, async () => {
    if (!isStaff) return null
    const page = await listPendingBindings(undefined, COUNT_PAGE)
    return { count: page.items.length, more: page.nextCursor !== null }
  })
  useDidShow(() => {
    if (!remote.loading) void remote.reload()
  })
  return remote
}
