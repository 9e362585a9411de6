// The red and black list's documents: their `_id`s, the derived fields they carry, and the
// reads every part of the board repository shares (rounds, rubrics, inspection versions).
import type {
  CriterionRecord,
  HouseholdView,
  InspectionRecord,
  InspectionView,
  RoundRecord,
  RoundView,
  RubricRecord,
  RubricView,
} from '../store'
import { all, byIds, fromDoc, getDoc, type Places } from './docs'
import { enteredItems, ITEMS_ENTERED } from './inspection-items'
import type { CloudDb, Doc } from './sdk'

/** The generation of frozen entries a snapshot import writes. */
export const SEED_GENERATION = 'seed'

/**
 * Fields a round document carries besides its record: `generation` names the set of
 * board_entries readers use; `marks` counts 已整改 marks, so that a rewrite of the lists can
 * tell that one landed while it copied them.
 */
export const ROUND_DERIVED = ['generation', 'marks'] as const

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
}

export function roundState(doc: Doc): RoundState {
  return {
    round: fromDoc<RoundRecord>(doc, ROUND_DERIVED),
    generation: typeof doc.generation === 'string' ? doc.generation : null,
    marks: typeof doc.marks === 'number' ? doc.marks : 0,
  }
}

/** Round documents as views with their rubric's version (a round without one is left out). */
export async function roundViews(db: CloudDb, docs: Doc[]): Promise<RoundView[]> {
  const rubrics = await byIds(
    db,
    'rubrics',
    docs.map((d) => String(d.rubricId)),
  )
  return docs.flatMap((d) => {
    const rubric = rubrics.get(String(d.rubricId))
    return rubric ? [{ ...roundState(d).round, rubricVersion: Number(rubric.version) }] : []
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
  const criteria = await all(
    db
      .collection('criteria')
      .where({ rubricId: _.in(docs.map((d) => String(d._id))) })
      .orderBy('sort', 'asc')
      .orderBy('_id', 'asc'),
  )
  return docs.map((d) => ({
    ...fromDoc<RubricRecord>(d),
    criteria: criteria.filter((c) => c.rubricId === d._id).map((c) => fromDoc<CriterionRecord>(c)),
  }))
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

/** The "current" document of a (round, household): the latest version and its score. */
export function currentDoc(version: Doc): Doc {
  return {
    roundId: version.roundId,
    householdId: version.householdId,
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
  const [users, criteria] = await Promise.all([
    byIds(
      db,
      'users',
      docs.map((d) => String(d.inspectorId)),
    ),
    byIds(
      db,
      'criteria',
      docs.flatMap((d) => (d.items as Item[]).map((i) => i.criterionId)),
    ),
  ])
  const order = (id: string) => Number(criteria.get(id)?.sort ?? 0)
  return docs.flatMap((d) => {
    const user = users.get(String(d.inspectorId))
    if (!user) return []
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
      inspectorName: String(user.nickname),
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
