// Votes on the cloud database. Every limit is a slot number on the vote, unique per voter and day
// by index, taken in the same transaction that adds the vote and counts it on its nomination;
// tallies read those counters. Invalidations are documents whose `_id` is the vote's.
import { UniqueViolation } from '../common'
import type {
  Ballot,
  BallotQuery,
  CampaignsRepo,
  CastVote,
  VoteOutcome,
  VoteRecord,
  VoteView,
} from '../store'
import { all, byIds, fromDoc, getDoc, isDuplicate, keysetPage, loadPlaces } from './docs'
import {
  C,
  campaignFromDoc,
  campaignViews,
  nicknames,
  voteFromDoc,
  voterKeyOf,
} from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

type UsageQuery = Parameters<CampaignsRepo['usage']>[0]

const perPerson = { counting: 'perPerson' } as const
const perHousehold = { counting: 'perHousehold' } as const

type VoteMethods = Pick<
  CampaignsRepo,
  'ballot' | 'castVote' | 'usage' | 'vote' | 'votes' | 'invalidate' | 'integrityVotes'
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
  const { data } = await db
    .collection(C.votes)
    .where({ campaignId: q.campaignId, voterKey: db.command.in(voterKeys(q)), day: q.day })
    .limit(100)
    .get()
  return data
}

/** What ballot() read along with the campaign, for the castVote that follows. */
interface BallotReads {
  query: BallotQuery
  /** The nomination voted for, null for none. */
  candidate: Doc | null
  /** The voter's votes of the day under either key (see votesOfDay). */
  today: Doc[]
}

const ballotReads = new WeakMap<Ballot, BallotReads>()

/** The two keys a voter's votes of a day may be under (the campaign's rule picks one). */
const voterKeys = (q: Pick<UsageQuery, 'voterId' | 'voterHouseholdId'>) => [
  voterKeyOf(perPerson, q.voterId, q.voterHouseholdId),
  voterKeyOf(perHousehold, q.voterId, q.voterHouseholdId),
]

/**
 * The campaign of a vote about to be cast, with the candidate and the voter's votes of the day
 * joined in by lookup: one request for all the vote reads.
 */
async function ballot(db: CloudDb, q: BallotQuery): Promise<Ballot | null> {
  const _ = db.command
  const pipeline = () => _.aggregate.pipeline()
  const [{ list }, places] = await Promise.all([
    db
      .collection(C.campaigns)
      .aggregate()
      .match({ _id: q.campaignId })
      .limit(1)
      .lookup({
        from: C.nominations,
        pipeline: pipeline().match({ _id: q.nominationId }).limit(1).done(),
        as: 'candidate',
      })
      .lookup({
        from: C.votes,
        pipeline: pipeline()
          .match({ campaignId: q.campaignId, voterKey: _.in(voterKeys(q)), day: q.day })
          .limit(100)
          .done(),
        as: 'today',
      })
      .end(),
    loadPlaces(db),
  ])
  const found = list[0]
  if (!found) return null
  const { candidate, today, ...doc } = found
  const [campaign] = await campaignViews(db, [doc], places)
  if (!campaign) return null
  const docs = (v: unknown) => (Array.isArray(v) ? (v as Doc[]) : [])
  const b: Ballot = { campaign }
  ballotReads.set(b, { query: q, candidate: docs(candidate)[0] ?? null, today: docs(today) })
  return b
}

/** The slots a vote takes: the first free of the voter's day and of the candidate. */
function slotsFor(
  today: Doc[],
  voterKey: string,
  nominationId: string,
  rules: { votesPerDay: number; votesPerCandidatePerDay: number },
): VoteOutcome {
  const mine = today.filter((d) => d.voterKey === voterKey)
  const daySlot = freeSlot(new Set(mine.map((d) => Number(d.daySlot))), rules.votesPerDay)
  if (daySlot === null) return { ok: false, reason: 'dayLimit' }
  const candidateSlot = freeSlot(
    new Set(
      mine.filter((d) => d.nominationId === nominationId).map((d) => Number(d.candidateSlot)),
    ),
    rules.votesPerCandidatePerDay,
  )
  if (candidateSlot === null) return { ok: false, reason: 'candidateLimit' }
  return { ok: true, dayUsed: daySlot, candidateUsed: candidateSlot }
}

/** The vote document in its slots. */
const voteDoc = (v: CastVote, voterKey: string, daySlot: number, candidateSlot: number) => ({
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
})

/**
 * A vote on what its ballot read: the phase, the candidate and the free slots decided from the
 * ballot's one request, then a transaction of writes only (the vote in its slots, its count on
 * the nomination): both or neither, so the count stays exact whatever happens between them.
 * The slots are still the unique indexes' to keep: one taken since the ballot's read fails the
 * add, and castVote runs the vote again on fresh reads. The candidate's status is the one the
 * ballot read a moment earlier (a candidate withdrawn in between may get this one vote, which
 * a withdrawn nomination's tally never shows).
 */
async function voteOnBallot(
  db: CloudDb,
  v: CastVote,
  b: Ballot,
  reads: BallotReads,
): Promise<VoteOutcome> {
  const _ = db.command
  const c = b.campaign
  if (v.now < c.votingStartsAt || v.now >= c.votingEndsAt) return { ok: false, reason: 'notVoting' }
  const m = reads.candidate
  if (!m || m.campaignId !== v.campaignId || m.status !== 'approved')
    return { ok: false, reason: 'notCandidate' }
  const voterKey = voterKeyOf(c.rules, v.voterId, v.voterHouseholdId)
  const outcome = slotsFor(reads.today, voterKey, v.nominationId, c.rules)
  if (!outcome.ok) return outcome
  await db.runTransaction(async (tx) => {
    await tx.collection(C.votes).add({
      data: voteDoc(v, voterKey, outcome.dayUsed, outcome.candidateUsed),
    })
    await tx
      .collection(C.nominations)
      .doc(v.nominationId)
      .update({ data: { votes: _.inc(1) } })
  })
  return outcome
}

/** Whether a ballot was read for exactly this vote. */
const readsFor = (v: CastVote, b: Ballot | undefined): BallotReads | null => {
  const reads = b ? ballotReads.get(b) : undefined
  if (!reads) return null
  const q = reads.query
  return q.campaignId === v.campaignId &&
    q.nominationId === v.nominationId &&
    q.voterId === v.voterId &&
    q.voterHouseholdId === v.voterHouseholdId &&
    q.day === v.day
    ? reads
    : null
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
    const outcome = slotsFor(today, voterKey, v.nominationId, c.rules)
    if (!outcome.ok) return outcome
    await tx.collection(C.votes).add({
      data: voteDoc(v, voterKey, outcome.dayUsed, outcome.candidateUsed),
    })
    await tx
      .collection(C.nominations)
      .doc(v.nominationId)
      .update({ data: { votes: _.inc(1) } })
    return outcome
  })
}

/**
 * Casts a vote. A slot another vote took between our read and our add fails the transaction
 * (duplicate `_id`); it is run again, reading the slots afresh, so the answer is the limit that
 * really holds. A vote id used twice is a UniqueViolation, as in SQLite.
 */
export async function castVote(db: CloudDb, v: CastVote, b?: Ballot): Promise<VoteOutcome> {
  const reads = readsFor(v, b)
  for (let attempt = 1; ; attempt++) {
    try {
      // The first attempt on the ballot's reads; one after a taken slot reads afresh.
      return attempt === 1 && b && reads
        ? await voteOnBallot(db, v, b, reads)
        : await attemptVote(db, v)
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
    ballot: (q) => ballot(db, q),
    castVote: (v, b) => castVote(db, v, b),
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
