// The one data-access interface. Two adapters implement it — SQLite (server/store/sqlite, the
// embedded server) and the WeChat cloud database (server/store/cloud, the cloud function) — and
// the same contract tests and API suite run against each. Methods are async
// so that a networked adapter fits; each method is atomic on its own.
import type {
  AuditRecord,
  GridRecord,
  GroupRecord,
  InviteRecord,
  BindingRecord,
  ColumnRecord,
  HouseholdRecord,
  NoticeRecord,
  Snapshot,
  UserRecord,
  VillageRecord,
} from './records'
import type { BoardRepo } from './board-repo'
import type { ActivitiesRepo } from './activities-repo'
import type { CampaignsRepo, NotifyRepo } from './campaigns-repo'
import type { DoorplateRepo } from './doorplate-repo'
import type { BroadcastRepo } from './broadcast-repo'
import type { HouseholdView, Keyset, Page } from './common'

export * from './records'
export * from './common'
export * from './board-repo'
export * from './campaigns-repo'
export * from './activities-repo'
export * from './doorplate-repo'
export * from './broadcast-repo'

/** A write's answer as kept under an idempotency key. */
export interface KeptAnswer {
  /** 'pending' while the write runs (cloud), 'done' with its answer after. */
  status: 'pending' | 'done'
  /** The action and input the key was first used with. */
  fingerprint: string
  answer: unknown
  /** When the key was claimed. */
  at: number
}

export interface VillageView extends VillageRecord {
  groupCount: number
  householdCount: number
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
  groupId?: string
  keyword?: string
  after?: Keyset
  limit: number
}

export interface BindingView extends BindingRecord {
  nickname: string
  household: HouseholdView
}

/** A user as identify sees them (Store.users.identity). */
export interface Identity {
  user: UserRecord
  binding: BindingRecord | null
  household: HouseholdView | null
  /** Grids the user serves as a grid worker (archived ones left out); none for anyone else. */
  gridIds: string[]
  /** The villages of those grids. */
  gridVillageIds: string[]
  /** The user's session version (Store.users.sessionVersion): older tokens are void. */
  sessionVersion: number
}

