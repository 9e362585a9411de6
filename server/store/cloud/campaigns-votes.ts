// Votes on the cloud database. Every limit is a slot number on the vote, unique per voter and day
// by index, taken in the same transaction that adds the vote and counts it on its nomination;
// tallies read those counters. Invalidations are documents whose `_id` is the vote's.
import { UniqueViolation } from '../common'
import type { CampaignsRepo, CastVote, VoteOutcome, VoteRecord, VoteView } from '../store'
import { all, byIds, fromDoc, getDoc, isDuplicate, keysetPage } from './docs'
import { C, campaignFromDoc, nicknames, voteFromDoc, voterKeyOf } from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

type UsageQuery = Parameters<CampaignsRepo['usage']>[0]

const perPerson = { counting: 'perPerson' } as const
const perHousehold = { counting: 'perHousehold' } as const

type VoteMethods = Pick<
  CampaignsRepo,
  'castVote' | 'usage' | 'vote' | 'votes' | 'invalidate' | 'integrityVotes'
>

/** The first slot among 1..limit no vote holds, or null when all are taken. */
function freeSlot(taken: ReadonlySet<number>, limit: number): number | null {
  for (let n = 1; n <= limit; n++) if (!taken.has(n)) return n
  return null
}

/**
 * The voter's votes of the day under either key (the user's, or the household's under 一户一票),
 * in one query: at most 2 × votesPerDay (≤ 40) votes. Every vote of a campaign carries the key
 * its counting rule gives, and the rule is fixed once voting begins; the caller keeps the votes
 * of the key that counts.
 */
async function votesOfDay(db: CloudDb, q: UsageQuery): Promise<Doc[]> {
  const keys = [
    voterKeyOf(perPerson, q.voterId, q.voterHouseholdId),
    voterKeyOf(perHousehold, q.voterId, q.voterHouseholdId),
  ]
  const { data } = await db
    .collection(C.votes)
    .where({ campaignId: q.campaignId, voterKey: db.command.in(keys), day: q.day })
    .limit(100)
    .get()
  return data
}

/**
 * One attempt at a vote: the voter's votes of the day read first (a transaction reads single
 * documents only), then one transaction that checks the campaign and the candidate, adds the
 * vote in the first free day and candidate slots, and counts it on its nomination. The slots
 * are fields of the vote, kept unique by the votes' `daySlot` and `candidateSlot` indexes: a
 * slot another vote took after our read fails the add (duplicate key).
 */
async function attemptVote(db: CloudDb, v: CastVote): Promise<VoteOutcome> {
  const _ = db.command
  const today = await votesOfDay(db, {
    campaignId: v.campaignId,
    voterId: v.voterId,
    voterHouseholdId: v.voterHouseholdId,
    day: v.day,
  })
  return db.runTransaction(async (tx): Promise<VoteOutcome> => {
    const cDoc = await getDoc(tx.collection(C.campaigns).doc(v.campaignId))
    const c = cDoc ? campaignFromDoc(cDoc) : null
    if (!c || v.now < c.votingStartsAt || v.now >= c.votingEndsAt)
      return { ok: false, reason: 'notVoting' }
    const m = await getDoc(tx.collection(C.nominations).doc(v.nominationId))
    if (!m || m.campaignId !== v.campaignId || m.status !== 'approved')
      return { ok: false, reason: 'notCandidate' }
    const voterKey = voterKeyOf(c.rules, v.voterId, v.voterHouseholdId)
    const mine = today.filter((d) => d.voterKey === voterKey)
    const daySlot = freeSlot(new Set(mine.map((d) => Number(d.daySlot))), c.rules.votesPerDay)
    if (daySlot === null) return { ok: false, reason: 'dayLimit' }
    const candidateSlot = freeSlot(
      new Set(
        mine.filter((d) => d.nominationId === v.nominationId).map((d) => Number(d.candidateSlot)),
      ),
      c.rules.votesPerCandidatePerDay,
    )
    if (candidateSlot === null) return { ok: false, reason: 'candidateLimit' }
    await tx.collection(C.votes).add({
      data: {
        _id: v.id,
        campaignId: v.campaignId,
        nominationId: v.nominationId,
        voterId: v.voterId,
        voterHouseholdId: v.voterHouseholdId,
        day: v.day,
        assistedBy: v.assistedBy,
        createdAt: v.now,
        voterKey,
        daySlot,
        candidateSlot,
      },
    })
    await tx
      .collection(C.nominations)
      .doc(v.nominationId)
      .update({ data: { votes: _.inc(1) } })
    return { ok: true, dayUsed: daySlot, candidateUsed: candidateSlot }
  })
}

