// 新时代文明实践 on the cloud database. An activity's document carries the counters
// (`signedCount`, `waitingCount`, `seq`); every sign-up and cancellation runs in a transaction that
// reads and updates that document, so concurrent ones conflict and are run again (the store's
// runTransaction retries conflicts with backoff, as for votes): the capacity holds under load.
// A sign-up's `_id` is `${activityId}:${userId}` (one per person and activity).
import {
  type ActivitiesRepo,
  type ActivityRecord,
  type ActivityView,
  type SignupRecord,
  type SignupView,
  signupId,
} from '../activities-repo'
import { UniqueViolation } from '../common'
import { all, allOf, byIds, getDoc, GET_MAX, isDuplicate, keysetPage, pageRows } from './docs'
import type { CloudDb, Doc, Transaction } from './sdk'

/** Thrown inside a transaction to undo it when the waiting list must be read again. */
class StaleCandidates extends Error {}

export const A = {
  activities: 'activities',
  signups: 'activity_signups',
  codes: 'volunteer_codes',
} as const

const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** The township's activities are found under 'town', a village's under its id. */
const scopeKeys = (villageIds: readonly string[]) =>
  villageIds.length === 0 ? ['town'] : [...villageIds]

/** The staff list's order as one sortable string: signed, waiting, cancelled; then sign-up order. */
const rankKey = (status: string, seq: number) =>
  `${status === 'signed' ? 0 : status === 'waiting' ? 1 : 2}:${String(seq).padStart(8, '0')}`

function activityDoc(a: ActivityRecord): Doc {
  const { id, ...rest } = a
  return {
    _id: id,
    ...rest,
    villageIds: [...a.villageIds].sort(),
    scopeKeys: scopeKeys(a.villageIds),
    signedCount: 0,
    waitingCount: 0,
    seq: 0,
  }
}

function activityFrom(d: Doc): ActivityView {
  return {
    id: String(d._id),
    station: String(d.station),
    type: d.type as ActivityRecord['type'],
    title: String(d.title),
    description: String(d.description),
    pictures: Array.isArray(d.pictures) ? d.pictures.map(String) : [],
    place: String(d.place),
    startsAt: Number(d.startsAt),
    endsAt: Number(d.endsAt),
    signupDeadline: Number(d.signupDeadline),
    capacity: Number(d.capacity),
    villageIds: Array.isArray(d.villageIds) ? d.villageIds.map(String) : [],
    createdBy: String(d.createdBy),
    createdAt: Number(d.createdAt),
    updatedAt: Number(d.updatedAt),
    cancelledAt: optNum(d.cancelledAt),
    cancelReason: optStr(d.cancelReason),
    remindedAt: optNum(d.remindedAt),
    creditedAt: optNum(d.creditedAt),
    noticeId: optStr(d.noticeId),
    signedCount: Number(d.signedCount ?? 0),
    waitingCount: Number(d.waitingCount ?? 0),
  }
}

function signupFrom(d: Doc): SignupRecord {
  return {
    id: String(d._id),
    activityId: String(d.activityId),
    userId: String(d.userId),
    householdId: String(d.householdId),
    villageId: String(d.villageId),
    status: d.status as SignupRecord['status'],
    seq: Number(d.seq),
    createdAt: Number(d.createdAt),
    updatedAt: Number(d.updatedAt),
    checkedInAt: optNum(d.checkedInAt),
    checkedInBy: optStr(d.checkedInBy),
    minutes: optNum(d.minutes),
    adjustReason: optStr(d.adjustReason),
  }
}

/** Sign-ups with the person's nickname, household and village names. */
async function signupViews(db: CloudDb, docs: Doc[]): Promise<SignupView[]> {
  const records = docs.map(signupFrom)
  const [users, households, villages] = await Promise.all([
    byIds(
      db,
      'users',
      records.map((s) => s.userId),
    ),
    byIds(
      db,
      'households',
      records.map((s) => s.householdId),
    ),
    byIds(
      db,
      'villages',
      records.map((s) => s.villageId),
    ),
  ])
  return records.map((s) => ({
    ...s,
    nickname: String(users.get(s.userId)?.nickname ?? ''),
    householdName: String(households.get(s.householdId)?.headName ?? ''),
    houseNo: String(households.get(s.householdId)?.houseNo ?? ''),
    villageName: String(villages.get(s.villageId)?.name ?? ''),
  }))
}

