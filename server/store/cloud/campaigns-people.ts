// The people around campaigns on the cloud database: residents a grid worker may vote for,
// objections, subscriptions (`_id` per campaign and user, or per user for all) and the
// once-only events (`_id` per campaign and event).
import type { AssisteeView, CampaignsRepo, ObjectionView } from '../store'
import {
  all,
  allOf,
  byIds,
  fromDoc,
  getDoc,
  GET_MAX,
  householdView,
  isDuplicate,
  keysetPage,
  loadPlaces,
  pageRows,
} from './docs'
import { houseSortKey } from '../../places/house-order.rules'
import { C, ids, nicknames } from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

type PeopleMethods = Pick<
  CampaignsRepo,
  | 'assistees'
  | 'addObjection'
  | 'objections'
  | 'setSubscription'
  | 'setSubscriptionToAll'
  | 'isSubscribedToAll'
  | 'isSubscribed'
  | 'subscribers'
  | 'subscriberPage'
  | 'claimEvent'
>

/** Adds a document; true when added, false when its `_id` was already there. */
async function addOnce(db: CloudDb, collection: string, data: Doc): Promise<boolean> {
  try {
    await db.collection(collection).add({ data })
    return true
  } catch (e) {
    if (isDuplicate(e)) return false
    throw e
  }
}

/** Approved bindings of the given households (or of everyone when null). */
async function approvedBindings(db: CloudDb, householdIds: string[] | null): Promise<Doc[]> {
  const _ = db.command
  if (householdIds === null) return allOf(db, 'bindings', { status: 'approved' })
  const out: Doc[] = []
  for (let i = 0; i < householdIds.length; i += GET_MAX)
    out.push(
      ...(await allOf(db, 'bindings', {
        householdId: _.in(householdIds.slice(i, i + GET_MAX)),
        status: 'approved',
      })),
    )
  return out
}