/**
 * Casts a vote. A slot another vote took between our read and our add fails the transaction
 * (duplicate `_id`); it is run again, reading the slots afresh, so the answer is the limit that
 * really holds. A vote id used twice is a UniqueViolation, as in SQLite.
 */
export async function castVote(db: CloudDb, v: CastVote): Promise<VoteOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptVote(db, v)
    } catch (e) {
      if (!isDuplicate(e)) throw e
      if (await getDoc(db.collection(C.votes).doc(v.id))) throw new UniqueViolation('votes_id')
      if (attempt >= 3) throw new UniqueViolation('votes_slot')
    }
  }
}

/** The nominations the votes went to, and the votes' invalidations, by id. */
function candidatesAndInvalidations(db: CloudDb, votes: readonly VoteRecord[]) {
  return Promise.all([
    byIds(
      db,
      C.nominations,
      votes.map((v) => v.nominationId),
    ),
    byIds(
      db,
      C.invalidations,
      votes.map((v) => v.id),
    ),
  ])
}

/** Vote views: the names around each vote and its invalidation. */
async function voteViews(db: CloudDb, docs: Doc[]): Promise<VoteView[]> {
  const votes = docs.map(voteFromDoc)
  const [campaigns, [nominations, invalidations]] = await Promise.all([
    byIds(
      db,
      C.campaigns,
      votes.map((v) => v.campaignId),
    ),
    candidatesAndInvalidations(db, votes),
  ])
  const households = await byIds(db, 'households', [
    ...votes.map((v) => v.voterHouseholdId),
    ...[...nominations.values()].map((m) => String(m.householdId)),
  ])
  const names = await nicknames(db, [
    ...votes.flatMap((v) => (v.assistedBy ? [v.voterId, v.assistedBy] : [v.voterId])),
    ...[...invalidations.values()].map((i) => String(i.invalidatedBy)),
  ])
  const views: VoteView[] = []
  for (const v of votes) {
    const campaign = campaigns.get(v.campaignId)
    const m = nominations.get(v.nominationId)
    const candidate = m ? households.get(String(m.householdId)) : undefined
    const household = households.get(v.voterHouseholdId)
    const voterName = names.get(v.voterId)
    if (!campaign || !m || !candidate || !household || voterName === undefined) continue
    const inv = invalidations.get(v.id)
    views.push({
      ...v,
      campaignTitle: String(campaign.title),
      candidateNumber: Number(m.number),
      candidateName: String(candidate.headName),
      voterName,
      householdName: String(household.headName),
      assistedByName: v.assistedBy ? (names.get(v.assistedBy) ?? null) : null,
      invalidation: inv
        ? {
            reason: String(inv.reason),
            at: Number(inv.invalidatedAt),
            byName: names.get(String(inv.invalidatedBy)) ?? '',
          }
        : null,
    })
  }
  return views
}

