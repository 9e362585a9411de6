import { useEffect, useState } from 'react'
import type { MonthlyTable } from '@contract/activities'
import { monthlyHours } from '../api'

/** A village's month, its rows a page at a time (more on demand). */
export function useHoursTable(month: string, villageId: string) {
  const [table, setTable] = useState<MonthlyTable | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const load = async (cursor?: string) => {
    if (!villageId) return
    setLoading(true)
    setError(null)
    try {
      const page = await monthlyHours(month, villageId, cursor)
      setTable((shown) =>
        cursor && shown ? { ...page, rows: [...shown.rows, ...page.rows] } : page,
      )
    } catch (e) {
      setError(e)
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    setTable(null)
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reloads when the choice changes
  }, [month, villageId])
  return {
    table,
    loading,
    error,
    reload: () => load(),
    more: () => (table?.nextCursor ? load(table.nextCursor) : Promise.resolve()),
  }
}
