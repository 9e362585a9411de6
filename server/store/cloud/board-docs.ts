// The red and black list's documents: their `_id`s, the derived fields they carry, and the
// reads every part of the board repository shares (rounds, rubrics, inspection versions).
import type {
  BoardEntryView,
  CriterionRecord,
  HouseholdView,
  InspectionRecord,
  InspectionView,
  RoundRecord,
  RoundView,
  RubricRecord,
  RubricView,
} from '../store'
import {
  all,
  byIds,
  fromDoc,
  getDoc,
  householdViews,
  loadPlaces,
  unchangingByIds,
  type Places,
} from './docs'
import { progressOf } from './board-publish-job'
import { enteredItems, ITEMS_ENTERED } from './inspection-items'
import type { CloudDb, Doc } from './sdk'

/** The generation of frozen entries a snapshot import writes. */
export const SEED_GENERATION = 'seed'

/**
 * Fields a round document carries besides its record: `generation` names the set of
 * board_entries readers use; `marks` counts 已整改 marks, so that a rewrite of the lists can
 * tell that one landed while it copied them.
 */
export const ROUND_DERIVED = ['generation', 'marks', 'rubricVersion', 'retired', 'job'] as const

/**
 * A generation replaced or withdrawn is kept this long before the timer removes it: a reader
 * that read the round (its generation) just before the flip still finds every line of it, so
 * list reads need not read the round a second time.
 */
export const RETIRED_KEEP_MS = 10 * 60_000

/** A generation no longer read, since `at`; removed by the timer after RETIRED_KEEP_MS. */
export interface RetiredGeneration {
  generation: string
  at: number
}

/** A household's inspection version: one per round, household and version. */
export const inspectionKey = (roundId: string, householdId: string, version: number) =>
  `${roundId}:${householdId}:${version}`

/** The per-(round, household) document naming the latest version. */
export const currentKey = (roundId: string, householdId: string) => `${roundId}:${householdId}`

/** A frozen list line of one generation of a round's lists. */
export const entryKey = (roundId: string, generation: string, list: string, householdId: string) =>
  `${roundId}:${generation}:${list}:${householdId}`

export const clientKey = (clientId: string) => `inspection-client:${clientId}`
export const pendingAppealKey = (roundId: string, householdId: string) =>
  `appeal-pending:${roundId}:${householdId}`

/** What a round document says about its frozen lists. */
export interface RoundState {
  round: RoundRecord
  generation: string | null
  marks: number
  retired: RetiredGeneration[]
}

export function roundState(doc: Doc): RoundState {
  return {
    round: fromDoc<RoundRecord>(doc, ROUND_DERIVED),
    generation: typeof doc.generation === 'string' ? doc.generation : null,
    marks: typeof doc.marks === 'number' ? doc.marks : 0,
    retired: Array.isArray(doc.retired) ? (doc.retired as RetiredGeneration[]) : [],
  }
}

/**
 * Round documents as views with their rubric's version (a round without one is left out). The
 * version is stored on the round when it is created (rubric versions never change); rounds
 * stored before that read their rubric.
 */
export async function roundViews(db: CloudDb, docs: Doc[]): Promise<RoundView[]> {
  const missing = docs.filter((d) => typeof d.rubricVersion !== 'number')
  // byIds sends nothing for no ids.
  const rubrics = await byIds(
    db,
    'rubrics',
    missing.map((d) => String(d.rubricId)),
  )
  return docs.flatMap((d) => {
    const version =
      typeof d.rubricVersion === 'number'
        ? d.rubricVersion
        : rubrics.has(String(d.rubricId))
          ? Number(rubrics.get(String(d.rubricId))?.version)
          : null
    if (version === null) return []
    const state = roundState(d)
    const job = d.job && typeof d.job === 'object' ? (d.job as Doc) : null
    const publishing = job
      ? progressOf(String(d._id), job as unknown as Parameters<typeof progressOf>[1])
      : undefined
    return [
      {
        ...state.round,
        rubricVersion: version,
        listsVersion: state.generation,
        ...(publishing ? { publishing } : {}),
      },
    ]
  })
}

export async function roundView(db: CloudDb, id: string): Promise<RoundView | null> {
  const doc = await getDoc(db.collection('rounds').doc(id))
  return doc ? ((await roundViews(db, [doc]))[0] ?? null) : null
}