export function voteMethods(db: CloudDb): VoteMethods {
  const _ = db.command
  return {
    castVote: (v) => castVote(db, v),
    async usage(q) {
      let data = await votesOfDay(db, q)
      // Both keys turn up only should the rule have changed under votes: the campaign says.
      if (new Set(data.map((d) => String(d.voterKey))).size > 1) {
        const c = await getDoc(db.collection(C.campaigns).doc(q.campaignId))
        if (!c) return { day: 0, perCandidate: {} }
        const voterKey = voterKeyOf(campaignFromDoc(c).rules, q.voterId, q.voterHouseholdId)
        data = data.filter((d) => d.voterKey === voterKey)
      }
      const perCandidate: Record<string, number> = {}
      let day = 0
      for (const d of data) {
        const id = String(d.nominationId)
        day = Math.max(day, Number(d.daySlot))
        perCandidate[id] = Math.max(perCandidate[id] ?? 0, Number(d.candidateSlot))
      }
      return { day, perCandidate }
    },
    async vote(id) {
      const doc = await getDoc(db.collection(C.votes).doc(id))
      return doc ? ((await voteViews(db, [doc]))[0] ?? null) : null
    },
    async votes(q) {
      const where: Record<string, string> = {}
      if (q.campaignId !== undefined) where.campaignId = q.campaignId
      if (q.nominationId !== undefined) where.nominationId = q.nominationId
      if (q.voterId !== undefined) where.voterId = q.voterId
      const { docs, next } = await keysetPage(db, {
        collection: C.votes,
        where: Object.keys(where).length ? where : undefined,
        field: 'createdAt',
        direction: 'desc',
        after: q.after,
        limit: q.limit,
      })
      return { items: await voteViews(db, docs), next }
    },
    async invalidate(voteId, d) {
      try {
        await db.runTransaction(async (tx) => {
          const vote = await getDoc(tx.collection(C.votes).doc(voteId))
          if (!vote) throw new Error(`invalidate: no vote ${voteId}`)
          await tx.collection(C.invalidations).add({
            data: {
              _id: voteId,
              campaignId: vote.campaignId,
              reason: d.reason,
              invalidatedBy: d.by,
              invalidatedAt: d.at,
            },
          })
          await tx
            .collection(C.nominations)
            .doc(String(vote.nominationId))
            .update({ data: { votes: _.inc(-1) } })
        })
      } catch (e) {
        if (isDuplicate(e)) throw new UniqueViolation('vote_invalidations_vote_id')
        throw e
      }
    },
    async integrityVotes(campaignId) {
      const docs = await allVotes(db, campaignId)
      const votes = docs.map(voteFromDoc)
      const [nominations, invalidated] = await candidatesAndInvalidations(db, votes)
      const valid = votes.filter(
        (v) => nominations.get(v.nominationId)?.status === 'approved' && !invalidated.has(v.id),
      )
      const boundAt = await bindingTimes(
        db,
        valid.map((v) => v.voterId),
      )
      return valid.map((v) => ({
        nominationId: v.nominationId,
        createdAt: v.createdAt,
        assisted: v.assistedBy !== null,
        boundAt: boundAt.get(`${v.voterId}|${v.voterHouseholdId}`) ?? null,
      }))
    },
  }
}

/** Every vote of a campaign, oldest first. */
function allVotes(db: CloudDb, campaignId: string): Promise<Doc[]> {
  return all(
    db.collection(C.votes).where({ campaignId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'),
  )
}

/** When each (user, household) binding was last approved. */
async function bindingTimes(db: CloudDb, userIds: string[]): Promise<Map<string, number>> {
  const _ = db.command
  const unique = [...new Set(userIds)]
  const times = new Map<string, number>()
  for (let i = 0; i < unique.length; i += 100) {
    const docs = await all(
      db
        .collection('bindings')
        .where({ userId: _.in(unique.slice(i, i + 100)), status: 'approved' })
        .orderBy('_id', 'asc'),
    )
    for (const d of docs) {
      const b = fromDoc<{ userId: string; householdId: string; decidedAt: number | null }>(d)
      if (b.decidedAt === null || b.decidedAt === undefined) continue
      const key = `${b.userId}|${b.householdId}`
      times.set(key, Math.max(times.get(key) ?? b.decidedAt, b.decidedAt))
    }
  }
  return times
}
