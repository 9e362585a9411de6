// Inspection items on the cloud database keep what the inspector entered (contract/scoring.ts).
// Documents written before that carry the item's score in `points`; they have no
// `itemsEntered` mark. Every read goes through `enteredItems`, which reads such a document's
// items as the entries that score what they scored (the same rule as SQLite migration 17),
// and `migrateInspectionDocs` rewrites them in place, once, keeping every total.
import { itemScore } from '../../../contract/scoring'
import { legacyEntered } from '../../board/inspection.rules'
import type { CriterionRecord, InspectionItem } from '../store'
import { all, unchangingByIds } from './docs'
import type { CloudDb, Doc } from './sdk'

/** The mark of a document whose items are stored as entered. */
export const ITEMS_ENTERED = 'itemsEntered'

type Scoring = Pick<CriterionRecord, 'maxPoints' | 'deductionPerItem'>

interface StoredItem {
  criterionId: string
  points: number | null
  deductions?: number
  note: string
}

/** A document's items as entered: as stored when marked, converted from scores otherwise. */
export function enteredItems(
  doc: Doc,
  criteria: ReadonlyMap<string, Scoring>,
): (InspectionItem & { exact: boolean })[] {
  const items = (doc.items ?? []) as StoredItem[]
  return items.map((i) => {
    const c = criteria.get(i.criterionId)
    if (doc[ITEMS_ENTERED] === true || !c) {
      return {
        criterionId: i.criterionId,
        points: i.points ?? null,
        deductions: i.deductions ?? 0,
        note: i.note,
        exact: true,
      }
    }
    const entered = legacyEntered(c, Number(i.points ?? 0), i.deductions ?? 0)
    return { criterionId: i.criterionId, note: i.note, ...entered }
  })
}

/** Criteria documents by id, as what scoring needs. */
export async function scoringCriteria(
  db: CloudDb,
  ids: Iterable<string>,
): Promise<Map<string, Scoring>> {
  const docs = await unchangingByIds(db, 'criteria', ids)
  return new Map(
    [...docs].map(([id, c]) => [
      id,
      { maxPoints: Number(c.maxPoints), deductionPerItem: Number(c.deductionPerItem) },
    ]),
  )
}

/** What `migrateInspectionDocs` changed (as SQLite migration 17 reports it). */
export interface DocsMigrationReport {
  /** Documents rewritten with their items as entered (and marked). */
  rewritten: number
  /** Of those, documents where the problems recorded changed to match the score. */
  recounted: number
  /** Documents whose items no longer add up to the stored total (none from the app). */
  inexact: number
}

/**
 * Rewrites every unmarked inspection document with its items as entered and marks it; the
 * total, the frozen lists and the current documents are not touched. Safe to run again: a
 * marked document is left alone.
 */
export async function migrateInspectionDocs(db: CloudDb): Promise<DocsMigrationReport> {
  const _ = db.command
  const docs = await all(
    db
      .collection('inspections')
      .where({ [ITEMS_ENTERED]: _.neq(true) })
      .orderBy('_id', 'asc'),
  )
  const criteria = await scoringCriteria(
    db,
    docs.flatMap((d) => ((d.items ?? []) as StoredItem[]).map((i) => i.criterionId)),
  )
  const report: DocsMigrationReport = { rewritten: 0, recounted: 0, inexact: 0 }
  for (const doc of docs) {
    const before = (doc.items ?? []) as StoredItem[]
    const items = enteredItems(doc, criteria)
    const total = items.reduce((sum, item) => {
      const c = criteria.get(item.criterionId)
      return sum + (c ? itemScore(c, item) : 0)
    }, 0)
    const exact = items.every((i) => i.exact)
    if (exact && total !== Number(doc.total)) {
      throw new Error(
        `inspection ${String(doc._id)} would score ${total}, not ${String(doc.total)}`,
      )
    }
    await db
      .collection('inspections')
      .doc(String(doc._id))
      .update({
        data: {
          items: items.map(({ exact: _exact, ...item }) => item),
          [ITEMS_ENTERED]: true,
        },
      })
    report.rewritten++
    if (items.some((i, n) => i.deductions !== (before[n]?.deductions ?? 0) && i.points === null)) {
      report.recounted++
    }
    if (!exact) report.inexact++
  }
  return report
}
