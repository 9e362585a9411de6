import { useState } from 'react'
import { usePaged } from '@/lib/use-paged'
import { listUnreached } from '../api/households'

/** Households a notice has not reached in the caller's grids, with the reach totals. */
export function useUnreached(noticeId: string) {
  const [totals, setTotals] = useState<{ inScope: number; reached: number } | null>(null)
  const list = usePaged(`staff:reach:${noticeId}`, async (cursor) => {
    const page = await listUnreached(noticeId, cursor)
    if (!cursor) setTotals({ inScope: page.inScope, reached: page.reached })
    return page
  })
  return { list, totals }
}
