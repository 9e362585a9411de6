// Households and invites (Store.households) on the cloud database.
import type { HouseholdRecord, MemberView, Store } from '../store'
import {
  addUnique,
  allOf,
  applyCounts,
  type CountDeltas,
  countDelta,
  GET_MAX,
  placesChanged,
  byIds,
  getDoc,
  householdView,
  keysetPage,
  loadPlaces,
  toDoc,
} from './docs'
import { houseSortKey } from '../../places/house-order.rules'
import { containing, userOf } from './people-common'
import { refreshHouseholdCopies } from './board-docs'
import type { CloudDb, Doc } from './sdk'

type HouseholdPatch = Parameters<Store['households']['update']>[1]

export function householdsRepo(db: CloudDb): Store['households'] {
  const _ = db.command
  /**
   * Approved members of several households: their bindings GET_MAX households at a time
   * (`_.in`), then the users in one batch read; each household's by binding time.
   */
  const membersOf = async (householdIds: readonly string[]) => {
    const ids = [...new Set(householdIds)]
    const bindings: Doc[] = []
    for (let i = 0; i < ids.length; i += GET_MAX)
      bindings.push(
        ...(await allOf(db, 'bindings', {
          householdId: _.in(ids.slice(i, i + GET_MAX)),
          status: 'approved',
        })),
      )
    bindings.sort((a, b) => Number(a.createdAt) - Number(b.createdAt))
    const users = await byIds(
      db,
      'users',
      bindings.map((b) => String(b.userId)),
    )
    const out = new Map<string, MemberView[]>(ids.map((id) => [id, []]))
    for (const b of bindings) {
      const user = users.get(String(b.userId))
      if (!user) continue
      out.get(String(b.householdId))?.push({
        bindingId: String(b._id),
        userId: String(b.userId),
        nickname: userOf(user).nickname,
        relation: b.relation === 'head' ? 'head' : 'member',
      })
    }
    return out
  }
  return {
    async list(q) {
      const conds: object[] = []
      if (q.gridIds !== null) conds.push({ gridId: _.in(q.gridIds) })
      if (q.villageId !== undefined) conds.push({ villageId: q.villageId })
      if (q.gridId !== undefined) conds.push({ gridId: _.eq(q.gridId) })
      if (q.groupId !== undefined) conds.push({ groupId: _.eq(q.groupId) })
      if (q.keyword)
        conds.push(
          _.or([{ headName: containing(db, q.keyword) }, { houseNo: containing(db, q.keyword) }]),
        )
      const [{ docs, next }, places] = await Promise.all([
        keysetPage(db, {
          collection: 'households',
          where: conds.length === 0 ? undefined : conds.length === 1 ? conds[0] : _.and(conds),
          // 门牌号 in walking order: the stored key (ASCII, so it compares alike everywhere).
          field: 'houseSort',
          direction: 'asc',
          after: q.after,
          limit: q.limit,
        }),
        loadPlaces(db),
      ])
      return { items: docs.map((d) => householdView(d, places)), next }
    },
    async members(householdId) {
      return (await membersOf([householdId])).get(householdId) ?? []
    },
    membersOf,
    async update(id, patch: HouseholdPatch) {
      const data = toDoc(patch as Partial<HouseholdRecord>)
      if (Object.keys(data).length === 0) return
      if (data.groupId === undefined && data.gridId === undefined) {
        await db.collection('households').doc(id).update({ data })
      } else {
        // A move to another group or grid: the places' household counts change with it.
        await db.runTransaction(async (tx) => {
          const ref = tx.collection('households').doc(id)
          const before = await getDoc(ref)
          if (!before) return
          const deltas: CountDeltas = new Map()
          for (const [field, collection] of [
            ['groupId', 'groups'],
            ['gridId', 'grids'],
          ] as const) {
            const to = data[field]
            if (to === undefined || to === before[field]) continue
            countDelta(deltas, collection, String(before[field]), -1)
            countDelta(deltas, collection, String(to), 1)
          }
          await ref.update({ data })
          await applyCounts(tx, deltas)
        })
        placesChanged(db)
      }
      // The board's lines and current scores carry the household's names and places.
      if (['headName', 'groupId', 'gridId'].some((k) => k in data))
        await refreshHouseholdCopies(db, [id])
    },
    async find(villageId, headName, houseNo) {
      const [{ data }, places] = await Promise.all([
        db.collection('households').where({ villageId, headName, houseNo }).limit(1).get(),
        loadPlaces(db),
      ])
      return data[0] ? householdView(data[0], places) : null
    },
    async createInvite(invite) {
      // The code is the _id: a code is issued once.
      await addUnique(
        db.collection('invites'),
        { ...toDoc(invite), _id: invite.code, usedBy: null, usedAt: null },
        'invites.code',
      )
    },
    async useInvite(code, userId, now) {
      // Read and mark in one transaction: of two people racing for a code, one gets it.
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('invites').doc(code)
        const doc = await getDoc(ref)
        if (!doc || (doc.usedBy !== null && doc.usedBy !== undefined)) return null
        if (!(Number(doc.expiresAt) > now)) return null
        await ref.update({ data: { usedBy: userId, usedAt: now } })
        return String(doc.householdId)
      })
    },
    async fillSortKeys(limit) {
      // Households added before the walking-order key existed have no houseSort: the list
      // pages by it, so the timer fills it in, a bounded batch at a time.
      const { data } = await db
        .collection('households')
        .where({ houseSort: _.exists(false) })
        .limit(Math.min(limit, 100))
        .get()
      for (const doc of data)
        await db
          .collection('households')
          .doc(String(doc._id))
          .update({ data: { houseSort: houseSortKey(String(doc.houseNo)) } })
      return data.length
    },
  }
}
