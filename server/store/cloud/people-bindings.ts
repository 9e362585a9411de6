// Household bindings (Store.bindings) on the cloud database. One open (pending or approved)
// binding per user: the binding that is open holds the unique_keys claim `binding:${userId}`,
// taken and released in the same transaction as the status it guards.
import type { BindingRecord, BindingView, Store } from '../store'
import {
  addUnique,
  all,
  allOf,
  byIds,
  claimKey,
  getDoc,
  householdView,
  loadPlaces,
  pageRows,
  toDoc,
  UNIQUE_KEYS,
} from './docs'
import { BINDING_CONSTRAINT, bindingKey, bindingOf, cmp, isOpen, userOf } from './people-common'
import type { CloudDb, Doc, Transaction } from './sdk'

/** Frees the user's open-binding claim if this binding holds it. */
async function releaseClaim(tx: Pick<Transaction, 'collection'>, b: BindingRecord) {
  const ref = tx.collection(UNIQUE_KEYS).doc(bindingKey(b.userId))
  const claim = await getDoc(ref)
  if (claim && claim.owner === b.id) await ref.remove()
}

export function bindingsRepo(db: CloudDb): Store['bindings'] {
  /** Binding views with their user's nickname and household; like SQLite's inner joins,
   * a binding whose user or household is gone is left out. */
  const views = async (docs: Doc[]): Promise<BindingView[]> => {
    const bindings = docs.map(bindingOf)
    const [users, households, places] = await Promise.all([
      byIds(
        db,
        'users',
        bindings.map((b) => b.userId),
      ),
      byIds(
        db,
        'households',
        bindings.map((b) => b.householdId),
      ),
      loadPlaces(db),
    ])
    return bindings.flatMap((b) => {
      const user = users.get(b.userId)
      const household = households.get(b.householdId)
      if (!user || !household) return []
      return [
        { ...b, nickname: userOf(user).nickname, household: householdView(household, places) },
      ]
    })
  }
  return {
    async get(id) {
      const doc = await getDoc(db.collection('bindings').doc(id))
      return doc ? ((await views([doc]))[0] ?? null) : null
    },
    async create(binding) {
      const data = toDoc(binding)
      if (!isOpen(binding.status)) {
        await addUnique(db.collection('bindings'), data, 'bindings.id')
        return
      }
      await db.runTransaction(async (tx) => {
        await claimKey(tx, bindingKey(binding.userId), binding.id, BINDING_CONSTRAINT)
        await addUnique(tx.collection('bindings'), data, 'bindings.id')
      })
    },
    async openRequest(userId) {
      const mine = (await allOf(db, 'bindings', { userId })).map(bindingOf)
      if (mine.some((b) => b.status === 'approved')) return null
      // The latest request, if it is still pending or was rejected (a later cancel hides it).
      const latest = Math.max(...mine.map((b) => b.createdAt))
      const found = mine
        .filter((b) => b.createdAt === latest)
        .filter((b) => b.status === 'pending' || b.status === 'rejected')
        .sort((a, b) => cmp(b.id, a.id))[0]
      if (!found) return null
      const doc = await getDoc(db.collection('bindings').doc(found.id))
      return doc ? ((await views([doc]))[0] ?? null) : null
    },
    async pending(q) {
      // Requests waiting are few at any time: read them all, keep those in the caller's
      // grids (a household's grid lives on the household), and page in memory.
      const docs = await all(
        db
          .collection('bindings')
          .where({ status: 'pending' })
          .orderBy('createdAt', 'asc')
          .orderBy('_id', 'asc'),
      )
      const grids = q.gridIds === null ? null : new Set(q.gridIds)
      const inScope = (await views(docs)).filter((b) => !grids || grids.has(b.household.gridId))
      return pageRows(
        inScope,
        (b) => b.createdAt,
        (b) => b.id,
        'asc',
        q.after,
        q.limit,
      )
    },
    async transition(id, from, to, decision) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('bindings').doc(id)
        const doc = await getDoc(ref)
        if (!doc || doc.status !== from) return false
        const binding = bindingOf(doc)
        if (isOpen(from) && !isOpen(to)) await releaseClaim(tx, binding)
        if (!isOpen(from) && isOpen(to))
          await claimKey(tx, bindingKey(binding.userId), id, BINDING_CONSTRAINT)
        await ref.update({
          data: {
            status: to,
            decidedBy: decision.by,
            decidedAt: decision.at,
            reason: decision.reason,
          },
        })
        return true
      })
    },
  }
}
