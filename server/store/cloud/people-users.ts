// Users and staff (Store.users) on the cloud database.
import { newId } from '../../shared/ids'
import type { Identity, StaffView, Store, UserRecord } from '../store'
import {
  all,
  allOf,
  byIds,
  getDoc,
  householdView,
  isDuplicate,
  keysetPage,
  loadPlaces,
  placesChanged,
  toDoc,
} from './docs'
import { bindingOf, cmp, containing, userOf } from './people-common'
import type { CloudDb, Doc } from './sdk'

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null

export function usersRepo(db: CloudDb): Store['users'] {
  const _ = db.command
  const users = () => db.collection('users')
  const byOpenid = async (openid: string) => {
    const { data } = await users().where({ openid }).limit(1).get()
    return data[0] ? userOf(data[0]) : null
  }
  const get = async (id: string) => {
    const doc = await getDoc(users().doc(id))
    return doc ? userOf(doc) : null
  }

  // The staff view: each user's approved household as a label, and the grids they serve
  // (archived ones too, as SQLite lists them), by village order and grid name.
  const views = async (docs: Doc[]): Promise<StaffView[]> => {
    if (docs.length === 0) return []
    const ids = docs.map((d) => String(d._id))
    const [bindings, links, places] = await Promise.all([
      inChunks(ids, (chunk) => ({ userId: _.in(chunk), status: 'approved' }), 'bindings'),
      inChunks(ids, (chunk) => ({ userId: _.in(chunk) }), 'grid_workers'),
      loadPlaces(db),
    ])
    const households = await byIds(
      db,
      'households',
      bindings.map((b) => String(b.householdId)),
    )
    const householdOf = new Map<string, NonNullable<StaffView['household']>>()
    for (const b of bindings) {
      const h = households.get(String(b.householdId))
      const village = h && places.villages.get(String(h.villageId))
      if (h && village && !householdOf.has(String(b.userId)))
        householdOf.set(String(b.userId), {
          villageName: village.name,
          houseNo: String(h.houseNo),
          headName: String(h.headName),
          phone: h.phone === null || h.phone === undefined ? null : String(h.phone),
        })
    }
    const gridsOf = (userId: string) =>
      links
        .filter((l) => l.userId === userId)
        .flatMap((l) => {
          const grid = places.grids.get(String(l.gridId))
          const village = grid && places.villages.get(grid.villageId)
          return grid && village ? [{ grid, village }] : []
        })
        .sort((a, b) => a.village.sort - b.village.sort || cmp(a.grid.name, b.grid.name))
        .map(({ grid, village }) => ({ id: grid.id, name: grid.name, villageName: village.name }))
    return docs.map((d) => {
      const u = userOf(d)
      const household = householdOf.get(u.id) ?? null
      const householdLabel = household
        ? `${household.villageName} ${household.houseNo} · 户主 ${household.headName}`
        : null
      return { ...u, household, householdLabel, grids: gridsOf(u.id) }
    })
  }
  const inChunks = async (
    ids: string[],
    where: (chunk: string[]) => object,
    collection: string,
  ): Promise<Doc[]> => {
    const out: Doc[] = []
    for (let i = 0; i < ids.length; i += 100)
      out.push(...(await allOf(db, collection, where(ids.slice(i, i + 100)))))
    return out
  }

  /**
   * The caller in one request: the user by openid, with every binding of theirs, the households
   * those bindings name and their grid links joined in by lookup (a user has a handful of
   * bindings at most: one open, the rest refused or ended). Place names come from this warm
   * instance's copy of the places (loadPlaces), read once a minute at most, not per call.
   */
  const identity = async (openid: string): Promise<Identity | null> => {
    const [{ list }, places] = await Promise.all([
      users()
        .aggregate()
        .match({ openid })
        .limit(1)
        .lookup({ from: 'bindings', localField: '_id', foreignField: 'userId', as: 'bindings' })
        .lookup({
          from: 'households',
          localField: 'bindings.householdId',
          foreignField: '_id',
          as: 'households',
        })
        .lookup({ from: 'grid_workers', localField: '_id', foreignField: 'userId', as: 'links' })
        .end(),
      loadPlaces(db),
    ])
    const doc = list[0]
    if (!doc) return null
    const { bindings, households, links, ...userDoc } = doc as Doc & Record<string, unknown>
    const docsOf = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []).filter(isDoc)
    const user = userOf(userDoc)
    const approved = docsOf(bindings).find((b) => b.status === 'approved')
    const binding = approved ? bindingOf(approved) : null
    const hDoc = binding && docsOf(households).find((h) => h._id === binding.householdId)
    // Only grid workers have grid links (appointing another role removes them).
    const grids =
      user.staffRole === 'gridWorker'
        ? docsOf(links).flatMap((l) => {
            const grid = places.grids.get(String(l.gridId))
            return grid && !grid.archivedAt ? [grid] : []
          })
        : []
    return {
      user,
      binding,
      household: hDoc ? householdView(hDoc, places) : null,
      gridIds: grids.map((g) => g.id).sort(cmp),
      gridVillageIds: [...new Set(grids.map((g) => g.villageId))].sort(cmp),
      sessionVersion: Number(userDoc.sessionVersion ?? 0),
    }
  }

  return {
    byOpenid,
    identity,
    async ensure(openid, now) {
      const found = await byOpenid(openid)
      if (found) return found
      const user: UserRecord = {
        id: newId('usr'),
        openid,
        nickname: '微信用户',
        staffRole: null,
        createdAt: now,
      }
      try {
        // The unique openid index keeps two first requests from creating two users.
        await users().add({ data: toDoc(user) })
        return user
      } catch (e) {
        if (!isDuplicate(e)) throw e
        return (await byOpenid(openid)) as UserRecord
      }
    },
    async update(id, patch) {
      await users()
        .doc(id)
        .update({ data: { nickname: patch.nickname } })
      // The places tree lists grid workers by nickname.
      placesChanged(db)
      // Inspections carry their inspector's name (one read for a household's versions).
      await db
        .collection('inspections')
        .where({ inspectorId: id })
        .update({ data: { inspectorName: patch.nickname } })
      // Appeals carry their appellant's name (board-appeals APPEAL_DERIVED).
      await db
        .collection('appeals')
        .where({ userId: id })
        .update({ data: { appellantName: patch.nickname } })
      return (await get(id)) as UserRecord
    },
    get,
    async search(q) {
      let where: object | undefined
      if (q.keyword) {
        // Users bound (approved) to a household whose head's name matches, found first: the
        // database has no join.
        const heads = await allOf(db, 'households', { headName: containing(db, q.keyword) })
        const bound: string[] = []
        const headIds = heads.map((h) => String(h._id))
        for (let i = 0; i < headIds.length; i += 100) {
          const chunk = headIds.slice(i, i + 100)
          const found = await allOf(db, 'bindings', {
            householdId: _.in(chunk),
            status: 'approved',
          })
          bound.push(...found.map((b) => String(b.userId)))
        }
        where = _.or([
          { nickname: containing(db, q.keyword) },
          { openid: q.keyword },
          ...(bound.length > 0 ? [{ _id: _.in([...new Set(bound)]) }] : []),
        ])
      }
      const { docs, next } = await keysetPage(db, {
        collection: 'users',
        where,
        field: 'createdAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await views(docs), next }
    },
    async staff() {
      const docs = await all(
        users()
          .where({ staffRole: _.in(['admin', 'gridWorker']) })
          .orderBy('staffRole', 'asc')
          .orderBy('nickname', 'asc')
          .orderBy('_id', 'asc'),
      )
      return views(docs)
    },
    async view(id) {
      const doc = await getDoc(users().doc(id))
      return doc ? ((await views([doc]))[0] ?? null) : null
    },
    async setStaffRole(id, role) {
      // Two writes, not one transaction (a transaction cannot remove by query): the role
      // first, then the grid links a former grid worker no longer has.
      await users()
        .doc(id)
        .update({ data: { staffRole: role } })
      if (role !== 'gridWorker') await db.collection('grid_workers').where({ userId: id }).remove()
    },
    async countAdmins() {
      return (await users().where({ staffRole: 'admin' }).count()).total
    },
    async sessionVersion(openid) {
      const { data } = await users().where({ openid }).limit(1).get()
      return Number(data[0]?.sessionVersion ?? 0)
    },
    async endSessions(id) {
      // An atomic increment: two sign-outs at once both count, and neither is lost.
      await users()
        .doc(id)
        .update({ data: { sessionVersion: _.inc(1) } })
      const doc = await getDoc(users().doc(id))
      return Number(doc?.sessionVersion ?? 0)
    },
  }
}
