// Rate-limit counters on the cloud database: one document per caller, class and window, its
// `_id` the counter's key, raised by an atomic increment.
import type { Store } from '../store'
import { getDoc, GET_MAX, isDuplicate } from './docs'
import type { CloudDb } from './sdk'

export const RATE_LIMITS = 'rate_limits'

export function limitsRepo(db: CloudDb): Store['limits'] {
  return {
    async take(key, amount, expiresAt, limit) {
      // Not a transaction (start, read, write, commit: four requests on every limited call): an
      // atomic increment, then a read of what it came to. With a limit the increment is
      // conditional (only while the amount fits), so concurrent takes never push one another
      // past the limit and none is refused early; without one it always counts.
      const _ = db.command
      const ref = db.collection(RATE_LIMITS).doc(key)
      if (amount !== 0) {
        const fits = limit === undefined ? {} : { count: _.lte(limit - amount) }
        const raised = async () =>
          (
            await db
              .collection(RATE_LIMITS)
              .where({ _id: key, ...fits })
              .update({ data: { count: _.inc(amount) } })
          ).stats.updated > 0
        for (let attempt = 0; !(await raised()); attempt++) {
          // No room, or no counter yet (the first take of the window makes it).
          if (limit !== undefined && amount > limit) return amount
          try {
            await db.collection(RATE_LIMITS).add({ data: { _id: key, count: amount, expiresAt } })
            return amount
          } catch (e) {
            if (!isDuplicate(e)) throw e
          }
          const would = Number((await getDoc(ref))?.count ?? 0) + amount
          if (limit !== undefined && would > limit) return would
          // Room after all: another take made the counter meanwhile. Raise it.
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
