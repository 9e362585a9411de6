// Campaigns, nominations, votes and the notification outbox on the cloud database. The area is
// split: campaigns-nominations, campaigns-votes, campaigns-people (assistees, objections,
// subscriptions, events), campaigns-notify (outbox), campaigns-load (snapshot import); `_id` schemes in campaigns-docs.
import type { CampaignsRepo, CandidateView, NotifyRepo } from '../store'
import { all, getDoc, householdViews, keysetPage, loadPlaces } from './docs'
import { C, campaignFromDoc, campaignViews, candidateCountOf, ids, votesOf } from './campaigns-docs'
import { nominationMethods } from './campaigns-nominations'
import { notifyMethods } from './campaigns-notify'
import { peopleMethods } from './campaigns-people'
import { voteMethods } from './campaigns-votes'
import type { CloudDb, Doc } from './sdk'

/** Candidate views: the household with its place names, the valid votes from the counter. */
async function candidateViews(db: CloudDb, docs: Doc[]): Promise<CandidateView[]> {
  const households = await householdViews(
    db,
    docs.map((d) => String(d.householdId)),
  )
  return docs.flatMap((d) => {
    const household = households.get(String(d.householdId))
    if (!household) return []
    return [
      {
        nominationId: String(d._id),
        number: Number(d.number),
        household,
        story: String(d.story),
        photos: (d.photos ?? []) as string[],
        votes: votesOf(d),
      },
    ]
  })
}

type PhaseName = Parameters<CampaignsRepo['closePhase']>[0]['phase']

export function campaignsRepo(db: CloudDb): CampaignsRepo {
  const _ = db.command
  const campaigns = () => db.collection(C.campaigns)
  return {
    async list(q) {
      const where =
        q.villageIds === null
          ? undefined
          : _.or([{ villageId: null }, { villageId: _.in(q.villageIds) }])
      const [{ docs, next }, places] = await Promise.all([
        keysetPage(db, {
          collection: C.campaigns,
          where,
          field: 'publicityEndsAt',
          direction: 'desc',
          after: q.after,
          limit: q.limit,
        }),
        loadPlaces(db),
      ])
      return { items: await campaignViews(db, docs, places), next }
    },
    async get(id) {
      const doc = await getDoc(campaigns().doc(id))
      if (!doc) return null
      return (await campaignViews(db, [doc], await loadPlaces(db)))[0] ?? null
    },
    async save(c) {
      const { id, ...fields } = c
      // As the SQLite upsert: every field replaced but the creation time, and the candidate
      // counter kept (in a transaction, so that an approval meanwhile is not lost).
      await db.runTransaction(async (tx) => {
        const before = await getDoc(tx.collection(C.campaigns).doc(id))
        const count = before ? candidateCountOf(before) : 0
        await tx
          .collection(C.campaigns)
          .doc(id)
          .set({
            data: {
              ...fields,
              createdAt: before ? before.createdAt : c.createdAt,
              ...(count === null ? {} : { candidateCount: count }),
            },
          })
      })
    },
    async closePhase({ campaignId, phase, at, by, reason }) {
      const closure = ids.closure(campaignId, phase)
      if (await getDoc(db.collection(C.closures).doc(closure))) return false
      try {
        return await db.runTransaction(async (tx) => {
          const doc = await getDoc(tx.collection(C.campaigns).doc(campaignId))
          if (!doc) return false
          const c = campaignFromDoc(doc)
          const bounds: Record<PhaseName, [number, number, string]> = {
            nomination: [c.nominationStartsAt, c.reviewStartsAt, 'reviewStartsAt'],
            review: [c.reviewStartsAt, c.votingStartsAt, 'votingStartsAt'],
            // Voting must last a moment: votingStartsAt < votingEndsAt.
            voting: [c.votingStartsAt + 1, c.votingEndsAt, 'votingEndsAt'],
            publicity: [c.votingEndsAt, c.publicityEndsAt, 'publicityEndsAt'],
          }
          const [from, to, field] = bounds[phase]
          if (at < from || at >= to) return false
          if (await getDoc(tx.collection(C.closures).doc(closure))) return false
          await tx.collection(C.closures).add({
            data: { _id: closure, campaignId, phase, closedAt: at, closedBy: by, reason },
          })
          await tx
            .collection(C.campaigns)
            .doc(campaignId)
            .update({ data: { [field]: at } })
          return true
        })
      } catch (e) {
        // A second closure of the same phase lost the race for its `_id`.
        if (await getDoc(db.collection(C.closures).doc(closure))) return false
        throw e
      }
    },
    ...nominationMethods(db),
    async candidates(q) {
      const { docs, next } = await keysetPage(db, {
        collection: C.nominations,
        where: { campaignId: q.campaignId, status: 'approved' },
        field: 'number',
        direction: 'asc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await candidateViews(db, docs), next }
    },
    async tally(campaignId) {
      const [docs, invalidated] = await Promise.all([
        all(
          db
            .collection(C.nominations)
            .where({ campaignId, status: 'approved' })
            .orderBy('number', 'asc')
            .orderBy('_id', 'asc'),
        ),
        db.collection(C.invalidations).where({ campaignId }).count(),
      ])
      const candidates = await candidateViews(db, docs)
      return {
        candidates,
        valid: candidates.reduce((sum, c) => sum + c.votes, 0),
        invalidated: invalidated.total,
      }
    },
    ...voteMethods(db),
    ...peopleMethods(db),
  }
}

export { loadCampaigns } from './campaigns-load'

export function notifyRepo(db: CloudDb): NotifyRepo {
  return notifyMethods(db)
}
