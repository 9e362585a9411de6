// Rate-limit counters on the cloud database: one document per caller, class and window, its
// `_id` the counter's key, raised in a transaction (conflicts are retried, transactions.ts).
import type { Store } from '../store'
import { getDoc, GET_MAX } from './docs'
import type { CloudDb } from './sdk'

export const RATE_LIMITS = 'rate_limits'

export function limitsRepo(db: CloudDb): Store['limits'] {
  return {
    take(key, amount, expiresAt) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(RATE_LIMITS).doc(key)
        const doc = await getDoc(ref)
        const count = Number(doc?.count ?? 0) + amount
        // Looking (amount 0) writes nothing.
        if (amount !== 0) await ref.set({ data: { count, expiresAt } })
        return count
      })
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