/** Rubric documents with their criteria in (sort, id) order. */
export async function rubricViews(db: CloudDb, docs: Doc[]): Promise<RubricView[]> {
  if (docs.length === 0) return []
  const _ = db.command
  // A rubric version's criteria are stored on it too (they never change): one read. Rubrics
  // stored before that read their criteria documents.
  const bare = docs.filter((d) => !Array.isArray(d.criteria))
  const criteria =
    bare.length > 0
      ? await all(
          db
            .collection('criteria')
            .where({ rubricId: _.in(bare.map((d) => String(d._id))) })
            .orderBy('sort', 'asc')
            .orderBy('_id', 'asc'),
        )
      : []
  return docs.map((d) => ({
    ...fromDoc<RubricRecord>(d, ['criteria']),
    criteria: Array.isArray(d.criteria)
      ? embeddedCriteria(d.criteria as CriterionRecord[])
      : criteria.filter((c) => c.rubricId === d._id).map((c) => fromDoc<CriterionRecord>(c)),
  }))
}

const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Criteria as a rubric document embeds them, in (sort, id) order. */
export function embeddedCriteria(list: readonly CriterionRecord[]): CriterionRecord[] {
  return [...list]
    .map((c) => ({
      id: c.id,
      rubricId: c.rubricId,
      category: c.category,
      name: c.name,
      maxPoints: c.maxPoints,
      deductionPerItem: c.deductionPerItem,
      hint: c.hint,
      sort: c.sort,
    }))
    .sort((a, b) => a.sort - b.sort || plain(a.id, b.id))
}

/** An inspection version as its document. */
export function inspectionDoc(
  r: Omit<InspectionRecord, 'reason'>,
  reason: NonNullable<InspectionRecord['reason']>,
  deductedItems: number,
): Doc {
  return {
    _id: inspectionKey(r.roundId, r.householdId, r.version),
    inspectionId: r.id,
    roundId: r.roundId,
    householdId: r.householdId,
    inspectorId: r.inspectorId,
    version: r.version,
    total: r.total,
    createdAt: r.createdAt,
    items: r.items.map((i) => ({
      criterionId: i.criterionId,
      points: i.points,
      deductions: i.deductions,
      note: i.note,
    })),
    [ITEMS_ENTERED]: true,
    photos: (r.photos ?? []).map((p) => ({ url: p.url, takenAt: p.takenAt })),
    deductedItems,
    reason,
    clientId: r.clientId ?? null,
  }
}

/**
 * The "current" document of a (round, household): the latest version and its score, with the
 * household's village and grid (so a village's or a grid's scores are one query).
 */
export function currentDoc(
  version: Doc,
  household: { villageId?: unknown; gridId?: unknown } | null,
): Doc {
  return {
    roundId: version.roundId,
    householdId: version.householdId,
    villageId: household ? String(household.villageId) : null,
    gridId: household ? String(household.gridId) : null,
    version: version.version,
    inspectionId: version.inspectionId,
    total: version.total,
    deductedItems: version.deductedItems,
  }
}

/** Inspection documents as views: inspector names, items in criterion order (as SQLite joins). */
export async function inspectionViews(db: CloudDb, docs: Doc[]): Promise<InspectionView[]> {
  if (docs.length === 0) return []
  type Item = InspectionView['items'][number]
  // Versions carry their inspector's name (kept up to date by users.update); older ones read it.
  const nameless = docs.filter((d) => typeof d.inspectorName !== 'string')
  const [users, criteria] = await Promise.all([
    byIds(
      db,
      'users',
      nameless.map((d) => String(d.inspectorId)),
    ),
    unchangingByIds(
      db,
      'criteria',
      docs.flatMap((d) => (d.items as Item[]).map((i) => i.criterionId)),
    ),
  ])
  const order = (id: string) => Number(criteria.get(id)?.sort ?? 0)
  return docs.flatMap((d) => {
    const name =
      typeof d.inspectorName === 'string'
        ? d.inspectorName
        : users.has(String(d.inspectorId))
          ? String(users.get(String(d.inspectorId))?.nickname)
          : null
    if (name === null) return []
    const scoring = new Map(
      [...criteria].map(([id, c]) => [
        id,
        { maxPoints: Number(c.maxPoints), deductionPerItem: Number(c.deductionPerItem) },
      ]),
    )
    const items = enteredItems(d, scoring)
      .filter((i) => criteria.has(i.criterionId))
      .sort(
        (a, b) =>
          order(a.criterionId) - order(b.criterionId) ||
          (a.criterionId < b.criterionId ? -1 : a.criterionId > b.criterionId ? 1 : 0),
      )
    const view: InspectionView = {
      id: String(d.inspectionId),
      roundId: String(d.roundId),
      householdId: String(d.householdId),
      inspectorId: String(d.inspectorId),
      inspectorName: name,
      version: Number(d.version),
      total: Number(d.total),
      createdAt: Number(d.createdAt),
      deductedItems: Number(d.deductedItems),
      reason: d.reason as InspectionView['reason'],
      clientId: d.clientId === null || d.clientId === undefined ? null : String(d.clientId),
      items: items.map(({ exact: _exact, ...i }) => i),
      photos: (d.photos as InspectionView['photos']).map((p) => ({ ...p })),
    }
    return [view]
  })
}

