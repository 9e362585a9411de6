// The selections' part of the Store: campaigns, nominations, atomic votes, results, and the
// notification outbox. Implemented by server/store/sqlite/campaigns.ts and
// server/store/cloud/campaigns*.ts.
import type { Keyset, Page, HouseholdView } from './common'
import type { CampaignRecord, NominationRecord, VoteRecord } from './records'

export interface CampaignView extends CampaignRecord {
  villageName: string | null
  candidateCount: number
}

export interface CampaignQuery {
  villageIds: string[] | null
  after?: Keyset
  limit: number
}

/** A nomination with the names around it. */
export interface NominationView extends NominationRecord {
  nominatorHouseholdId: string | null
  photos: string[]
  reason: string | null
  decidedBy: string | null
  decidedAt: number | null
  campaignTitle: string
  household: HouseholdView
  nominatorName: string
}

export interface NominationQuery {
  campaignId?: string
  status?: NominationRecord['status']
  /** Grids of the nominee households the caller reviews; null = all. */
  gridIds: string[] | null
  after?: Keyset
  limit: number
}

/** A new nomination and the slot it takes among its nominator's (1..limit). */
export interface NewNomination extends NominationRecord {
  /** Who the per-household limit counts on: the nominating household, or the staff user. */
  nominatorKey: string
  slotLimit: number
}

/** An approved candidate with its valid votes. */
export interface CandidateView {
  nominationId: string
  number: number
  household: HouseholdView
  story: string
  photos: string[]
  votes: number
}

/** A vote to cast; the store checks phase, candidate and limits inside one transaction. */
export interface CastVote {
  id: string
  campaignId: string
  nominationId: string
  voterId: string
  voterHouseholdId: string
  assistedBy: string | null
  now: number
  /** Asia/Shanghai day of `now`. */
  day: string
}

/** The vote a resident is about to cast, as ballot() reads it. */
export interface BallotQuery {
  campaignId: string
  nominationId: string
  voterId: string
  voterHouseholdId: string
  /** Asia/Shanghai day of the vote. */
  day: string
}

/**
 * A vote's campaign, read before it is cast (for the caller's access and scope). An adapter may
 * read more with it in the same request (the cloud: the candidate and the voter's votes of the
 * day), which castVote(v, ballot) then uses instead of reading them again.
 */
export interface Ballot {
  readonly campaign: CampaignView
}

export type VoteOutcome =
  | { ok: true; dayUsed: number; candidateUsed: number }
  | { ok: false; reason: 'notVoting' | 'notCandidate' | 'dayLimit' | 'candidateLimit' }

/** Votes a voter (or their household, under 一户一票) has used on a day. */
export interface VoteUsage {
  day: number
  perCandidate: Record<string, number>
}

export interface VoteView extends VoteRecord {
  campaignTitle: string
  candidateNumber: number
  candidateName: string
  voterName: string
  householdName: string
  assistedByName: string | null
  invalidation: { reason: string; at: number; byName: string } | null
}

/** A valid vote as the integrity report needs it. */
export interface IntegrityVote {
  nominationId: string
  createdAt: number
  assisted: boolean
  /** When the voter's binding to their household was approved. */
  boundAt: number | null
}

export interface ObjectionView {
  id: string
  campaignId: string
  userId: string
  householdId: string
  text: string
  createdAt: number
  authorName: string
  householdName: string
}

export interface OutboxRecord {
  id: string
  /** The same notification is written once (event, campaign, recipient). */
  dedupeKey: string
  event:
    | 'votingOpened'
    | 'resultsPublished'
    | 'nominated'
    | 'boardPublished'
    | 'boardWithdrawn'
    | 'activityCancelled'
    | 'activityPromoted'
    | 'activityReminder'
  campaignId: string | null
  /** What else it is about (a round's publication: `board:<roundId>:<publishedAt>`), or null. */
  topic?: string | null
  userId: string
  title: string
  body: string
  createdAt: number
}

/** What happened when a notification was sent through WeChat (null: only kept in the outbox). */
export interface OutboxDelivery {
  /** sent; refused = errCode 43101 (no subscription left); failed; skipped = no template/user. */
  outcome: 'sent' | 'refused' | 'failed' | 'skipped'
  errCode: number | null
}

export interface OutboxView extends OutboxRecord {
  recipientName: string
  delivery: OutboxDelivery | null
}

/** A resident a grid worker may vote for. */
export interface AssisteeView {
  userId: string
  nickname: string
  household: HouseholdView
}

