// Rows as the Store keeps them. Moments are epoch milliseconds (UTC); ids are strings.

export type StaffRole = 'admin' | 'gridWorker'

export interface UserRecord {
  id: string
  openid: string
  nickname: string
  /** Appointed role; residents and visitors have none (their role comes from binding). */
  staffRole: StaffRole | null
  createdAt: number
}

export interface VillageRecord {
  id: string
  name: string
  /** 12-digit administrative code, when known. */
  code: string | null
  sort: number
  archivedAt: number | null
}

export interface GroupRecord {
  id: string
  villageId: string
  name: string
  sort: number
  archivedAt?: number | null
}

export interface GridRecord {
  id: string
  villageId: string
  name: string
  archivedAt?: number | null
}

export interface GridWorkerRecord {
  gridId: string
  userId: string
}

export interface HouseholdRecord {
  id: string
  villageId: string
  groupId: string
  gridId: string
  headName: string
  houseNo: string
  size: number
  phone: string | null
  /** Consent to show the head's full name on the red list. */
  showNameOnRed: boolean
  createdAt: number
}

export type BindingStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'unbound'

export interface BindingRecord {
  id: string
  userId: string
  householdId: string
  relation: 'head' | 'member'
  status: BindingStatus
  createdAt: number
  decidedBy: string | null
  decidedAt: number | null
  reason: string | null
}

export interface InviteRecord {
  code: string
  householdId: string
  createdBy: string
  createdAt: number
  expiresAt: number
}

export interface ColumnRecord {
  id: string
  name: string
  sort: number
  hidden: boolean
}

export type NoticeStatus = 'draft' | 'published' | 'withdrawn'

export interface NoticeRecord {
  id: string
  columnId: string
  title: string
  summary: string
  body: string
  /** Empty for a township-wide notice. */
  villageIds: string[]
  pinned: boolean
  status: NoticeStatus
  authorId: string
  publishAt: number
  expireAt: number | null
  createdAt: number
  updatedAt: number
  viewCount: number
  /** Cover picture (a media URL). */
  cover?: string | null
  /** Gallery pictures (media URLs). */
  images?: string[]
  video?: string | null
  /** When an admin marked it 被上级采用 (信息报送考核). */
  adoptedAt?: number | null
}

export interface RubricRecord {
  id: string
  version: number
  name: string
  createdAt: number
}

export interface CriterionRecord {
  id: string
  rubricId: string
  category: string
  name: string
  maxPoints: number
  deductionPerItem: number
  hint: string
  sort: number
}

export interface RoundRecord {
  id: string
  month: string
  title: string
  rubricId: string
  status: 'open' | 'published'
  windowStart: number
  windowEnd: number
  /** How far the lists reach: each village group, each village, the township. */
  scope: 'group' | 'village' | 'township'
  /** Red list: score at or above this; null = by count only. */
  redThreshold: number | null
  /** Red list: the best N per scope unit; null = by threshold only. */
  redTopN: number | null
  /** Black list: score below this; null = by count only. */
  blackThreshold: number | null
  blackBottomN: number | null
  publicityDays: number
  rectificationDays: number
  publishedAt: number | null
  publicityEndsAt: number | null
  createdAt: number
}

/**
 * One item as the inspector entered it (contract/scoring.ts): never a score; the item's score
 * is `itemScore(criterion, item)`.
 */
export interface InspectionItem {
  criterionId: string
  /** Points given to a directly scored item; null on a deduction item. */
  points: number | null
  /** Problems found on a deduction item; 0 on a directly scored item. */
  deductions: number
  note: string
}

export interface InspectionPhotoRecord {
  url: string
  takenAt: number
}

export type InspectionReason = 'first' | 'reinspect' | 'appeal'

export interface InspectionRecord {
  id: string
  roundId: string
  householdId: string
  inspectorId: string
  /** A re-inspection adds version n+1 and keeps the older ones. */
  version: number
  total: number
  createdAt: number
  items: InspectionItem[]
  /** Items where points were taken off (ties on the lists); derived from items when absent. */
  deductedItems?: number
  reason?: InspectionReason
  /** The phone's id of this save, so that a resend creates nothing new. */
  clientId?: string | null
  photos?: InspectionPhotoRecord[]
}

