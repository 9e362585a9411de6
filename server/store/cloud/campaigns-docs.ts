// The campaigns area's documents: collection names, `_id` schemes, records <-> documents, and the
// joins (names around nominations and votes) the views need.
import type { HouseholdView } from '../common'
import type {
  CampaignRecord,
  CampaignView,
  NominationRecord,
  NominationView,
  UserRecord,
  VoteRecord,
} from '../store'
import { byIds, fromDoc, GET_MAX, householdViews, type Places, toDoc } from './docs'
import type { CloudDb, Doc } from './sdk'

export const C = {
  campaigns: 'campaigns',
  nominations: 'nominations',
  nominationSlots: 'nomination_slots',
  candidateNumbers: 'candidate_numbers',
  votes: 'votes',
  invalidations: 'vote_invalidations',
  closures: 'campaign_phase_closures',
  objections: 'campaign_objections',
  subscriptions: 'campaign_subscriptions',
  allSubscribers: 'notify_subscribers',
  events: 'campaign_events',
  outbox: 'notify_outbox',
} as const

export const ids = {
  nominationSlot: (campaignId: string, nominatorKey: string, n: number) =>
    `${campaignId}:${nominatorKey}:${n}`,
  /** unique_keys: a household is nominated once per campaign while the nomination is alive. */
  liveNomination: (campaignId: string, householdId: string) =>
    `nomination:${campaignId}:${householdId}`,
  /** unique_keys: a candidate number is given once per campaign. */
  candidateNumber: (campaignId: string, number: number) => `candidate:${campaignId}:${number}`,
  closure: (campaignId: string, phase: string) => `${campaignId}:${phase}`,
  subscription: (campaignId: string, userId: string) => `${campaignId}:${userId}`,
  event: (campaignId: string, event: string) => `${campaignId}:${event}`,
}

/** The voter the limits count on: the user, or the household under 一户一票. */
export const voterKeyOf = (
  rules: Pick<CampaignRecord['rules'], 'counting'>,
  voterId: string,
  householdId: string,
) => (rules.counting === 'perHousehold' ? `h:${householdId}` : `u:${voterId}`)

/**
 * A campaign document is its record, plus `candidateCount`: its approved nominations, kept by
 * the transactions that approve or withdraw one, so that a campaign and its count are one read.
 * A document written before the counter existed has none and is counted instead.
 */
export const campaignFromDoc = (d: Doc) => fromDoc<CampaignRecord>(d, ['candidateCount'])

/** The approved nominations a campaign document counts, or null when it keeps no counter. */
export const candidateCountOf = (d: Doc): number | null =>
  typeof d.candidateCount === 'number' ? d.candidateCount : null

/** Derived fields of a nomination document: its nominator slot and its valid-votes counter. */
const NOMINATION_DERIVED = ['nominatorKey', 'nominatorSlot', 'votes']

/** A nomination as a document, every optional field present (null), as the SQLite row has it. */
export function nominationDoc(n: NominationRecord, nominatorKey: string, slot: number): Doc {
  return toDoc({
    id: n.id,
    campaignId: n.campaignId,
    householdId: n.householdId,
    nominatorId: n.nominatorId,
    nominatorHouseholdId: n.nominatorHouseholdId ?? null,
    story: n.story,
    photos: n.photos ?? [],
    status: n.status,
    number: n.number,
    reason: n.reason ?? null,
    decidedBy: n.decidedBy ?? null,
    decidedAt: n.decidedAt ?? null,
    createdAt: n.createdAt,
    nominatorKey,
    nominatorSlot: slot,
    votes: 0,
  })
}

export type NominationFull = Required<NominationRecord> & { photos: string[] }
export const nominationFromDoc = (d: Doc) => fromDoc<NominationFull>(d, NOMINATION_DERIVED)
/** The valid votes a nomination's counter holds. */
export const votesOf = (d: Doc) => Number(d.votes ?? 0)

const VOTE_DERIVED = ['voterKey', 'daySlot', 'candidateSlot']
export const voteFromDoc = (d: Doc) => fromDoc<VoteRecord>(d, VOTE_DERIVED)

/** Users' nicknames by id. */
export async function nicknames(db: CloudDb, userIds: Iterable<string>) {
  const docs = await byIds(db, 'users', userIds)
  return new Map([...docs].map(([id, d]) => [id, fromDoc<UserRecord>(d).nickname]))
}

/** Campaign views: the village name and the number of approved candidates. */
export async function campaignViews(
  db: CloudDb,
  docs: Doc[],
  places: Places,
): Promise<CampaignView[]> {
  const _ = db.command
  // Documents keep their count; one aggregate for the page's others (older documents).
  const uncounted = docs.filter((d) => candidateCountOf(d) === null)
  const { list } = uncounted.length
    ? await db
        .collection(C.nominations)
        .aggregate()
        .match({ campaignId: _.in(uncounted.map((d) => d._id)), status: 'approved' })
        .group({ _id: '$campaignId', n: _.aggregate.sum(1) })
        .limit(GET_MAX)
        .end()
    : { list: [] }
  const counts = new Map(list.map((r) => [String(r._id), Number(r.n)]))
  return docs.map((d) => {
    const c = campaignFromDoc(d)
    return {
      ...c,
      villageName: c.villageId === null ? null : (places.villages.get(c.villageId)?.name ?? null),
      candidateCount: candidateCountOf(d) ?? counts.get(c.id) ?? 0,
    }
  })
}

/** Nomination views with their campaign title, nominator's name and nominee household. */
export async function nominationViews(db: CloudDb, docs: Doc[]): Promise<NominationView[]> {
  const rows = docs.map(nominationFromDoc)
  const [campaigns, names, households] = await Promise.all([
    byIds(
      db,
      C.campaigns,
      rows.map((n) => n.campaignId),
    ),
    nicknames(
      db,
      rows.map((n) => n.nominatorId),
    ),
    householdViews(
      db,
      rows.map((n) => n.householdId),
    ),
  ])
  const views: NominationView[] = []
  for (const n of rows) {
    const campaign = campaigns.get(n.campaignId)
    const household = households.get(n.householdId)
    const nominatorName = names.get(n.nominatorId)
    // The SQLite reads join: a nomination whose campaign, nominator or household is gone is left out.
    if (!campaign || !household || nominatorName === undefined) continue
    views.push({
      ...n,
      campaignTitle: String(campaign.title),
      nominatorName,
      household: household as HouseholdView,
    })
  }
  return views
}