/** Store.campaigns */
export interface CampaignsRepo {
  /** Campaigns ending last first, so running ones lead and closed ones trail. */
  list(q: CampaignQuery): Promise<Page<CampaignView>>
  get(id: string): Promise<CampaignView | null>
  /** Inserts a campaign or replaces its fields (same id). */
  save(campaign: CampaignRecord): Promise<void>
  /**
   * Ends `phase` at `at` by moving its end boundary there, once per phase (logged in
   * campaign_phase_closures); false when the phase is not current at `at` or was closed.
   */
  closePhase(c: {
    campaignId: string
    phase: 'nomination' | 'review' | 'voting' | 'publicity'
    at: number
    by: string
    reason: string
  }): Promise<boolean>
  /** Adds a nomination in the nominator's first free slot; UNIQUE keys decide. */
  nominate(n: NewNomination): Promise<'ok' | 'limit' | 'duplicate'>
  nomination(id: string): Promise<NominationView | null>
  nominations(q: NominationQuery): Promise<Page<NominationView>>
  /** Nominations a user made or whose nominee is their household, newest first. */
  nominationsOf(q: {
    userId: string
    householdId: string | null
    after?: Keyset
    limit: number
  }): Promise<Page<NominationView>>
  /** Decides a pending nomination; an approval takes the next candidate number. False if not pending. */
  decide(
    id: string,
    d: { status: 'approved' | 'rejected'; reason: string | null; by: string; at: number },
  ): Promise<boolean>
  /** Withdraws a pending or approved nomination; false otherwise. */
  withdraw(id: string, d: { reason: string | null; by: string; at: number }): Promise<boolean>
  /** Approved candidates by number, with valid votes. */
  candidates(q: { campaignId: string; after?: Keyset; limit: number }): Promise<Page<CandidateView>>
  /** All approved candidates with valid votes, and the campaign's vote totals. */
  tally(campaignId: string): Promise<{
    candidates: CandidateView[]
    valid: number
    invalidated: number
  }>
  /** The campaign of a vote about to be cast (null for none), with what casting it needs. */
  ballot(q: BallotQuery): Promise<Ballot | null>
  /**
   * Casts a vote: phase, candidate and every limit checked, the vote and its count on the
   * nomination written together (one transaction), each limit a unique slot key. `ballot`, read
   * for this vote, spares the adapter reading the campaign, candidate and slots again.
   */
  castVote(v: CastVote, ballot?: Ballot): Promise<VoteOutcome>
  usage(q: {
    campaignId: string
    voterId: string
    voterHouseholdId: string
    day: string
  }): Promise<VoteUsage>
  vote(id: string): Promise<VoteView | null>
  votes(q: {
    campaignId?: string
    nominationId?: string
    voterId?: string
    after?: Keyset
    limit: number
  }): Promise<Page<VoteView>>
  /** Throws UniqueViolation when the vote is already invalidated. */
  invalidate(voteId: string, d: { reason: string; by: string; at: number }): Promise<void>
  integrityVotes(campaignId: string): Promise<IntegrityVote[]>
  /** Bound residents of some grids (in a village or all), by nickname or head's name. */
  assistees(q: {
    gridIds: string[] | null
    villageId: string | null
    name: string
    after?: Keyset
    limit: number
  }): Promise<Page<AssisteeView>>
  addObjection(o: {
    id: string
    campaignId: string
    userId: string
    householdId: string
    text: string
    createdAt: number
  }): Promise<void>
  objections(q: { campaignId: string; after?: Keyset; limit: number }): Promise<Page<ObjectionView>>
  setSubscription(campaignId: string, userId: string, on: boolean, at: number): Promise<void>
  /** Subscribes a user to every campaign in their scope, or stops it. */
  setSubscriptionToAll(userId: string, on: boolean, at: number): Promise<void>
  isSubscribedToAll(userId: string): Promise<boolean>
  /** Subscribed to this campaign, or to all of them. */
  isSubscribed(campaignId: string, userId: string): Promise<boolean>
  /** Users subscribed to this campaign, and those subscribed to all whose household is in its scope. */
  subscribers(campaignId: string): Promise<string[]>
  /**
   * subscribers() a page at a time, by user id after `after` (null: from the first): for a
   * fan-out in bounded chunks. `next` is where the following page starts, null at the end; a
   * page may hold fewer than `limit` ids and still have a next.
   */
  subscriberPage(
    campaignId: string,
    after: string | null,
    limit: number,
  ): Promise<{ userIds: string[]; next: string | null }>
  /** Claims an event's key; true only for the first claim (the caller then sends it). */
  claimEvent(campaignId: string, event: string, at: number): Promise<boolean>
}

/** Store.notify */
export interface NotifyRepo {
  /** Writes notifications; one already written (same dedupeKey) is skipped. */
  append(items: OutboxRecord[]): Promise<void>
  /** The users sent a notification on this topic (any event), each once. */
  recipientsOf(topic: string): Promise<string[]>
  outbox(q: { after?: Keyset; limit: number }): Promise<Page<OutboxView>>
  /**
   * Records how an attempt to deliver a notification ended, and when to try again (a failed
   * one, while attempts are left) or null. Once recorded without a retry the outcome is final:
   * a later call for the same dedupe key changes nothing.
   */
  setDelivery(dedupeKey: string, delivery: OutboxDelivery, retryAt: number | null): Promise<void>
  /** Failed deliveries whose retry is due at `now`, earliest first, with their attempts so far. */
  dueRedeliveries(now: number, limit: number): Promise<(OutboxRecord & { attempts: number })[]>
}
