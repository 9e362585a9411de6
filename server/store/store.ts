// The one data-access interface. Every adapter (SQLite now, the WeChat cloud database
// later) implements it, and the same contract tests run against each. Methods are async
// so that a networked adapter fits; each method is atomic on its own.
import type {
  AuditRecord,
  GridRecord,
  GroupRecord,
  InviteRecord,
  BindingRecord,
  CampaignRecord,
  NominationRecord,
  VoteRecord,
  ColumnRecord,
  HouseholdRecord,
  NoticeRecord,
  AppealRecord,
  BoardEntryRecord,
  CriterionRecord,
  InspectionPhotoRecord,
  InspectionReason,
  InspectionRecord,
  ListKind,
  RubricRecord,
  RoundRecord,
  Snapshot,
  UserRecord,
  VillageRecord,
} from './records'

export * from './records'

/** Keyset position: the sort value and id of the last row of the previous page. */
export interface Keyset {
  at: number | string
  id: string
}

/**
 * A uniqueness rule of the database refused a write (a second binding, a duplicate name…).
 * Adapters throw this so that handlers can answer CONFLICT without knowing the database.
 */
export class UniqueViolation extends Error {
  constructor(readonly constraint: string) {
    super(`unique constraint: ${constraint}`)
    this.name = 'UniqueViolation'
  }
}

/** One page of rows; `next` is where the following page starts, null on the last one. */
export interface Page<T> {
  items: T[]
  next: Keyset | null
}

export interface VillageView extends VillageRecord {
  groupCount: number
  householdCount: number
}

export interface HouseholdView extends HouseholdRecord {
  villageName: string
  groupName: string
  gridName: string
}

export interface MemberView {
  bindingId: string
  userId: string
  nickname: string
  relation: 'head' | 'member'
}

export interface PlaceTree {
  village: VillageRecord & { householdCount: number }
  groups: (GroupRecord & { householdCount: number })[]
  grids: (GridRecord & { householdCount: number; workers: { id: string; nickname: string }[] })[]
}

export type PlaceKind = 'village' | 'group' | 'grid'

export interface HouseholdQuery {
  /** Grids the caller may see; null = all. */
  gridIds: string[] | null
  villageId?: string
  gridId?: string
  keyword?: string
  after?: Keyset
  limit: number
}

export interface BindingView extends BindingRecord {
  nickname: string
  household: HouseholdView
}

export interface StaffView extends UserRecord {
  householdLabel: string | null
  grids: { id: string; name: string; villageName: string }[]
}

/** One household as a roster file lists it. */
export interface RosterEntry {
  villageName: string
  groupName: string
  headName: string
  houseNo: string
  size: number
  phone: string | null
}

/** What a roster import writes, computed before anything is written. */
export interface RosterPlan {
  villages: VillageRecord[]
  groups: GroupRecord[]
  grids: GridRecord[]
  create: HouseholdRecord[]
  update: Pick<HouseholdRecord, 'id' | 'headName' | 'size' | 'phone' | 'groupId'>[]
}

export interface NoticeView extends NoticeRecord {
  columnName: string
  villages: { id: string; name: string }[]
  authorName: string
}

export interface NoticeQuery {
  now: number
  /** Villages whose notices the viewer sees besides township-wide ones; null = all. */
  villageIds: string[] | null
  columnId?: string
  keyword?: string
  pinned?: boolean
  after?: Keyset
  limit: number
}

/** Derived state of a notice: 'scheduled' and 'expired' come from the clock, not the row. */
export type NoticeState = 'draft' | 'scheduled' | 'published' | 'expired' | 'withdrawn'

export interface MyNoticesQuery {
  now: number
  /** Only this author's notices; null = everyone's (admins). */
  authorId: string | null
  status?: NoticeState
  after?: Keyset
  limit: number
}

/** What an edit may change on a notice. */
export type NoticePatch = Partial<
  Pick<
    NoticeRecord,
    | 'columnId'
    | 'title'
    | 'summary'
    | 'body'
    | 'villageIds'
    | 'pinned'
    | 'status'
    | 'publishAt'
    | 'expireAt'
    | 'cover'
    | 'images'
    | 'video'
  >
