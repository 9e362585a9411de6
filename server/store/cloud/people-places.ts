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
  householdCountOf,
  isDuplicate,
  loadPlaces,
  placesCached,
  placesChanged,
} from './docs'
import { releaseKey, toDoc } from './docs'
import { bindingOf, cmp, gridOf, groupOf, userOf, villageCodeKey, villageOf } from './people-common'
import { refreshPlaceCopies } from './board-docs'
import type { CloudDb, Doc } from './sdk'

const collectionOf: Record<PlaceKind, string> = {
  village: 'villages',
  group: 'groups',
  grid: 'grids',
}

const archivedLast = (a: { archivedAt: number | null }, b: { archivedAt: number | null }) =>
  Number(a.archivedAt !== null) - Number(b.archivedAt !== null)

export function placesRepo(db: CloudDb): Store['places'] {
  /**
   * The grid worker's links, once for the calls made together (identify asks for the grids and
   * for their villages at the same moment): the promise is shared while it runs.
   */
  const linksInFlight = new Map<string, Promise<Doc[]>>()
  const linksOf = (userId: string) => {
    let links = linksInFlight.get(userId)
    if (!links) {
      links = allOf(db, 'grid_workers', { userId }).finally(() => linksInFlight.delete(userId))
      linksInFlight.set(userId, links)
    }
    return links
  }
  const workerGrids = async (userId: string) => {
    const [links, places] = await Promise.all([linksOf(userId), loadPlaces(db)])
    return links.flatMap((l) => {
      const grid = places.grids.get(String(l.gridId))
      return grid && !grid.archivedAt ? [grid] : []
    })
  }
  /**
   * Every grid worker link and the workers' nicknames, for the tree: read once per warm
   * instance like the places (assignments change rarely; this instance's own drop it).
   */
  const gridStaff = () =>
    placesCached(db, 'grid-staff', async () => {
      const links = await allOf(db, 'grid_workers')
      const docs = await byIds(
        db,
        'users',
        links.map((l) => String(l.userId)),
      )
      const workers = [...docs.values()].map(userOf).sort((a, b) => cmp(a.nickname, b.nickname))
      return { links, workers }
    })
  /** A place's household count as its document keeps it (households.* writes keep it). */
  const countOf = (place: object) => householdCountOf(place) ?? 0
  const repo: Store['places'] = {
    async villages() {
      const places = await loadPlaces(db)
      const groups = [...places.groups.values()].map(groupOf)
      return [...places.villages.values()]
        .map(villageOf)
        .filter((v) => v.archivedAt === null)
        .sort((a, b) => a.sort - b.sort || cmp(a.name, b.name))
        .map((v) => ({
          ...v,
          groupCount: groups.filter((g) => g.villageId === v.id && g.archivedAt === null).length,
          householdCount: countOf(places.villages.get(v.id) ?? {}),
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
      const [places, { links, workers }] = await Promise.all([loadPlaces(db), gridStaff()])
      const groups = [...places.groups.values()]
        .map(groupOf)
        .sort((a, b) => a.sort - b.sort || cmp(a.name, b.name))
      const grids = [...places.grids.values()].map(gridOf).sort((a, b) => cmp(a.name, b.name))
      return [...places.villages.values()]
        .map(villageOf)
        .sort((a, b) => archivedLast(a, b) || a.sort - b.sort || cmp(a.name, b.name))
        .map((village) => ({
          village: { ...village, householdCount: countOf(places.villages.get(village.id) ?? {}) },
          groups: groups
            .filter((g) => g.villageId === village.id)
            .map((g) => ({ ...g, householdCount: countOf(places.groups.get(g.id) ?? {}) })),
          grids: grids
            .filter((g) => g.villageId === village.id)
            .map((g) => ({
              ...g,
              householdCount: countOf(places.grids.get(g.id) ?? {}),
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
      const data = {
        ...toDoc(kind === 'village' ? record : { archivedAt: null, ...record }),
        householdCount: 0,
      }
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
  // A write to the places drops this instance's copy before and after it, so that no read
  // running meanwhile keeps what was there before.
  for (const name of ['create', 'rename', 'archive', 'assignWorker', 'removeWorker'] as const) {
    const write = repo[name] as (...args: unknown[]) => Promise<void>
    ;(repo as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      placesChanged(db)
      try {
        await write(...args)
      } finally {
        placesChanged(db)
      }
    }
  }
  return repo
}
