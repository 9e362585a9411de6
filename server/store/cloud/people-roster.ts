// The roster import and export (Store.roster) on the cloud database.
import { type HouseholdRecord, UniqueViolation, type RosterPlan, type Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import {
  all,
  allOf,
  applyCounts,
  byIds,
  type CountDeltas,
  countDelta,
  getDoc,
  GET_MAX,
  householdDoc,
  inBatches,
  isDuplicate,
  loadPlaces,
  type Places,
  placesChanged,
  toDoc,
} from './docs'
import { cmp, groupOf, villageOf } from './people-common'
import { refreshHouseholdCopies } from './board-docs'
import type { CloudDb, Doc } from './sdk'

/** Documents written at once while applying a plan. */
const BATCH = 20

/** True when a stored document already holds exactly what `data` would write. */
const sameAs = (stored: Doc, data: Doc) =>
  Object.entries(data).every(([k, v]) => JSON.stringify(stored[k]) === JSON.stringify(v))

/** Rows by their village, in plan order. */
function byVillage<T extends { villageId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.villageId)
    if (list) list.push(r)
    else out.set(r.villageId, [r])
  }
  return out
}

export function rosterRepo(db: CloudDb): Store['roster'] {
  const _ = db.command

  /**
   * Adds a planned document. Its _id is the plan's record id, so a re-run of the same plan
   * finds the document it wrote before and goes on; anything else at that _id, or a unique
   * key (a group or grid name, a 门牌号) taken by another document, is a UniqueViolation.
   * `initial` fields (a new place's household count) are written but not compared.
   */
  const put = async (collection: string, record: object, initial: Doc = {}) => {
    const data = toDoc(record)
    try {
      await db.collection(collection).add({ data: { ...data, ...initial } })
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
    // Only the 门牌号 the new rows name, village by village, GET_MAX at a time.
    for (const [villageId, rows] of byVillage(plan.create))
      for (let i = 0; i < rows.length; i += GET_MAX) {
        const chunk = rows.slice(i, i + GET_MAX)
        const { data } = await db
          .collection('households')
          .where({ villageId, houseNo: _.in(chunk.map((h) => h.houseNo)) })
          .limit(GET_MAX)
          .get()
        const taken = new Map(data.map((h) => [String(h.houseNo), String(h._id)]))
        for (const h of chunk) {
          const holder = taken.get(h.houseNo)
          if (holder !== undefined && holder !== h.id)
            throw new UniqueViolation(`households.houseNo: ${h.houseNo}`)
        }
      }
  }

  /**
   * New households of one village, BATCH at a time: those a previous run already wrote are
   * checked and skipped, the others added in one transaction with their places' counts.
   */
  const createIn = async (rows: HouseholdRecord[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH).map(householdDoc)
      const stored = await byIds(
        db,
        'households',
        chunk.map((h) => h.id),
      )
      const fresh = chunk.filter((h) => {
        const there = stored.get(h.id)
        if (there && !sameAs(there, toDoc(h))) throw new UniqueViolation(`households: ${h.id}`)
        return !there
      })
      if (fresh.length === 0) continue
      const deltas: CountDeltas = new Map()
      for (const h of fresh) {
        countDelta(deltas, 'villages', h.villageId, 1)
        countDelta(deltas, 'groups', h.groupId, 1)
        countDelta(deltas, 'grids', h.gridId, 1)
      }
      try {
        await db.runTransaction(async (tx) => {
          for (const h of fresh) await tx.collection('households').add({ data: toDoc(h) })
          await applyCounts(tx, deltas)
        })
      } catch (e) {
        if (isDuplicate(e)) throw new UniqueViolation('households.houseNo')
        throw e
      }
    }
  }

  /**
   * Updates, BATCH at a time: rows that stay in their group are written as they are; a row that
   * moves to another group is written in a transaction with both groups' counts.
   */
  const updateAll = async (rows: RosterPlan['update']) => {
    for (let i = 0; i < rows.length; i += GET_MAX) {
      const chunk = rows.slice(i, i + GET_MAX)
      const stored = await byIds(
        db,
        'households',
        chunk.map((h) => h.id),
      )
      await inBatches(chunk, BATCH, async ({ id, headName, size, phone, groupId }) => {
        const data = { headName, size, phone, groupId }
        const before = stored.get(id)
        if (!before || before.groupId === groupId) {
          await db.collection('households').doc(id).update({ data })
          return
        }
        await db.runTransaction(async (tx) => {
          const ref = tx.collection('households').doc(id)
          const now = await getDoc(ref)
          if (!now) return
          const deltas: CountDeltas = new Map()
          if (now.groupId !== groupId) {
            countDelta(deltas, 'groups', String(now.groupId), -1)
            countDelta(deltas, 'groups', groupId, 1)
          }
          await ref.update({ data })
          await applyCounts(tx, deltas)
        })
      })
    }
  }

  /**
   * The households the (村, 门牌号) pairs name: for each village of those names, its 门牌号
   * GET_MAX at a time (`_.in`), answering only what exists.
   */
  const namedHouseholds = async (
    places: Places,
    villageId: string | undefined,
    named: readonly { villageName: string; houseNo: string }[],
  ): Promise<Doc[]> => {
    const idsOf = new Map<string, string[]>()
    for (const v of places.villages.values()) {
      if (villageId !== undefined && v.id !== villageId) continue
      idsOf.set(v.name, [...(idsOf.get(v.name) ?? []), v.id])
    }
    const houseNos = new Map<string, Set<string>>()
    for (const n of named)
      for (const id of idsOf.get(n.villageName) ?? []) {
        const set = houseNos.get(id) ?? new Set<string>()
        set.add(n.houseNo)
        houseNos.set(id, set)
      }
    const out: Doc[] = []
    for (const [id, set] of houseNos) {
      const list = [...set]
      for (let i = 0; i < list.length; i += GET_MAX)
        out.push(
          ...(await all(
            db
              .collection('households')
              .where({ villageId: id, houseNo: _.in(list.slice(i, i + GET_MAX)) })
              .orderBy('_id', 'asc'),
          )),
        )
    }
    return out
  }

  return {
    async entries(villageId, named) {
      const places = await loadPlaces(db)
      const docs = named
        ? await namedHouseholds(places, villageId, named)
        : await allOf(db, 'households', villageId === undefined ? undefined : { villageId })
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
      placesChanged(db)
      try {
        await precheck(plan)
        const counted = { householdCount: 0 }
        await inBatches(plan.villages, BATCH, (r) => put('villages', r, counted))
        await inBatches(plan.groups, BATCH, (r) =>
          put('groups', { archivedAt: null, ...r }, counted),
        )
        await inBatches(plan.grids, BATCH, (r) => put('grids', { archivedAt: null, ...r }, counted))
        // Village by village, a batch at a time: a failure leaves whole batches written.
        for (const rows of byVillage(plan.create).values()) await createIn(rows)
        await updateAll(plan.update)
        // The board's lines and current scores carry the households' names and places.
        await refreshHouseholdCopies(
          db,
          plan.update.map((u) => u.id),
        )
      } finally {
        placesChanged(db)
      }
    },
  }
}