/** Every "current" document of a round (one per inspected household). */
export function currentOfRound(db: CloudDb, roundId: string, where: object = {}): Promise<Doc[]> {
  return all(
    db
      .collection('inspection_current')
      .where({ roundId, ...where })
      .orderBy('_id', 'asc'),
  )
}

/** The household and place columns that score rows and list entries both carry. */
export function householdColumns(h: HouseholdView, places: Places) {
  return {
    headName: h.headName,
    houseNo: h.houseNo,
    villageId: h.villageId,
    villageName: h.villageName,
    groupId: h.groupId,
    groupName: h.groupName,
    gridId: h.gridId,
    villageSort: places.villages.get(h.villageId)?.sort ?? 0,
    groupSort: places.groups.get(h.groupId)?.sort ?? 0,
    showNameOnRed: h.showNameOnRed === true,
  }
}

/** A line document (carrying what it shows) as a view. */
export function lineView(d: Doc): BoardEntryView {
  return {
    roundId: String(d.roundId),
    list: d.list as BoardEntryView['list'],
    householdId: String(d.householdId),
    position: Number(d.position),
    unitKey: String(d.unitKey),
    unitName: String(d.unitName),
    rank: Number(d.rank),
    score: Number(d.score),
    deductedItems: Number(d.deductedItems),
    previousScore: typeof d.previousScore === 'number' ? d.previousScore : null,
    rectifiedAt: typeof d.rectifiedAt === 'number' ? d.rectifiedAt : null,
    headName: String(d.headName),
    houseNo: String(d.houseNo),
    villageId: String(d.villageId),
    villageName: String(d.villageName),
    groupId: String(d.groupId),
    groupName: String(d.groupName),
    gridId: String(d.gridId),
    villageSort: Number(d.villageSort),
    groupSort: Number(d.groupSort),
    showNameOnRed: d.showNameOnRed === true,
  }
}

/**
 * Copies households' names, places and consent as they are now onto their list lines and their
 * "current" inspection documents (which carry the village and grid for per-village and per-grid
 * queries): after a household, roster or place change. Two updates per household.
 */
export async function refreshHouseholdCopies(db: CloudDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  const places = await loadPlaces(db)
  const households = await householdViews(db, ids, places)
  for (const [id, h] of households) {
    await db
      .collection('board_entries')
      .where({ householdId: id })
      .update({ data: householdColumns(h, places) })
    await db
      .collection('inspection_current')
      .where({ householdId: id })
      .update({ data: { villageId: h.villageId, gridId: h.gridId } })
  }
}

/** Copies a village's or group's name and order onto the lines that show it. */
export async function refreshPlaceCopies(
  db: CloudDb,
  kind: 'village' | 'group',
  id: string,
): Promise<void> {
  const doc = await getDoc(db.collection(kind === 'village' ? 'villages' : 'groups').doc(id))
  if (!doc) return
  const data =
    kind === 'village'
      ? { villageName: String(doc.name), villageSort: Number(doc.sort ?? 0) }
      : { groupName: String(doc.name), groupSort: Number(doc.sort ?? 0) }
  await db
    .collection('board_entries')
    .where(kind === 'village' ? { villageId: id } : { groupId: id })
    .update({ data })
}