> & { updatedAt: number }

/** One uploaded file; its bytes live with the media storage, not in the database. */
export interface MediaRecord {
  /** The stored file's name, `<random id>.<ext>`; served at /media/<id>. */
  id: string
  ownerId: string
  kind: 'image' | 'video'
  mime: string
  bytes: number
  createdAt: number
}

export interface ScoreRow {
  householdId: string
  headName: string
  houseNo: string
  villageId: string
  villageName: string
  groupId: string
  groupName: string
  gridId: string
  /** Display order of the village and of the group (units are listed in this order). */
  villageSort: number
  groupSort: number
  showNameOnRed: boolean
  total: number
  /** Items where points were deducted. */
  deductedItems: number
}

/** A round with the version number of the rubric it was opened with. */
export interface RoundView extends RoundRecord {
  rubricVersion: number
}

/** A rubric version with its criteria in order. */
export interface RubricView extends RubricRecord {
  criteria: CriterionRecord[]
}

/** A saved inspection version, everything filled in. */
export interface InspectionView extends InspectionRecord {
  inspectorName: string
  deductedItems: number
  reason: InspectionReason
  clientId: string | null
  photos: InspectionPhotoRecord[]
  items: (InspectionRecord['items'][number] & { deductions: number })[]
}

/** A line of a frozen list with the household's names and consent as they are now. */
export interface BoardEntryView extends BoardEntryRecord {
  headName: string
  houseNo: string
  villageId: string
  villageName: string
  groupId: string
  groupName: string
  gridId: string
  villageSort: number
  groupSort: number
  showNameOnRed: boolean
}

/** A household of the inspection walk list and its current score in the round. */
export interface InspectableRow {
  householdId: string
  headName: string
  houseNo: string
  villageName: string
  groupId: string
  groupName: string
  total: number | null
  version: number | null
}

export interface AppealView extends AppealRecord {
  household: HouseholdView
  appellantName: string
  roundTitle: string
}

/** A household's score in one published round. */
export interface HistoryRow {
  roundId: string
  month: string
  title: string
  windowStart: number
  score: number
  list: 'red' | 'black' | null
  rectified: boolean
}

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
  event: 'votingOpened' | 'resultsPublished' | 'nominated'
  campaignId: string | null
  userId: string
  title: string
  body: string
  createdAt: number
}

export interface OutboxView extends OutboxRecord {
  recipientName: string
}

/** A resident a grid worker may vote for. */
export interface AssisteeView {
  userId: string
  nickname: string
  household: HouseholdView
}

/** One village's published and adopted notices in a period (信息报送考核). */
export interface FilingCount {
  villageId: string
  count: number
  adopted: number
}

export interface FiledNoticeRow {
  id: string
  title: string
  publishAt: number
  adoptedAt: number | null
}

export interface NoticeAdoption {
  status: NoticeRecord['status']
  publishAt: number
  adoptedAt: number | null
}

