// Villages, groups, grids and grid workers (Store.places) on the cloud database.
import type { GridRecord, GroupRecord, PlaceKind, Store, VillageRecord } from '../store'
import { UniqueViolation } from '../store'
import {
  addUnique,
  allOf,
  byIds,
  claimKey,
  getDoc,
  householdView,
  isDuplicate,
  loadPlaces,
} from './docs'
import { releaseKey, toDoc } from './docs'
import { bindingOf, cmp, gridOf, groupOf, userOf, villageCodeKey, villageOf } from './people-common'
import { refreshPlaceCopies } from './board-docs'
import type { CloudDb } from './sdk'

const collectionOf: Record<PlaceKind, string> = {
  village: 'villages',
  group: 'groups',
  grid: 'grids',
}

const archivedLast = (a: { archivedAt: number | null }, b: { archivedAt: number | null }) =>
  Number(a.archivedAt !== null) - Number(b.archivedAt !== null)

export function placesRepo(db: CloudDb): Store['places'] {
  const _ = db.command
  const $ = _.aggregate
  /**
   * Households per value of `field` (a village, group or grid id): one aggregate. Without a
   * limit stage the platform answers 20 groups; a township has dozens of places, not 1000.
   */
  const countBy = async (field: string) => {
    const { list } = await db
      .collection('households')
      .aggregate()
      .group({ _id: `$${field}`, n: $.sum(1) })
      .limit(1000)
      .end()
    return new Map(list.map((r) => [String(r._id), Number(r.n)]))
  }
  const workerGrids = async (userId: string) => {
    const [links, places] = await Promise.all([
      allOf(db, 'grid_workers', { userId }),
      loadPlaces(db),
    ])
    return links.flatMap((l) => {
      const grid = places.grids.get(String(l.gridId))
      return grid && !grid.archivedAt ? [grid] : []
    })
  }
  return {
    async villages() {
      const [places, byVillage] = await Promise.all([loadPlaces(db), countBy('villageId')])
      const groups = [...places.groups.values()].map(groupOf)
      return [...places.villages.values()]
        .map(villageOf)
        .filter((v) => v.archivedAt === null)
        .sort((a, b) => a.sort - b.sort || cmp(a.name, b.name))
        .map((v) => ({
          ...v,
          groupCount: groups.filter((g) => g.villageId === v.id && g.archivedAt === null).length,
          householdCount: byVillage.get(v.id) ?? 0,
        }))
    },
    async household(id) {
      const [doc, places] = await Promise.all([
        getDoc(db.collection('households').doc(id)),
        loadPlaces(db),
      ])
      return doc ? householdView(doc, places) : null
    },
    async gridVillageIds(userId) {
      return [...new Set((await workerGrids(userId)).map((g) => g.villageId))].sort(cmp)
    },
    async gridIds(userId) {
      return (await workerGrids(userId)).map((g) => g.id).sort(cmp)
    },
    async approvedBinding(userId) {
      const { data } = await db
        .collection('bindings')
        .where({ userId, status: 'approved' })
        .limit(1)
        .get()
      return data[0] ? bindingOf(data[0]) : null
    },
    async tree() {
      const [places, byVillage, byGroup, byGrid, links] = await Promise.all([
        loadPlaces(db),
        countBy('villageId'),
        countBy('groupId'),
        countBy('gridId'),
        allOf(db, 'grid_workers'),
      ])
      const workerDocs = await byIds(
        db,
        'users',
        links.map((l) => String(l.userId)),
      )
      const workers = [...workerDocs.values()]
        .map(userOf)
        .sort((a, b) => cmp(a.nickname, b.nickname))
      const groups = [...places.groups.values()]
        .map(groupOf)
        .sort((a, b) => a.sort - b.sort || cmp(a.name, b.name))
      const grids = [...places.grids.values()].map(gridOf).sort((a, b) => cmp(a.name, b.name))
      return [...places.villages.values()]
        .map(villageOf)
        .sort((a, b) => archivedLast(a, b) || a.sort - b.sort || cmp(a.name, b.name))
        .map((village) => ({
          village: { ...village, householdCount: byVillage.get(village.id) ?? 0 },
          groups: groups
            .filter((g) => g.villageId === village.id)
            .map((g) => ({ ...g, householdCount: byGroup.get(g.id) ?? 0 })),
          grids: grids
            .filter((g) => g.villageId === village.id)
            .map((g) => ({
              ...g,
              householdCount: byGrid.get(g.id) ?? 0,
              workers: workers
                .filter((w) => links.some((l) => l.gridId === g.id && l.userId === w.id))
                .map((w) => ({ id: w.id, nickname: w.nickname })),
            })),
        }))
    },
    async get(kind, id) {
      const doc = await getDoc(db.collection(collectionOf[kind]).doc(id))
      if (!doc) return null
      return {
        id: String(doc._id),
        villageId: String(kind === 'village' ? doc._id : doc.villageId),
        archived: doc.archivedAt !== null && doc.archivedAt !== undefined,
      }
    },
    async create(kind: PlaceKind, record: VillageRecord | GroupRecord | GridRecord) {
      const data = toDoc(kind === 'village' ? record : { archivedAt: null, ...record })
      // Groups and grids: the unique (villageId, name) index refuses a taken name. A village's
      // optional code is claimed in unique_keys, in the same transaction as the village.
      if (kind !== 'village' || !('code' in record) || !record.code) {
        await addUnique(db.collection(collectionOf[kind]), data, `${collectionOf[kind]}.name`)
        return
      }
      const code = record.code
      await db.runTransaction(async (tx) => {
        await claimKey(tx, villageCodeKey(code), record.id, 'villages.code')
        await addUnique(tx.collection('villages'), data, 'villages.id')
      })
    },
    async rename(kind, id, name, code) {
      const collection = collectionOf[kind]
      if (kind !== 'village' || code === undefined) {
        try {
          await db.collection(collection).doc(id).update({ data: { name } })
        } catch (e) {
          if (isDuplicate(e)) throw new UniqueViolation(`${collection}.name`)
          throw e
        }
        if (kind !== 'grid') await refreshPlaceCopies(db, kind, id)
        return
      }
      await db.runTransaction(async (tx) => {
        const ref = tx.collection('villages').doc(id)
        const doc = await getDoc(ref)
        if (!doc) return
        const old = doc.code === null || doc.code === undefined ? null : String(doc.code)
        if (old !== code) {
          if (old !== null) await releaseKey(tx, villageCodeKey(old))
          if (code !== null) await claimKey(tx, villageCodeKey(code), id, 'villages.code')
        }
        await ref.update({ data: { name, code } })
      })
      await refreshPlaceCopies(db, 'village', id)
    },
    async archive(kind, id, archivedAt) {
      await db.collection(collectionOf[kind]).doc(id).update({ data: { archivedAt } })
    },
    async assignWorker(gridId, userId) {
      // The deterministic _id makes a second assignment a duplicate, ignored (INSERT OR IGNORE).
      try {
        await db
          .collection('grid_workers')
          .add({ data: { _id: `${gridId}:${userId}`, gridId, userId } })
      } catch (e) {
        if (!isDuplicate(e)) throw e
      }
    },
    async removeWorker(gridId, userId) {
      const ref = db.collection('grid_workers').doc(`${gridId}:${userId}`)
      if (await getDoc(ref)) await ref.remove()
    },
  }
}
