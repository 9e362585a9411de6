// The campaigns' part of a snapshot import (seed and tests, into an empty database). Seeded
// nominations take their nominator's slots in order and seeded votes go through the same
// limits as live ones (one over a limit is an error), as in the SQLite import; the slots (fields
// of each vote) are worked out here and every document is then written in batches, not one
// transaction per vote.
import type { CampaignRecord, Snapshot, VoteRecord } from '../store'
import { addAll, inBatches, UNIQUE_KEYS } from './docs'
import { C, ids, nominationDoc, voterKeyOf } from './campaigns-docs'
import type { CloudDb, Doc } from './sdk'

/** Counts per key, handing out 1, 2, 3… */
function counter() {
  const counts = new Map<string, number>()
  return (key: string) => {
    const n = (counts.get(key) ?? 0) + 1
    counts.set(key, n)
    return n
  }
}

/** The seeded votes as documents with their slots; throws on one a live vote would be refused. */
function voteDocs(s: Snapshot) {
  const campaigns = new Map<string, CampaignRecord>(s.campaigns.map((c) => [c.id, c]))
  const nominations = new Map(s.nominations.map((n) => [n.id, n]))
  const daySlot = counter()
  const candidateSlot = counter()
  const counts = new Map<string, number>()
  const votes: Doc[] = []
  const refuse = (v: VoteRecord, reason: string) => {
    throw new Error(`seeded vote ${v.id} refused: ${reason}`)
  }
  for (const v of s.votes) {
    const c = campaigns.get(v.campaignId)
    if (!c || v.createdAt < c.votingStartsAt || v.createdAt >= c.votingEndsAt)
      refuse(v, 'notVoting')
    const m = nominations.get(v.nominationId)
    if (!c || !m || m.campaignId !== v.campaignId || m.status !== 'approved')
      return refuse(v, 'notCandidate')
    const voterKey = voterKeyOf(c.rules, v.voterId, v.voterHouseholdId)
    const day = daySlot(`${v.campaignId}|${voterKey}|${v.day}`)
    if (day > c.rules.votesPerDay) refuse(v, 'dayLimit')
    const cand = candidateSlot(`${v.campaignId}|${voterKey}|${v.day}|${v.nominationId}`)
    if (cand > c.rules.votesPerCandidatePerDay) refuse(v, 'candidateLimit')
    const { id, ...fields } = v
    votes.push({ _id: id, ...fields, voterKey, daySlot: day, candidateSlot: cand })
    counts.set(v.nominationId, (counts.get(v.nominationId) ?? 0) + 1)
  }
  return { votes, counts }
}

/** Writes the snapshot's campaigns, nominations and votes with their slots, keys and counters. */
export async function loadCampaigns(db: CloudDb, s: Snapshot): Promise<void> {
  const { votes, counts } = voteDocs(s)
  const nominatorSlot = counter()
  const lastNumber = new Map<string, number>()
  const nominations: Doc[] = []
  const guards: { collection: string; doc: Doc }[] = []
  for (const n of s.nominations) {
    const key = n.nominatorHouseholdId ? `h:${n.nominatorHouseholdId}` : `u:${n.nominatorId}`
    const slot = nominatorSlot(`${n.campaignId}|${key}`)
    nominations.push({ ...nominationDoc(n, key, slot), votes: counts.get(n.id) ?? 0 })
    guards.push({
      collection: C.nominationSlots,
      doc: { _id: ids.nominationSlot(n.campaignId, key, slot), nominationId: n.id },
    })
    if (n.status === 'pending' || n.status === 'approved')
      guards.push({
        collection: UNIQUE_KEYS,
        doc: { _id: ids.liveNomination(n.campaignId, n.householdId), owner: n.id },
      })
    if (n.number !== null) {
      guards.push({
        collection: UNIQUE_KEYS,
        doc: { _id: ids.candidateNumber(n.campaignId, n.number), owner: n.id },
      })
      lastNumber.set(n.campaignId, Math.max(lastNumber.get(n.campaignId) ?? 0, n.number))
    }
  }
  for (const [campaignId, last] of lastNumber)
    guards.push({ collection: C.candidateNumbers, doc: { _id: campaignId, last } })
  const approved = new Map<string, number>()
  for (const n of s.nominations)
    if (n.status === 'approved') approved.set(n.campaignId, (approved.get(n.campaignId) ?? 0) + 1)
  await addAll(
    db,
    C.campaigns,
    s.campaigns.map((c) => ({ ...c, candidateCount: approved.get(c.id) ?? 0 })),
  )
  // A duplicate slot or key fails its add, as the UNIQUE keys fail the SQLite import.
  const add = ({ collection, doc }: { collection: string; doc: Doc }) =>
    db.collection(collection).add({ data: doc })
  await inBatches(
    nominations.map((doc) => ({ collection: C.nominations, doc })),
    20,
    add,
  )
  await inBatches(guards, 20, add)
  await inBatches(
    votes.map((doc) => ({ collection: C.votes, doc })),
    20,
    add,
  )
}