export interface Store {
  users: {
    byOpenid(openid: string): Promise<UserRecord | null>
    /** Returns the user with this openid, creating a visitor on first sight. */
    ensure(openid: string, now: number): Promise<UserRecord>
    update(id: string, patch: Pick<UserRecord, 'nickname'>): Promise<UserRecord>
    get(id: string): Promise<UserRecord | null>
    /** Users by nickname, openid or bound household head; newest first. */
    search(q: { keyword: string; after?: Keyset; limit: number }): Promise<Page<StaffView>>
    staff(): Promise<StaffView[]>
    view(id: string): Promise<StaffView | null>
    /** Sets or clears the appointed role; clearing also removes the user from their grids. */
    setStaffRole(id: string, role: UserRecord['staffRole']): Promise<void>
    countAdmins(): Promise<number>
  }
  places: {
    villages(): Promise<VillageView[]>
    household(id: string): Promise<HouseholdView | null>
    /** Villages of the grids a grid worker serves. */
    gridVillageIds(userId: string): Promise<string[]>
    /** Grids a grid worker serves. */
    gridIds(userId: string): Promise<string[]>
    approvedBinding(userId: string): Promise<BindingRecord | null>
    tree(): Promise<PlaceTree[]>
    get(
      kind: PlaceKind,
      id: string,
    ): Promise<{ id: string; villageId: string; archived: boolean } | null>
    create(kind: 'village', record: VillageRecord): Promise<void>
    create(kind: 'group', record: GroupRecord): Promise<void>
    create(kind: 'grid', record: GridRecord): Promise<void>
    rename(kind: PlaceKind, id: string, name: string, code?: string | null): Promise<void>
    archive(kind: PlaceKind, id: string, archivedAt: number | null): Promise<void>
    assignWorker(gridId: string, userId: string): Promise<void>
    removeWorker(gridId: string, userId: string): Promise<void>
  }
  households: {
    list(q: HouseholdQuery): Promise<Page<HouseholdView>>
    members(householdId: string): Promise<MemberView[]>
    update(
      id: string,
      patch: Partial<Pick<HouseholdRecord, 'headName' | 'size' | 'phone' | 'groupId' | 'gridId'>>,
    ): Promise<void>
    find(villageId: string, headName: string, houseNo: string): Promise<HouseholdView | null>
    createInvite(invite: InviteRecord): Promise<void>
    /** Marks an unused, unexpired invite used; returns its household id, or null. */
    useInvite(code: string, userId: string, now: number): Promise<string | null>
  }
  bindings: {
    get(id: string): Promise<BindingView | null>
    /** Throws UniqueViolation when the user already has a pending or approved binding. */
    create(binding: BindingRecord): Promise<void>
    /** The user's latest request still pending or rejected, if they are not bound. */
    openRequest(userId: string): Promise<BindingView | null>
    pending(q: {
      gridIds: string[] | null
      after?: Keyset
      limit: number
    }): Promise<Page<BindingView>>
    /** Moves a binding from one status to another; false when it was no longer in `from`. */
    transition(
      id: string,
      from: BindingRecord['status'],
      to: BindingRecord['status'],
      decision: { by: string; at: number; reason: string | null },
    ): Promise<boolean>
  }
  roster: {
    /** Every household with its village and group names, for diffing and export. */
    entries(villageId?: string): Promise<(RosterEntry & { householdId: string })[]>
    /** Writes a plan in one transaction. */
    apply(plan: RosterPlan): Promise<void>
  }
  reach: {
    /** Records that a household opened a notice; the first time counts, later ones are ignored. */
    markRead(noticeId: string, householdId: string, at: number): Promise<void>
    /**
     * Households in the notice's villages (every village when `villageIds` is empty) and in
     * `gridIds` (null = all) that have not opened it, by 门牌号; plus the totals.
     */
    unreached(q: {
      noticeId: string
      villageIds: string[]
      gridIds: string[] | null
      after?: Keyset
      limit: number
    }): Promise<Page<HouseholdView> & { inScope: number; reached: number }>
  }
  settings: {
    get(key: string): Promise<string | null>
    set(key: string, value: string): Promise<void>
    /** Deletes and returns a value atomically, so a one-time secret is used once. */
    take(key: string): Promise<string | null>
  }
  columns: {
    /** The visible columns in display order. */
    list(): Promise<ColumnRecord[]>
    get(id: string): Promise<ColumnRecord | null>
    /** Every column in display order, hidden ones too, with its published notices' count. */
    all(): Promise<(ColumnRecord & { noticeCount: number })[]>
    /** Adds a visible column after the last one; throws UniqueViolation on a taken name. */
    create(column: { id: string; name: string }): Promise<void>
    /** Throws UniqueViolation on a taken name. */
    rename(id: string, name: string): Promise<void>
    /**
     * Sets the order to `ids` in one transaction; false (and nothing written) unless `ids`
     * is exactly every existing column once.
     */
    reorder(ids: readonly string[]): Promise<boolean>
    setHidden(id: string, hidden: boolean): Promise<void>
  }
  notices: {
    list(query: NoticeQuery): Promise<Page<NoticeView>>
    get(id: string): Promise<NoticeView | null>
    create(notice: NoticeRecord): Promise<NoticeView>
    /** Changes a notice (and its village links) in one transaction; returns the new view. */
    update(id: string, patch: NoticePatch): Promise<NoticeView>
    /** Notices in every state, last updated first, optionally one author's and one state. */
    mine(query: MyNoticesQuery): Promise<Page<NoticeView>>
    countView(id: string): Promise<void>
  }
  media: {
    create(record: MediaRecord): Promise<void>
    get(id: string): Promise<MediaRecord | null>
  }
  filing: {
    /**
     * Per village, notices published in [from, to) and already public at `now` (a notice
     * of several villages counts for each; township-wide ones for none), and how many of
     * those are adopted. Villages without any are left out.
     */
    villageCounts(q: { from: number; to: number; now: number }): Promise<FilingCount[]>
    /** A village's notices counted by villageCounts, oldest first. */
    villageNotices(q: {
      villageId: string
      from: number
      to: number
      now: number
    }): Promise<FiledNoticeRow[]>
    /** A notice's state as adoption needs it, or null when there is no such notice. */
    adoption(noticeId: string): Promise<NoticeAdoption | null>
    /** Marks (adoptedAt and by set) or unmarks (both null) a notice 被上级采用. */
    setAdopted(noticeId: string, adoptedAt: number | null, by: string | null): Promise<void>
  }
  board: {
    /** Rounds newest first; `publishedOnly` hides rounds still being inspected. */
    rounds(q: { publishedOnly: boolean; after?: Keyset; limit: number }): Promise<Page<RoundView>>
    round(id: string): Promise<RoundView | null>
    /** The latest round that opened before this one (for 进步榜), or null. */
    previousRound(id: string): Promise<RoundView | null>
    /** Throws UniqueViolation when the month already has a round. */
    createRound(round: RoundRecord): Promise<void>
    /**
     * Marks an open round published and writes its frozen lists in one transaction; false
     * (nothing written) when the round was not open any more.
     */
    publish(
      roundId: string,
      at: { publishedAt: number; publicityEndsAt: number },
      entries: BoardEntryRecord[],
    ): Promise<boolean>
    /** Frozen list lines in list order, optionally of one list, village or household. */
    entries(q: {
      roundId: string
      list?: ListKind
      villageId?: string
      householdId?: string
    }): Promise<BoardEntryView[]>
    /** Marks a black-list line 已整改 (once); false when there is no unmarked line. */
    markRectified(roundId: string, householdId: string, at: number): Promise<boolean>
    /** Each inspected household's latest score in a round, optionally for one village. */
    scores(roundId: string, villageId?: string): Promise<ScoreRow[]>
    /** The item points of every household's latest inspection in a round (exports). */
    roundItems(
      roundId: string,
    ): Promise<{ householdId: string; criterionId: string; points: number; note: string }[]>
    rubric(id: string): Promise<RubricView | null>
    /** The newest rubric version. */
    currentRubric(): Promise<RubricView | null>
    rubrics(q: { after?: Keyset; limit: number }): Promise<Page<RubricView>>
    /** Saves a rubric as the next version (assigned atomically) with its criteria. */
    saveRubric(
      rubric: Omit<RubricRecord, 'version'>,
      criteria: Omit<CriterionRecord, 'rubricId'>[],
    ): Promise<RubricView>
    /** Households of `gridIds` (null = all) by 门牌号, with their latest score in the round. */
    inspectables(q: {
      roundId: string
      gridIds: string[] | null
      keyword?: string
      groupId?: string
      done?: boolean
      after?: Keyset
      limit: number
    }): Promise<
      Page<InspectableRow> & {
        total: number
        doneCount: number
        groups: { id: string; name: string; villageName: string }[]
      }
    >
    /** A household's versions in a round, newest first. */
    inspections(roundId: string, householdId: string): Promise<InspectionView[]>
    byClientId(clientId: string): Promise<InspectionView | null>
    /**
     * Adds the next version of a household's inspection in one transaction (it becomes the
     * latest; the older ones stay). Throws UniqueViolation when the clientId was used.
     */
    addInspection(
      inspection: Omit<InspectionRecord, 'version' | 'reason'> & { reason?: 'appeal' },
    ): Promise<InspectionView>
    /** Throws UniqueViolation when the household already has a pending appeal in the round. */
    createAppeal(appeal: AppealRecord): Promise<void>
    appeal(id: string): Promise<AppealView | null>
    /** Appeals of households in `gridIds` (null = all): pending oldest first, decided newest first. */
    appeals(q: {
      gridIds: string[] | null
      status?: 'pending' | 'decided'
      roundId?: string
      householdId?: string
      after?: Keyset
      limit: number
    }): Promise<Page<AppealView>>
    /** Rejects a pending appeal; false when it was no longer pending. */
    rejectAppeal(id: string, decision: { by: string; at: number; reason: string }): Promise<boolean>
    /**
     * Decides a pending appeal by a re-inspection in one transaction: adds the inspection,
     * marks the appeal and rewrites the round's frozen lists (keeping 已整改 marks). Null,
     * with nothing written, when the appeal was no longer pending.
     */
    reinspectAppeal(
      id: string,
      inspection: Omit<InspectionRecord, 'version' | 'reason'>,
      decision: { by: string; at: number },
      entries: BoardEntryRecord[] | null,
    ): Promise<InspectionView | null>
    /** A household's scores in published rounds, oldest first. */
    history(householdId: string, q: { after?: Keyset; limit: number }): Promise<Page<HistoryRow>>
    setShowNameOnRed(householdId: string, show: boolean): Promise<void>
  }
  campaigns: {
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
    candidates(q: {
      campaignId: string
      after?: Keyset
      limit: number
    }): Promise<Page<CandidateView>>
    /** All approved candidates with valid votes, and the campaign's vote totals. */
    tally(campaignId: string): Promise<{
      candidates: CandidateView[]
      valid: number
      invalidated: number
    }>
    /** Casts a vote atomically: phase, candidate and every limit in one transaction. */
    castVote(v: CastVote): Promise<VoteOutcome>
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
    objections(q: {
      campaignId: string
      after?: Keyset
      limit: number
    }): Promise<Page<ObjectionView>>
    setSubscription(campaignId: string, userId: string, on: boolean, at: number): Promise<void>
    /** Subscribes a user to every campaign in their scope, or stops it. */
    setSubscriptionToAll(userId: string, on: boolean, at: number): Promise<void>
    isSubscribedToAll(userId: string): Promise<boolean>
    /** Subscribed to this campaign, or to all of them. */
    isSubscribed(campaignId: string, userId: string): Promise<boolean>
    /** Users subscribed to this campaign, and those subscribed to all whose household is in its scope. */
    subscribers(campaignId: string): Promise<string[]>
    /** Claims an event's key; true only for the first claim (the caller then sends it). */
    claimEvent(campaignId: string, event: string, at: number): Promise<boolean>
  }
  notify: {
    /** Writes notifications; one already written (same dedupeKey) is skipped. */
    append(items: OutboxRecord[]): Promise<void>
    outbox(q: { after?: Keyset; limit: number }): Promise<Page<OutboxView>>
  }
  audit: {
    append(entries: AuditRecord[]): Promise<void>
    /** Newest first, for admins and tests. */
    recent(limit: number): Promise<(AuditRecord & { id: number })[]>
  }
  /** Bulk-loads a snapshot in one transaction (used by the seed). */
  importSnapshot(snapshot: Snapshot): Promise<void>
  /** True when no village exists yet (a fresh database). */
  isEmpty(): Promise<boolean>
  close(): Promise<void>
}