export interface StaffView extends UserRecord {
  householdLabel: string | null
  /** The approved household, with its phone in full (masked by the handler). */
  household: { villageName: string; houseNo: string; headName: string; phone: string | null } | null
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

/**
 * Where an uploaded file stands with the content check: `pending` from the upload slot until
 * the verdict arrives, then `pass`, `risky` or `review` (WeChat's suggest values). Files
 * checked while they were uploaded (media.upload) are `pass` at once.
 */
export type MediaStatus = 'pending' | 'pass' | 'risky' | 'review'

/** One uploaded file; its bytes live with the media storage, not in the database. */
export interface MediaRecord {
  /** The stored file's name, `<random id>.<ext>`; served at /media/<id>. */
  id: string
  ownerId: string
  kind: 'image' | 'video'
  mime: string
  /** The file's size; 0 for a cloud upload, whose bytes the server never sees. */
  bytes: number
  createdAt: number
  status: MediaStatus
  /** Cloud storage: the path reserved for the phone's upload, `media/<yyyy-mm>/<id>`. */
  cloudPath: string | null
  /** Cloud storage: the `cloud://` fileID, once registered; null while only reserved. */
  fileId: string | null
  /** The asynchronous image check's trace_id, matching its verdict event. */
  traceId: string | null
  /**
   * When a record (notice, nomination, appeal, inspection) first took the file; null while
   * none has. Files still unused 7 days after their upload are deleted (media-sweep.ts).
   */
  usedAt: number | null
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
    /**
     * The user with this openid and all that identifies them as a caller: the approved binding,
     * its household, and (grid workers only) the unarchived grids they serve and those grids'
     * villages. One read: on the cloud a single aggregate with lookups. Null for no such user.
     */
    identity(openid: string): Promise<Identity | null>
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
    /** The session version of the user with this openid (0 for none): tokens signed at an older one are void. */
    sessionVersion(openid: string): Promise<number>
    /** Ends every session of the user (sign-out, a lost phone); returns the new version. */
    endSessions(id: string): Promise<number>
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
    /** members() of several households at once (a page of a list), by household id. */
    membersOf(householdIds: readonly string[]): Promise<Map<string, MemberView[]>>
    update(
      id: string,
      patch: Partial<Pick<HouseholdRecord, 'headName' | 'size' | 'phone' | 'groupId' | 'gridId'>>,
    ): Promise<void>
    find(villageId: string, headName: string, houseNo: string): Promise<HouseholdView | null>
    createInvite(invite: InviteRecord): Promise<void>
    /** Marks an unused, unexpired invite used; returns its household id, or null. */
    useInvite(code: string, userId: string, now: number): Promise<string | null>
    /**
     * Gives up to `limit` households stored without a walking-order key (written before it
     * existed) their key; returns how many. Lists page by that key.
     */
    fillSortKeys(limit: number): Promise<number>
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
    /**
     * The roster of a village (or the whole town), in export order. With `named`, only the
     * households those (村, 门牌号) pairs name: an import reads what its rows name, no more.
     */
    entries(
      villageId?: string,
      named?: readonly { villageName: string; houseNo: string }[],
    ): Promise<(RosterEntry & { householdId: string })[]>
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
    /** The records of these ids that exist, in no particular order. */
    many(ids: readonly string[]): Promise<MediaRecord[]>
    /**
     * Records the uploaded file of a reserved record: only while its fileId is still null
     * (atomically: two registrations of one slot cannot both win). False when already
     * registered or unknown.
     */
    register(
      id: string,
      file: { fileId: string; traceId: string | null; status: MediaStatus },
    ): Promise<boolean>
    /**
     * Settles the check of the record with this trace id, only while it is pending; returns
     * the record as it now is, or null when no pending record has that trace id.
     */
    settle(traceId: string, status: Exclude<MediaStatus, 'pending'>): Promise<MediaRecord | null>
    /** Marks these files as used by a record at `at` (files already used keep their time). */
    markUsed(ids: readonly string[], at: number): Promise<void>
    /** Files no record has used, uploaded before `createdBefore`; oldest first. */
    unused(q: { createdBefore: number; limit: number }): Promise<MediaRecord[]>
    /**
     * Deletes the record of a file only while no record uses it (atomically: a file taken by
     * a record meanwhile stays). True when it was deleted.
     */
    removeUnused(id: string): Promise<boolean>
    /** Files waiting for a person's decision (status `review`), newest first. */
    held(limit: number): Promise<MediaRecord[]>
    /**
     * Moves a file from status `from` to `to`, only while it is still `from`; answers the
     * record as it now is, or null when it is unknown or no longer `from`.
     */
    decide(
      id: string,
      from: MediaStatus,
      to: Exclude<MediaStatus, 'pending'>,
    ): Promise<MediaRecord | null>
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
  board: BoardRepo
  campaigns: CampaignsRepo
  /** 户码: one random code per household. */
  doorplates: DoorplateRepo
  /** 大喇叭: scripts and each village's 广播安排. */
  broadcast: BroadcastRepo
  notify: NotifyRepo
  activities: ActivitiesRepo
  /** Rate-limit counters: one per caller, class and fixed window (server/limits.ts). */
  limits: {
    /**
     * Adds `amount` to the counter `key` (created for the window ending at `expiresAt`); answers
     * its new value. With a `limit`, an amount that would take the counter past it is not added
     * (the answer, the count plus the amount, is then above the limit): concurrent takes never
     * refuse one another early. An amount that was added under a `limit` may be answered with
     * any value from the amount to the limit: the cloud adapter's conditional increment knows
     * that it fit, not what it came to, and reading it back would cost a request per call.
     */
    take(key: string, amount: number, expiresAt: number, limit?: number): Promise<number>
    /** Forgets counters whose window ended before `before`, at most `limit`; returns how many. */
    expire(before: number, limit: number): Promise<number>
  }
  /** Answers of writes kept under the caller's idempotency key, so that a retry gets them back. */
  idempotency: {
    get(scope: string): Promise<KeptAnswer | null>
    /** Claims `scope` for a write about to run; false when it is claimed already. */
    claim(scope: string, fingerprint: string, at: number): Promise<boolean>
    /** Keeps the write's answer under its claim. */
    complete(scope: string, answer: unknown, at: number): Promise<void>
    /** Forgets a claim whose write was refused (and so wrote nothing). */
    release(scope: string): Promise<void>
    /** Forgets what was claimed before `before`, at most `limit` keys; returns how many. */
    expire(before: number, limit: number): Promise<number>
    /**
     * Keeps a finished write's key and answer in one insert. Only where a unit of work is one transaction that no other write
     * interleaves with (SQLite): a key looked up and not found then stays free until the unit
     * ends, so the write needs no claim before it and no update after. Where it is missing
     * (the cloud), the write claims first. A key kept already fails the insert (unique key).
     */
    keep?(scope: string, fingerprint: string, answer: unknown, at: number): Promise<void>
  }
  audit: {
    /** Entries with a `key` are written once per key: appending one again changes nothing. */
    append(entries: AuditRecord[]): Promise<void>
    /** Newest first, for admins and tests. */
    recent(limit: number): Promise<(AuditRecord & { id: number })[]>
  }
  /**
   * Runs one request's work as a unit. SQLite: one transaction, all or nothing, one unit at a
   * time (a write holds the write lock from its start; a read sees one snapshot). Cloud: no
   * transaction can span queries there, so the work runs as it is and the router makes a
   * retried write safe with idempotency keys and audit entries under deterministic ids.
   */
  unitOfWork<T>(work: () => Promise<T>, mode: 'read' | 'write'): Promise<T>
  /**
   * Runs `work` inside the current unit so that, when it throws, only what `work` wrote is
   * undone and the unit goes on: the router keeps a call's rate-limit draws and its refusal's
   * audit entry in the call's own unit this way (one transaction, not three). SQLite: a
   * SAVEPOINT. Cloud: nothing is ever undone there, so the work runs as it is.
   */
  attempt<T>(work: () => Promise<T>): Promise<T>
  /** Bulk-loads a snapshot in one transaction (used by the seed). */
  importSnapshot(snapshot: Snapshot): Promise<void>
  /** True when no village exists yet (a fresh database). */
  isEmpty(): Promise<boolean>
  close(): Promise<void>
}
