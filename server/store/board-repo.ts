// The red and black list's part of the Store: rubrics, rounds, inspections, frozen lists,
// appeals and history. Implemented by server/store/sqlite/board.ts and
// server/store/cloud/board*.ts.
import type { Keyset, Page, HouseholdView } from './common'
import type {
  AppealRecord,
  BoardEntryRecord,
  CriterionRecord,
  InspectionPhotoRecord,
  InspectionReason,
  InspectionItem,
  InspectionRecord,
  ListKind,
  RoundRecord,
  RubricRecord,
} from './records'

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
  /** Its publish job while one runs (or failed), else absent. */
  publishing?: PublishProgress
  /**
   * Which stored set of frozen lines is current, as read with the round (the cloud adapter's
   * generation; SQLite leaves it out). Passed back to `entries`, it saves reading the round again.
   */
  listsVersion?: string | null
}

/**
 * A round's lists being published as a job in chunks (the cloud adapter at county size): the
 * timer runs one bounded step at a time — collect the scores, write the lines village by
 * village under a new generation, flip the round to it, then tell the listed households.
 */
export interface PublishProgress {
  roundId: string
  publishedAt: number
  publicityEndsAt: number
  phase: 'collect' | 'write' | 'notify'
  /** Villages whose lines are written (in `notify`: whose households were told), of all. */
  villagesDone: number
  villagesTotal: number
  /** Why the job stopped without publishing (the figures changed), or null. */
  failed: string | null
}

export interface PublishJobStart {
  roundId: string
  publishedAt: number
  publicityEndsAt: number
  /** The figures the admin confirmed; the job fails when the lists it computes differ. */
  expect: { inspected: number; red: number; black: number }
  /** Villages expected (shown as the total until the job has counted them). */
  villages: number
}

/** The listed households of some villages of a just-published round, and their bound users. */
export interface PublishNotices {
  villages: number
  lines: { householdId: string; list: 'red' | 'black'; score: number; userIds: string[] }[]
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

/** One village's figures in a round (Board.villageSummary). */
export interface VillageTally {
  villageId: string
  inspected: number
  /** The sum of the inspected households' latest totals. */
  sum: number
  red: number
  black: number
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

/** A household's consent to its head's full name on the red list. */
export interface ConsentView {
  showNameOnRed: boolean
  /** The user who last set it and their nickname; null when never set in the app. */
  setBy: string | null
  setByName: string | null
  setAt: number | null
}

/** Store.board */
export interface BoardRepo {
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
  /** The users bound (approved) to each of these households, earliest binding first. */
  boundUsers(householdIds: readonly string[]): Promise<Map<string, string[]>>
  /** Whether this store publishes a round with this many inspected households as a job. */
  publishesInChunks(inspected: number): boolean
  /**
   * Starts publishing an open round as a job (see PublishProgress); false when the round is
   * not open or a job of it is running. A failed job is replaced.
   */
  startPublish(job: PublishJobStart): Promise<boolean>
  /** Rounds with a publish job (running or failed). */
  publishJobs(): Promise<PublishProgress[]>
  /**
   * Runs one bounded step of a round's job before its notify phase (collect, write, or the
   * flip that publishes the lists); answers the progress, or null when there is no such job.
   */
  publishStep(roundId: string): Promise<PublishProgress | null>
  /** The next villages' listed households to tell of the publication (null: no job in notify). */
  publishNotices(roundId: string, villages: number): Promise<PublishNotices | null>
  /** Marks `villages` more villages told; the job ends after the last. */
  publishNoticed(roundId: string, villages: number): Promise<void>
  /**
   * Takes back the publication made at `publishedAt`: the round is open again and its frozen
   * lists (with their 已整改 marks) are gone, in one transaction; false (nothing changed) when
   * the round is not published at that moment any more.
   */
  withdraw(roundId: string, publishedAt: number): Promise<boolean>
  /** Frozen list lines in list order, optionally of one list, village or household. */
  entries(q: {
    roundId: string
    list?: ListKind
    villageId?: string
    householdId?: string
    /** The round's `listsVersion` as just read with it (saves a read on the cloud). */
    listsVersion?: string | null
  }): Promise<BoardEntryView[]>
  /**
   * Removes stored lines no reader reads any more (replaced or withdrawn a while before `now`);
   * answers how many sets were removed. The timer calls it.
   */
  dropRetired(now: number): Promise<number>
  /** Marks a black-list line 已整改 (once); false when there is no unmarked line. */
  markRectified(roundId: string, householdId: string, at: number): Promise<boolean>
  /** Each inspected household's latest score in a round, optionally for one village. */
  scores(roundId: string, villageId?: string): Promise<ScoreRow[]>
  /** How many households of a round (or of one village in it) are inspected, and their scores' sum. */
  scoreSummary(roundId: string, villageId?: string): Promise<{ inspected: number; sum: number }>
  /**
   * Per village of a round: its inspected households and their scores' sum, and the red and
   * black lines of the round's frozen lists (none before it is published). Villages with
   * neither are left out. One or two grouped reads on the cloud, whatever the size of the round.
   */
  villageSummary(
    roundId: string,
    /** The round's `listsVersion` as just read with it (saves a read on the cloud). */
    listsVersion?: string | null,
  ): Promise<VillageTally[]>
  /** The entered items of every household's latest inspection in a round (exports). */
  roundItems(roundId: string): Promise<({ householdId: string } & InspectionItem)[]>
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
  /** The household's red-list name consent, who last set it and when (null: no household). */
  consent(householdId: string): Promise<ConsentView | null>
  setShowNameOnRed(
    householdId: string,
    show: boolean,
    by: { userId: string; at: number },
  ): Promise<void>
}
