// Users, places, households, bindings, roster, reach, settings, media and audit on the cloud database.
import { newId } from '../../shared/ids'
import type { BindingRecord, Snapshot, Store, UserRecord } from '../store'
import { addAll, addUnique, allOf, fromDoc, getDoc, isDuplicate, loadPlaces, toDoc } from './docs'
import { householdView } from './docs'
import { mediaRepo } from './media'
import { pending } from './pending'
import type { CloudDb } from './sdk'

export type PeopleRepos = Pick<
  Store,
  | 'users'
  | 'places'
  | 'households'
  | 'bindings'
  | 'roster'
  | 'reach'
  | 'settings'
  | 'media'
  | 'audit'
>

export function peopleRepos(db: CloudDb): PeopleRepos {
  return {
    users: usersRepo(db),
    places: placesRepo(db),
    households: pending('households'),
    bindings: pending('bindings'),
    roster: pending('roster'),
    reach: pending('reach'),
    settings: settingsRepo(db),
    media: mediaRepo(db),
    audit: auditRepo(db),
  }
}

function usersRepo(db: CloudDb): Store['users'] {
  const users = () => db.collection('users')
  const byOpenid = async (openid: string) => {
    const { data } = await users().where({ openid }).limit(1).get()
    return data[0] ? fromDoc<UserRecord>(data[0]) : null
  }
  const get = async (id: string) => {
    const doc = await getDoc(users().doc(id))
    return doc ? fromDoc<UserRecord>(doc) : null
  }
  return {
    ...pending<Store['users']>('users'),
    byOpenid,
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
      return (await get(id)) as UserRecord
    },
    get,
    async countAdmins() {
      return (await users().where({ staffRole: 'admin' }).count()).total
    },
  }
}

function placesRepo(db: CloudDb): Store['places'] {
  const _ = db.command
  const workerGrids = async (userId: string) => {
    const links = await allOf(db, 'grid_workers', { userId })
    const places = await loadPlaces(db)
    return links
      .map((l) => places.grids.get(String(l.gridId)))
      .filter((g) => g !== undefined && !g.archivedAt)
      .map((g) => g as NonNullable<typeof g>)
  }
  return {
    ...pending<Store['places']>('places'),
    async household(id) {
      const [doc, places] = await Promise.all([
        getDoc(db.collection('households').doc(id)),
        loadPlaces(db),
      ])
      return doc ? householdView(doc, places) : null
    },
    async gridVillageIds(userId) {
      return [...new Set((await workerGrids(userId)).map((g) => g.villageId))].sort()
    },
    async gridIds(userId) {
      return (await workerGrids(userId)).map((g) => g.id).sort()
    },
    async approvedBinding(userId) {
      const { data } = await db
        .collection('bindings')
        .where({ userId, status: _.eq('approved') })
        .limit(1)
        .get()
      return data[0] ? fromDoc<BindingRecord>(data[0]) : null
    },
  }
}

function settingsRepo(db: CloudDb): Store['settings'] {
  const settings = () => db.collection('settings')
  return {
    async get(key) {
      const doc = await getDoc(settings().doc(key))
      return doc ? String(doc.value) : null
    },
    async set(key, value) {
      await settings().doc(key).set({ data: { value } })
    },
    async take(key) {
      // One transaction: of two concurrent takes, only one reads the value before it is gone.
      return db.runTransaction(async (tx) => {
        const ref = tx.collection('settings').doc(key)
        const doc = await getDoc(ref)
        if (!doc) return null
        await ref.remove()
        return String(doc.value)
      })
    },
  }
}

let auditCounter = 0

function auditRepo(db: CloudDb): Store['audit'] {
  return {
    async append(entries) {
      for (const e of entries) {
        // `seq` orders entries (and is the numeric id recent() answers): the moment in
        // milliseconds times 1000 plus a per-instance counter.
        const seq = e.at * 1000 + (auditCounter++ % 1000)
        await addUnique(
          db.collection('audit_log'),
          { ...e, seq, _id: `${seq}-${newId('a')}` },
          'audit_log',
        )
      }
    },
    async recent(limit) {
      const out: Awaited<ReturnType<Store['audit']['recent']>> = []
      while (out.length < limit) {
        const { data } = await db
          .collection('audit_log')
          .orderBy('seq', 'desc')
          .skip(out.length)
          .limit(Math.min(100, limit - out.length))
          .get()
        for (const d of data) {
          const { seq, requestId, actorId, actorRole, action, target, before, after, at } = d
          out.push({
            id: Number(seq),
            requestId: String(requestId),
            actorId: actorId === null || actorId === undefined ? null : String(actorId),
            actorRole: String(actorRole),
            action: String(action),
            target: target === null || target === undefined ? null : String(target),
            before: before ?? null,
            after: after ?? null,
            at: Number(at),
          })
        }
        if (data.length < 100) break
      }
      return out
    },
  }
}

/** Writes the snapshot's people and places (users … bindings) as documents. */
export async function loadPeople(db: CloudDb, s: Snapshot): Promise<void> {
  await addAll(db, 'users', s.users)
  await addAll(db, 'villages', s.villages)
  await addAll(db, 'groups', s.groups)
  await addAll(db, 'grids', s.grids)
  await addAll(
    db,
    'grid_workers',
    s.gridWorkers.map((w) => ({ id: `${w.gridId}:${w.userId}`, ...w })),
  )
  await addAll(db, 'households', s.households)
  await addAll(db, 'bindings', s.bindings)
}