export function activitiesRepo(db: CloudDb): ActivitiesRepo {
  const _ = db.command
  const activities = () => db.collection(A.activities)
  const signups = () => db.collection(A.signups)
  const get = async (id: string) => {
    const doc = await getDoc(activities().doc(id))
    return doc ? activityFrom(doc) : null
  }

  /** The first waiting of an activity, by sign-up order (read before a transaction). */
  const firstWaiting = async (activityId: string, count: number) =>
    count <= 0
      ? []
      : (
          await signups()
            .where({ activityId, status: 'waiting' })
            .orderBy('seq', 'asc')
            .limit(Math.min(GET_MAX, count + 5))
            .get()
        ).data.map((d) => String(d._id))

  /**
   * Inside a transaction: moves up to `count` of `candidates` (read by id again, so one taken
   * meanwhile is skipped) onto the list; answers their user ids.
   */
  async function promoteIn(
    tx: Transaction,
    candidates: readonly string[],
    count: number,
    now: number,
  ): Promise<string[]> {
    const promoted: string[] = []
    for (const id of candidates) {
      if (promoted.length >= count) break
      const ref = tx.collection(A.signups).doc(id)
      const s = await getDoc(ref)
      if (!s || s.status !== 'waiting') continue
      await ref.update({
        data: { status: 'signed', rankKey: rankKey('signed', Number(s.seq)), updatedAt: now },
      })
      promoted.push(String(s.userId))
    }
    return promoted
  }

  return {
    async create(a) {
      try {
        await activities().add({ data: activityDoc(a) })
      } catch (e) {
        if (isDuplicate(e)) throw new UniqueViolation('activities.id')
        throw e
      }
    },
    get,
    async update(id, p) {
      const current = await get(id)
      const candidates = await firstWaiting(id, current ? current.waitingCount : 0)
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(A.activities).doc(id)
        const doc = await getDoc(ref)
        if (!doc) throw new Error(`activity ${id} not found`)
        const a = activityFrom(doc)
        if (p.capacity < a.signedCount) return { ok: false, signed: a.signedCount } as const
        const open = a.cancelledAt === null && p.updatedAt < p.startsAt
        const promoted = open
          ? await promoteIn(
              tx,
              candidates,
              Math.min(p.capacity - a.signedCount, a.waitingCount),
              p.updatedAt,
            )
          : []
        await ref.update({
          data: {
            ...p,
            villageIds: [...p.villageIds].sort(),
            scopeKeys: scopeKeys(p.villageIds),
            signedCount: _.inc(promoted.length),
            waitingCount: _.inc(-promoted.length),
          },
        })
        return { ok: true, promoted } as const
      })
    },
    async cancel(id, d) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(A.activities).doc(id)
        const doc = await getDoc(ref)
        if (!doc || doc.cancelledAt !== null) return false
        await ref.update({ data: { cancelledAt: d.at, cancelReason: d.reason } })
        return true
      })
    },
    async list(q) {
      const upcoming = q.when === 'upcoming'
      const conds: object[] = [{ endsAt: upcoming ? _.gt(q.now) : _.lte(q.now) }]
      if (q.villageIds !== null) conds.push({ scopeKeys: _.in(['town', ...q.villageIds]) })
      const { docs, next } = await keysetPage(db, {
        collection: A.activities,
        where: conds.length === 1 ? conds[0] : _.and(conds),
        field: 'startsAt',
        direction: upcoming ? 'asc' : 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: docs.map(activityFrom), next }
    },
    async signUp(s) {
      const id = signupId(s.activityId, s.userId)
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(A.activities).doc(s.activityId)
        const doc = await getDoc(ref)
        if (!doc) return { ok: false, reason: 'notFound' } as const
        const a = activityFrom(doc)
        if (a.cancelledAt !== null) return { ok: false, reason: 'cancelled' } as const
        if (s.now >= a.signupDeadline) return { ok: false, reason: 'closed' } as const
        const mine = tx.collection(A.signups).doc(id)
        const existing = await getDoc(mine)
        if (existing && existing.status !== 'cancelled')
          return { ok: false, reason: 'already' } as const
        const status = a.signedCount < a.capacity ? 'signed' : 'waiting'
        const seq = Number(doc.seq ?? 0) + 1
        const data = {
          activityId: s.activityId,
          userId: s.userId,
          householdId: s.householdId,
          villageId: s.villageId,
          status,
          seq,
          rankKey: rankKey(status, seq),
          createdAt: s.now,
          updatedAt: s.now,
          checkedInAt: null,
          checkedInBy: null,
          minutes: null,
          adjustReason: null,
        }
        if (existing) await mine.set({ data })
        else await tx.collection(A.signups).add({ data: { _id: id, ...data } })
        await ref.update({
          data: {
            seq,
            ...(status === 'signed' ? { signedCount: _.inc(1) } : { waitingCount: _.inc(1) }),
          },
        })
        return { ok: true, status } as const
      })
    },
    async cancelSignup(activityId, userId, now) {
      const id = signupId(activityId, userId)
      for (let attempt = 1; ; attempt++) {
        const candidates = await firstWaiting(activityId, 1)
        const outcome = await db
          .runTransaction(async (tx) => {
            const ref = tx.collection(A.activities).doc(activityId)
            const doc = await getDoc(ref)
            if (!doc) return { ok: false, reason: 'notFound' } as const
            const a = activityFrom(doc)
            const mine = tx.collection(A.signups).doc(id)
            const s = await getDoc(mine)
            if (!s || s.status === 'cancelled') return { ok: false, reason: 'none' } as const
            const was = s.status as 'signed' | 'waiting'
            await mine.update({
              data: {
                status: 'cancelled',
                rankKey: rankKey('cancelled', Number(s.seq)),
                updatedAt: now,
              },
            })
            const moves = was === 'signed' && a.cancelledAt === null && now < a.startsAt
            const promoted = moves
              ? await promoteIn(
                  tx,
                  candidates.filter((c) => c !== id),
                  1,
                  now,
                )
              : []
            // Every candidate read was taken meanwhile while others still wait: throwing writes
            // nothing, and they are read again.
            if (moves && promoted.length === 0 && a.waitingCount > 0 && attempt < 5)
              throw new StaleCandidates()
            await ref.update({
              data:
                was === 'signed'
                  ? {
                      signedCount: _.inc(promoted.length - 1),
                      waitingCount: _.inc(-promoted.length),
                    }
                  : { waitingCount: _.inc(-1) },
            })
            return { ok: true, was, promoted } as const
          })
          .catch((e: unknown) => {
            if (e instanceof StaleCandidates) return null
            throw e
          })
        if (outcome) return outcome
      }
    },
    async signup(id) {
      const doc = await getDoc(signups().doc(id))
      return doc ? ((await signupViews(db, [doc]))[0] ?? null) : null
    },
    async signups(q) {
      const { docs, next } = await keysetPage(db, {
        collection: A.signups,
        where: { activityId: q.activityId },
        field: 'rankKey',
        direction: 'asc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await signupViews(db, docs), next }
    },
    async recipients(activityId, waiting) {
      const docs = await all(
        signups()
          .where({ activityId, status: _.in(waiting ? ['signed', 'waiting'] : ['signed']) })
          .orderBy('seq', 'asc')
          .orderBy('_id', 'asc'),
      )
      return docs.map((d) => String(d.userId))
    },
    async waitingPosition(activityId, seq) {
      const { total } = await signups()
        .where({ activityId, status: 'waiting', seq: _.lt(seq) })
        .count()
      return total + 1
    },
    async checkIn(id, d) {
      await signups()
        .doc(id)
        .update({
          data: {
            checkedInAt: d.present ? d.at : null,
            checkedInBy: d.present ? d.by : null,
            minutes: d.present ? d.minutes : null,
            adjustReason: null,
            updatedAt: d.at,
          },
        })
    },
    async adjust(id, minutes, reason) {
      await signups()
        .doc(id)
        .update({ data: { minutes, adjustReason: reason } })
    },
    async creditDue(now, limit) {
      const { data } = await activities()
        .where({ creditedAt: null, cancelledAt: null, endsAt: _.lte(now) })
        .orderBy('endsAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(Math.min(limit, GET_MAX))
        .get()
      return data.map(activityFrom)
    },
    async credit(activityId, minutes, at) {
      // Claimed first (one transaction on the activity), then the people credited: a second
      // tick finds it claimed; a tick that dies between the two is finished by checkIn's rule
      // (a person checked in after the claim is credited at once) and the next credit below.
      const claimed = await db.runTransaction(async (tx) => {
        const ref = tx.collection(A.activities).doc(activityId)
        const doc = await getDoc(ref)
        if (!doc || doc.creditedAt !== null) return false
        await ref.update({ data: { creditedAt: at } })
        return true
      })
      if (!claimed) return false
      await signups()
        .where({ activityId, status: 'signed', checkedInAt: _.neq(null), minutes: null })
        .update({ data: { minutes } })
      return true
    },
    async reminderDue(from, to, limit) {
      const { data } = await activities()
        .where({ remindedAt: null, cancelledAt: null, startsAt: _.and(_.gte(from), _.lt(to)) })
        .orderBy('startsAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(Math.min(limit, GET_MAX))
        .get()
      return data.map(activityFrom)
    },
    async claimReminder(activityId, at) {
      return db.runTransaction(async (tx) => {
        const ref = tx.collection(A.activities).doc(activityId)
        const doc = await getDoc(ref)
        if (!doc || doc.remindedAt !== null) return false
        await ref.update({ data: { remindedAt: at } })
        return true
      })
    },
    async setNotice(activityId, noticeId) {
      await activities().doc(activityId).update({ data: { noticeId } })
    },
    async mine(q) {
      const { docs, next } = await keysetPage(db, {
        collection: A.signups,
        where: { userId: q.userId },
        field: 'createdAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: docs.map(signupFrom), next }
    },
    async totals(userId) {
      const docs = await all(
        signups()
          .where({ userId, minutes: _.gt(0) })
          .orderBy('_id', 'asc'),
      )
      return {
        minutes: docs.reduce((sum, d) => sum + Number(d.minutes), 0),
        activities: docs.length,
      }
    },
    async householdCredits(householdId) {
      const docs = await all(
        signups()
          .where({ householdId, minutes: _.gt(0) })
          .orderBy('_id', 'asc'),
      )
      const records = docs.map(signupFrom)
      const [users, acts] = await Promise.all([
        byIds(
          db,
          'users',
          records.map((s) => s.userId),
        ),
        byIds(
          db,
          A.activities,
          records.map((s) => s.activityId),
        ),
      ])
      const rows = records.map((s) => ({
        ...s,
        nickname: String(users.get(s.userId)?.nickname ?? ''),
        title: String(acts.get(s.activityId)?.title ?? ''),
        startsAt: Number(acts.get(s.activityId)?.startsAt ?? 0),
      }))
      return pageRows(
        rows,
        (r) => r.startsAt,
        (r) => r.id,
        'desc',
        undefined,
        rows.length,
      ).items
    },
    async villageActivities(villageId, from, to) {
      const docs = await allOf(db, A.activities, {
        startsAt: _.and(_.gte(from), _.lt(to)),
        scopeKeys: _.in(['town', villageId]),
      })
      return docs
        .map(activityFrom)
        .sort((a, b) => a.startsAt - b.startsAt || (a.id < b.id ? -1 : 1))
    },
    async participants(villageId, activityIds) {
      const docs: Doc[] = []
      for (let i = 0; i < activityIds.length; i += GET_MAX)
        docs.push(
          ...(await all(
            signups()
              .where({
                villageId,
                activityId: _.in(activityIds.slice(i, i + GET_MAX)),
                minutes: _.gt(0),
              })
              .orderBy('_id', 'asc'),
          )),
        )
      const views = await signupViews(db, docs)
      const byPerson = new Map<string, (typeof views)[number] & { total: number; count: number }>()
      for (const v of views) {
        const key = `${v.userId}|${v.householdId}`
        const seen = byPerson.get(key)
        if (seen) {
          seen.total += v.minutes ?? 0
          seen.count += 1
        } else byPerson.set(key, { ...v, total: v.minutes ?? 0, count: 1 })
      }
      return [...byPerson.values()].map((v) => ({
        userId: v.userId,
        nickname: v.nickname,
        householdName: v.householdName,
        houseNo: v.houseNo,
        minutes: v.total,
        activities: v.count,
      }))
    },
    async code(userId) {
      const doc = await getDoc(db.collection(A.codes).doc(userId))
      return doc ? String(doc.code) : null
    },
    async ensureCode(userId, code, at) {
      try {
        await db.collection(A.codes).add({ data: { _id: userId, code, createdAt: at } })
        return code
      } catch (e) {
        if (!isDuplicate(e)) throw e
        const doc = await getDoc(db.collection(A.codes).doc(userId))
        if (!doc) throw new UniqueViolation('volunteer_codes.code')
        return String(doc.code)
      }
    },
    async codeOwner(code) {
      const { data } = await db.collection(A.codes).where({ code }).limit(1).get()
      return data[0] ? String(data[0]._id) : null
    },
  }
}
