// The roster import and export (Store.roster) on the cloud database.
import { UniqueViolation, type RosterPlan, type Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { allOf, getDoc, householdDoc, inBatches, isDuplicate, loadPlaces, toDoc } from './docs'
import { cmp, groupOf, villageOf } from './people-common'
import { refreshHouseholdCopies } from './board-docs'
import type { CloudDb, Doc } from './sdk'

/** Documents written at once while applying a plan. */
const BATCH = 20

/** True when a stored document already holds exactly what `data` would write. */
const sameAs = (stored: Doc, data: Doc) =>
  Object.entries(data).every(([k, v]) => JSON.stringify(stored[k]) === JSON.stringify(v))

export function rosterRepo(db: CloudDb): Store['roster'] {
  const _ = db.command

  /**
   * Adds a planned document. Its _id is the plan's record id, so a re-run of the same plan
   * finds the document it wrote before and goes on; anything else at that _id, or a unique
   * key (a group or grid name, a 门牌号) taken by another document, is a UniqueViolation.
   */
  const put = async (collection: string, record: object) => {
    const data = toDoc(record)
    try {
      await db.collection(collection).add({ data })
    } catch (e) {
      if (!isDuplicate(e)) throw e
      const stored = await getDoc(db.collection(collection).doc(String(data._id)))
      if (!stored || !sameAs(stored, data)) throw new UniqueViolation(`${collection}: ${data._id}`)
    }
  }

  /** Refuses the plan before anything is written when it clashes with the current state. */
  const precheck = async (plan: RosterPlan) => {
    for (const village of plan.villages) {
      // Village names have no unique index (a merged village's name may come back).
      const named = await allOf(db, 'villages', { name: village.name })
      if (named.some((v) => v._id !== village.id))
        throw new UniqueViolation(`villages.name: ${village.name}`)
    }
    const villageIds = [...new Set(plan.create.map((h) => h.villageId))]
    for (let i = 0; i < villageIds.length; i += 100) {
      const existing = await allOf(db, 'households', {
        villageId: _.in(villageIds.slice(i, i + 100)),
      })
      const taken = new Map(existing.map((h) => [`${h.villageId}|${h.houseNo}`, String(h._id)]))
      for (const h of plan.create) {
        const holder = taken.get(`${h.villageId}|${h.houseNo}`)
        if (holder !== undefined && holder !== h.id)
          throw new UniqueViolation(`households.houseNo: ${h.houseNo}`)
      }
    }
  }

  return {
    async entries(villageId) {
      const [places, docs] = await Promise.all([
        loadPlaces(db),
        allOf(db, 'households', villageId === undefined ? undefined : { villageId }),
      ])
      const rows = docs.flatMap((h) => {
        const village = places.villages.get(String(h.villageId))
        const group = places.groups.get(String(h.groupId))
        if (!village || !group || villageOf(village).archivedAt !== null) return []
        return [{ h, village, group: groupOf(group) }]
      })
      rows.sort(
        (a, b) =>
          a.village.sort - b.village.sort ||
          cmp(a.village.name, b.village.name) ||
          a.group.sort - b.group.sort ||
          cmp(a.group.name, b.group.name) ||
          cmp(houseSortKey(String(a.h.houseNo)), houseSortKey(String(b.h.houseNo))) ||
          cmp(String(a.h._id), String(b.h._id)),
      )
      return rows.map(({ h, village, group }) => ({
        householdId: String(h._id),
        villageName: village.name,
        groupName: group.name,
        headName: String(h.headName),
        houseNo: String(h.houseNo),
        size: Number(h.size),
        phone: h.phone === null || h.phone === undefined ? null : String(h.phone),
      }))
    },
    async apply(plan) {
      // Not one transaction: a cloud transaction holds a handful of documents, a roster
      // thousands. The plan is checked against the current state first, then written in
      // batches, parents before children. Every record carries the id the plan gave it, and
      // updates set absolute values, so applying the same plan again after a failure part-way
      // completes it (idempotent) instead of duplicating or refusing what was written.
      await precheck(plan)
      await inBatches(plan.villages, BATCH, (r) => put('villages', r))
      await inBatches(plan.groups, BATCH, (r) => put('groups', { archivedAt: null, ...r }))
      await inBatches(plan.grids, BATCH, (r) => put('grids', { archivedAt: null, ...r }))
      await inBatches(plan.create, BATCH, (r) => put('households', householdDoc(r)))
      await inBatches(plan.update, BATCH, ({ id, headName, size, phone, groupId }) =>
        db.collection('households').doc(id).update({ data: { headName, size, phone, groupId } }),
      )
      // The board's lines and current scores carry the households' names and places.
      await refreshHouseholdCopies(
        db,
        plan.update.map((u) => u.id),
      )
    },
  }
}
