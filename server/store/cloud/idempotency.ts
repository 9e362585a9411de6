// Idempotency keys on the cloud database: one document per key, `_id` the key's scope, so that
// of two invocations claiming one key only the first add succeeds.
import type { Store } from '../store'
import { getDoc, GET_MAX, isDuplicate } from './docs'
import type { CloudDb } from './sdk'

export const IDEMPOTENCY_KEYS = 'idempotency_keys'

export function idempotencyRepo(db: CloudDb): Store['idempotency'] {
  const keys = () => db.collection(IDEMPOTENCY_KEYS)
  return {
    async get(scope) {
      const doc = await getDoc(keys().doc(scope))
      if (!doc) return null
      return {
        status: doc.status === 'done' ? 'done' : 'pending',
        fingerprint: String(doc.fingerprint),
        answer: typeof doc.answer === 'string' ? (JSON.parse(doc.answer) as unknown) : null,
        at: Number(doc.at),
      }
    },
    async claim(scope, fingerprint, at) {
      try {
        await keys().add({ data: { _id: scope, fingerprint, status: 'pending', answer: null, at } })
        return true
      } catch (e) {
        if (isDuplicate(e)) return false
        throw e
      }
    },
    async complete(scope, answer, at) {
      // The answer is kept as JSON text: an update would merge an object into the document
      // field by field, and an answer's own field names (`_id`, …) mean nothing as text.
      await keys()
        .doc(scope)
        .update({ data: { status: 'done', answer: JSON.stringify(answer ?? null), at } })
    },
    async release(scope) {
      await keys().doc(scope).remove()
    },
    async expire(before, limit) {
      const _ = db.command
      let removed = 0
      while (removed < limit) {
        const { data } = await keys()
          .where({ at: _.lt(before) })
          .limit(Math.min(GET_MAX, limit - removed))
          .field({ _id: true })
          .get()
        if (data.length === 0) break
        for (const doc of data) await keys().doc(String(doc._id)).remove()
        removed += data.length
      }
      return removed
    },
  }
}
