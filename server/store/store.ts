// The one data-access interface. Every adapter (SQLite now, the WeChat cloud database
// later) implements it, and the same contract tests run against each. Methods are async
// so that a networked adapter fits; each method is atomic on its own.
import type {
  AuditRecord,
  BindingRecord,
  CampaignRecord,
  ColumnRecord,
  HouseholdRecord,
  NoticeRecord,
  RoundRecord,
  Snapshot,
  UserRecord,
  VillageRecord,
} from './records'

export * from './records'

/** Keyset position: the sort value and id of the last row of the previous page. */
export interface Keyset {
  at: number
  id: string
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

export interface ScoreRow {
  householdId: string
  headName: string
  houseNo: string
  villageId: string
  villageName: string
  groupName: string
  showNameOnRed: boolean
  total: number
  /** Items where points were deducted. */
  deductedItems: number
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

export interface Store {
  users: {
    byOpenid(openid: string): Promise<UserRecord | null>
    /** Returns the user with this openid, creating a visitor on first sight. */
    ensure(openid: string, now: number): Promise<UserRecord>
    update(id: string, patch: Pick<UserRecord, 'nickname'>): Promise<UserRecord>
  }
  places: {
    villages(): Promise<VillageView[]>
    household(id: string): Promise<HouseholdView | null>
    /** Villages of the grids a grid worker serves. */
    gridVillageIds(userId: string): Promise<string[]>
    approvedBinding(userId: string): Promise<BindingRecord | null>
  }
  columns: {
    list(): Promise<ColumnRecord[]>
    get(id: string): Promise<ColumnRecord | null>
  }
  notices: {
    list(query: NoticeQuery): Promise<Page<NoticeView>>
    get(id: string): Promise<NoticeView | null>
    create(notice: NoticeRecord): Promise<NoticeView>
    countView(id: string): Promise<void>
  }
  board: {
    /** Rounds newest first; `publishedOnly` hides rounds still being inspected. */
    rounds(q: { publishedOnly: boolean; after?: Keyset; limit: number }): Promise<Page<RoundRecord>>
    round(id: string): Promise<RoundRecord | null>
    /** Each inspected household's latest score in a round, optionally for one village. */
    scores(roundId: string, villageId?: string): Promise<ScoreRow[]>
  }
  campaigns: {
    /** Campaigns ending last first, so running ones lead and closed ones trail. */
    list(q: CampaignQuery): Promise<Page<CampaignView>>
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