export function peopleMethods(db: CloudDb): PeopleMethods {
  const _ = db.command
  return {
    async assistees(q) {
      const where: Record<string, unknown> = {}
      if (q.gridIds !== null) where.gridId = _.in(q.gridIds)
      if (q.villageId !== null) where.villageId = q.villageId
      const scoped = Object.keys(where).length ? await allOf(db, 'households', where) : null
      const bindings = await approvedBindings(db, scoped ? scoped.map((h) => String(h._id)) : null)
      const [households, users, places] = await Promise.all([
        scoped
          ? Promise.resolve(new Map(scoped.map((h) => [String(h._id), h])))
          : byIds(
              db,
              'households',
              bindings.map((b) => String(b.householdId)),
            ),
        nicknames(
          db,
          bindings.map((b) => String(b.userId)),
        ),
        loadPlaces(db),
      ])
      // LIKE '%name%': case-insensitive for ASCII, as SQLite's.
      const needle = q.name.toLowerCase()
      const rows: AssisteeView[] = []
      for (const b of bindings) {
        const h = households.get(String(b.householdId))
        const nickname = users.get(String(b.userId))
        if (!h || nickname === undefined) continue
        const household = householdView(h, places)
        if (
          needle &&
          !nickname.toLowerCase().includes(needle) &&
          !household.headName.toLowerCase().includes(needle)
        )
          continue
        rows.push({ userId: String(b.userId), nickname, household })
      }
      return pageRows(
        rows,
        (a) => houseSortKey(a.household.houseNo),
        (a) => a.userId,
        'asc',
        q.after,
        q.limit,
      )
    },
    async addObjection(o) {
      const { id, ...fields } = o
      await db.collection(C.objections).add({ data: { _id: id, ...fields } })
    },
    async objections(q) {
      const { docs, next } = await keysetPage(db, {
        collection: C.objections,
        where: { campaignId: q.campaignId },
        field: 'createdAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      const rows = docs.map((d) => fromDoc<Omit<ObjectionView, 'authorName' | 'householdName'>>(d))
      const [names, households] = await Promise.all([
        nicknames(
          db,
          rows.map((o) => o.userId),
        ),
        byIds(
          db,
          'households',
          rows.map((o) => o.householdId),
        ),
      ])
      const items: ObjectionView[] = []
      for (const o of rows) {
        const authorName = names.get(o.userId)
        const h = households.get(o.householdId)
        if (authorName === undefined || !h) continue
        items.push({ ...o, authorName, householdName: String(h.headName) })
      }
      return { items, next }
    },
    async setSubscription(campaignId, userId, on, at) {
      const id = ids.subscription(campaignId, userId)
      if (on) await addOnce(db, C.subscriptions, { _id: id, campaignId, userId, createdAt: at })
      else await db.collection(C.subscriptions).doc(id).remove()
    },
    async setSubscriptionToAll(userId, on, at) {
      if (on) await addOnce(db, C.allSubscribers, { _id: userId, createdAt: at })
      else await db.collection(C.allSubscribers).doc(userId).remove()
    },
    async isSubscribedToAll(userId) {
      return (await getDoc(db.collection(C.allSubscribers).doc(userId))) !== null
    },
    async isSubscribed(campaignId, userId) {
      const [one, every] = await Promise.all([
        getDoc(db.collection(C.subscriptions).doc(ids.subscription(campaignId, userId))),
        getDoc(db.collection(C.allSubscribers).doc(userId)),
      ])
      return one !== null || every !== null
    },
    async subscribers(campaignId) {
      const [own, every, campaign] = await Promise.all([
        allOf(db, C.subscriptions, { campaignId }),
        all(db.collection(C.allSubscribers).orderBy('_id', 'asc')),
        getDoc(db.collection(C.campaigns).doc(campaignId)),
      ])
      const users = new Set(own.map((s) => String(s.userId)))
      if (campaign) {
        const villageId = (campaign.villageId ?? null) as string | null
        const bindings = (
          await Promise.all(
            chunks(every.map((s) => String(s._id))).map((userIds) =>
              allOf(db, 'bindings', { userId: _.in(userIds), status: 'approved' }),
            ),
          )
        ).flat()
        const households = await byIds(
          db,
          'households',
          bindings.map((b) => String(b.householdId)),
        )
        for (const b of bindings) {
          const h = households.get(String(b.householdId))
          if (h && (villageId === null || h.villageId === villageId)) users.add(String(b.userId))
        }
      }
      return [...users].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    },
    async subscriberPage(campaignId, after, limit) {
      // Two sources in user id order, each read `size` at a time after `after`: the page ends
      // where the first full source ends (anything beyond it may still come from that source).
      const size = Math.min(limit, GET_MAX)
      const beyond = after === null ? {} : { _id: _.gt(after) }
      const [own, every, campaign] = await Promise.all([
        db
          .collection(C.subscriptions)
          .where({ campaignId, ...(after === null ? {} : { userId: _.gt(after) }) })
          .orderBy('userId', 'asc')
          .limit(size)
          .get(),
        (after === null
          ? db.collection(C.allSubscribers)
          : db.collection(C.allSubscribers).where(beyond)
        )
          .orderBy('_id', 'asc')
          .limit(size)
          .get(),
        getDoc(db.collection(C.campaigns).doc(campaignId)),
      ])
      const ownIds = own.data.map((s) => String(s.userId))
      const everyIds = every.data.map((s) => String(s._id))
      const ends = [
        ...(ownIds.length === size ? [ownIds[ownIds.length - 1] as string] : []),
        ...(everyIds.length === size ? [everyIds[everyIds.length - 1] as string] : []),
      ].sort()
      const next = ends[0] ?? null
      const upTo = (id: string) => next === null || id <= next
      const users = new Set(ownIds.filter(upTo))
      const candidates = everyIds.filter(upTo)
      if (campaign && candidates.length > 0) {
        const villageId = (campaign.villageId ?? null) as string | null
        const bindings = await allOf(db, 'bindings', {
          userId: _.in(candidates),
          status: 'approved',
        })
        const households = await byIds(
          db,
          'households',
          bindings.map((b) => String(b.householdId)),
        )
        for (const b of bindings) {
          const h = households.get(String(b.householdId))
          if (h && (villageId === null || h.villageId === villageId)) users.add(String(b.userId))
        }
      }
      const sorted = [...users].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      // Both sources together may give more than `limit`: the page ends at its limit-th id.
      if (sorted.length > limit) {
        const page = sorted.slice(0, limit)
        return { userIds: page, next: page[page.length - 1] ?? null }
      }
      return { userIds: sorted, next }
    },
    async claimEvent(campaignId, event, at) {
      return addOnce(db, C.events, { _id: ids.event(campaignId, event), campaignId, event, at })
    },
  }
}

const chunks = (items: string[]) => {
  const out: string[][] = []
  for (let i = 0; i < items.length; i += GET_MAX) out.push(items.slice(i, i + GET_MAX))
  return out
}
