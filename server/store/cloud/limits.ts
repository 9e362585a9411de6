// Rate-limit counters on the cloud database: one document per caller, class and window, its
// `_id` the counter's key, raised by an atomic increment.
import type { Store } from '../store'
import { getDoc, GET_MAX, isDuplicate } from './docs'
import type { CloudDb } from './sdk'

export const RATE_LIMITS = 'rate_limits'

export function limitsRepo(db: CloudDb): Store['limits'] {
  return {
    async take(key, amount, expiresAt, limit) {
      // Not a transaction (start, read, write, commit: four requests on every limited call).
      // Most takes are a caller's first of its window (a villager writes a few times a day,
      // seldom twice in a minute): making the counter is then the one request. When it is there
      // already, an atomic increment raises it, conditional under a limit (only while the amount
      // fits), so that concurrent takes never push one another past the limit and none is
      // refused early; an increment that fit is not read back (Store.limits.take).
      const _ = db.command
      const ref = db.collection(RATE_LIMITS).doc(key)
      if (amount !== 0) {
        if (limit !== undefined && amount > limit) return amount
        const fits = limit === undefined ? {} : { count: _.lte(limit - amount) }
        for (let attempt = 0; ; attempt++) {
          try {
            await db.collection(RATE_LIMITS).add({ data: { _id: key, count: amount, expiresAt } })
            return amount
          } catch (e) {
            if (!isDuplicate(e)) throw e
          }
          const { stats } = await db
            .collection(RATE_LIMITS)
            .where({ _id: key, ...fits })
            .update({ data: { count: _.inc(amount) } })
          if (stats.updated > 0 && limit !== undefined) return limit
          if (stats.updated > 0) break
          // No room, or the counter went (its window ended and the timer removed it): look.
          const doc = await getDoc(ref)
          if (doc) return Number(doc.count ?? 0) + amount
          if (attempt >= 5) throw new Error(`rate-limit counter ${key} keeps changing`)
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