export type ListKind = 'red' | 'black' | 'progress'

/** One line of a published (frozen) list. */
export interface BoardEntryRecord {
  roundId: string
  list: ListKind
  householdId: string
  /** Order of the whole list: scope unit, then rank. */
  position: number
  unitKey: string
  unitName: string
  rank: number
  score: number
  deductedItems: number
  previousScore: number | null
  /** Black list: when a re-inspection reached the threshold (已整改). */
  rectifiedAt: number | null
}

export type AppealStatus = 'pending' | 'reinspected' | 'rejected'

export interface AppealRecord {
  id: string
  roundId: string
  householdId: string
  userId: string
  text: string
  photos: InspectionPhotoRecord[]
  status: AppealStatus
  scoreBefore: number
  scoreAfter: number | null
  /** The re-inspection that decided it. */
  inspectionId: string | null
  reason: string | null
  decidedBy: string | null
  decidedAt: number | null
  createdAt: number
}

export type CampaignType =
  'civilizedFamily' | 'goodNeighbor' | 'goodInLaws' | 'beautifulCourtyard' | 'custom'

/** A campaign's rules (contract/campaigns.ts campaignRulesSchema says what each means). */
export interface CampaignRules {
  nominators: 'residents' | 'gridWorkers'
  selfNomination: boolean
  nominationsPerHousehold: number
  votesPerDay: number
  votesPerCandidatePerDay: number
  counting: 'perPerson' | 'perHousehold'
  liveCounts: boolean
  winners: number
}

export interface CampaignRecord {
  id: string
  type: CampaignType
  /** The name of a 'custom' campaign's kind. */
  customTypeName: string | null
  title: string
  description: string
  /** Null for a township-wide campaign. */
  villageId: string | null
  nominationStartsAt: number
  reviewStartsAt: number
  votingStartsAt: number
  votingEndsAt: number
  publicityEndsAt: number
  rules: CampaignRules
  createdAt: number
}

export type NominationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'

export interface NominationRecord {
  id: string
  campaignId: string
  householdId: string
  nominatorId: string
  /** The nominator's household (null for staff without one): nominations per household count on it. */
  nominatorHouseholdId?: string | null
  story: string
  photos?: string[]
  status: NominationStatus
  /** Candidate number, given on approval. */
  number: number | null
  /** Why it was rejected or withdrawn. */
  reason?: string | null
  decidedBy?: string | null
  decidedAt?: number | null
  createdAt: number
}

export interface VoteRecord {
  id: string
  campaignId: string
  nominationId: string
  voterId: string
  voterHouseholdId: string
  /** Asia/Shanghai calendar day of the vote, for per-day limits. */
  day: string
  assistedBy: string | null
  createdAt: number
}

export interface AuditRecord {
  /** Deterministic per request and entry, so that a repeated append writes nothing twice. */
  key?: string
  requestId: string
  actorId: string | null
  actorRole: string
  action: string
  target: string | null
  before: unknown
  after: unknown
  at: number
}

/** Everything the seed writes, in one go. */
export interface Snapshot {
  users: UserRecord[]
  villages: VillageRecord[]
  groups: GroupRecord[]
  grids: GridRecord[]
  gridWorkers: GridWorkerRecord[]
  households: HouseholdRecord[]
  bindings: BindingRecord[]
  columns: ColumnRecord[]
  notices: NoticeRecord[]
  rubrics: RubricRecord[]
  criteria: CriterionRecord[]
  rounds: RoundRecord[]
  inspections: InspectionRecord[]
  /** Frozen lists of published rounds. */
  boardEntries?: BoardEntryRecord[]
  appeals?: AppealRecord[]
  campaigns: CampaignRecord[]
  nominations: NominationRecord[]
  votes: VoteRecord[]
}
