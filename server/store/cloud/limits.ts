// Rate-limit counters on the cloud database: one document per caller, class and window, its
// `_id` the counter's key, raised by an atomic increment.
import type { Store } from '../store'
import { getDoc, GET_MAX, isDuplicate } from './docs'
import type { CloudDb } from './sdk'

export const RATE_LIMITS = 'rate_limits'

export function limitsRepo(db: CloudDb): Store['limits'] {
  return {
    async take(key, amount, expiresAt) {
      // Not a transaction (start, read, write, commit: four requests on every limited call): an
      // atomic increment, then a read of what it came to. Concurrent takes each count; a take
      // may see another's amount on top of its own, never less than its own.
      const ref = db.collection(RATE_LIMITS).doc(key)
      if (amount !== 0) {
        const raised = async () =>
          (await ref.update({ data: { count: db.command.inc(amount) } })).stats.updated > 0
        if (!(await raised())) {
          try {
            await db.collection(RATE_LIMITS).add({ data: { _id: key, count: amount, expiresAt } })
            return amount
          } catch (e) {
            // Another first take of this window made the document: raise it instead.
            if (!isDuplicate(e) || !(await raised())) throw e
          }
        }
      }
      const doc = await getDoc(ref)
      return Number(doc?.count ?? 0)
    },
    async expire(before, limit) {
      const _ = db.command
      let removed = 0
      while (removed < limit) {
        const { data } = await db
          .collection(RATE_LIMITS)
          .where({ expiresAt: _.lt(before) })
          .limit(Math.min(GET_MAX, limit - removed))
          .field({ _id: true })
          .get()
        if (data.length === 0) break
        for (const doc of data) await db.collection(RATE_LIMITS).doc(String(doc._id)).remove()
        removed += data.length
      }
      return removed
    },
  }
}
