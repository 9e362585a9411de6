// Users, places, households, bindings, roster, reach, settings, media and audit on the cloud
// database: one module per repository (people-*.ts); settings, audit and the import live here.
import { type HouseholdRecord, UniqueViolation, type Snapshot, type Store } from '../store'
import { addAll, addUnique, getDoc, householdDoc, placesChanged, UNIQUE_KEYS } from './docs'
import { newId } from '../../shared/ids'
import { mediaRepo } from './media'
import { bindingsRepo } from './people-bindings'
import { bindingKey, isOpen, villageCodeKey } from './people-common'
import { householdsRepo } from './people-households'
import { placesRepo } from './people-places'
import { reachRepo } from './people-reach'
import { rosterRepo } from './lazy-parts'
import { usersRepo } from './people-users'
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
    households: householdsRepo(db),
    bindings: bindingsRepo(db),
    roster: rosterRepo(db),
    reach: reachRepo(db),
    settings: settingsRepo(db),
    media: mediaRepo(db),
    audit: auditRepo(db),
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
        const { key, ...entry } = e
        try {
          await addUnique(
            db.collection('audit_log'),
            { ...entry, seq, _id: key ?? `${seq}-${newId('a')}` },
            'audit_log',
          )
        } catch (error) {
          // An entry under a request's key is written once: a retry's append is already there.
          if (!(key && error instanceof UniqueViolation)) throw error
        }
      }
    },
    async recent(limit) {
      const out: Awaited<ReturnType<Store['audit']['recent']>> = []
      while (out.length < limit) {
        const { data } = await db
          .collection('audit_log')
          .orderBy('seq', 'desc')
          .orderBy('_id', 'desc')
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
  placesChanged(db)
  // Each place keeps its household count on its document (households.* writes keep it).
  const counted = <T extends { id: string }>(
    places: readonly T[],
    of: (h: HouseholdRecord) => string,
  ) => {
    const n = new Map<string, number>()
    for (const h of s.households) n.set(of(h), (n.get(of(h)) ?? 0) + 1)
    return places.map((p) => ({ ...p, householdCount: n.get(p.id) ?? 0 }))
  }
  await addAll(db, 'users', s.users)
  await addAll(
    db,
    'villages',
    counted(s.villages, (h) => h.villageId),
  )
  await addAll(
    db,
    'groups',
    counted(s.groups, (h) => h.groupId),
  )
  await addAll(
    db,
    'grids',
    counted(s.grids, (h) => h.gridId),
  )
  await addAll(
    db,
    'grid_workers',
    s.gridWorkers.map((w) => ({ id: `${w.gridId}:${w.userId}`, ...w })),
  )
  await addAll(db, 'households', s.households.map(householdDoc))
  await addAll(db, 'bindings', s.bindings)
  // The claims live writes take in their transactions: a village's code, a user's one open
  // (pending or approved) binding. A snapshot with two open bindings of one user fails here.
  await addAll(
    db,
    UNIQUE_KEYS,
    s.villages.flatMap((v) => (v.code ? [{ id: villageCodeKey(v.code), owner: v.id }] : [])),
  )
  for (const b of s.bindings.filter((b) => isOpen(b.status)))
    await addUnique(
      db.collection(UNIQUE_KEYS),
      { _id: bindingKey(b.userId), owner: b.id },
      `bindings: ${b.userId} has more than one open binding`,
    )
}
