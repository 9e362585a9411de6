// Migration 17: inspection items keep what the inspector entered. Before it, an item's
// `points` was already the item's score (after deductions) beside the problems found, and a
// form that reopened it took the score for the entered points. Each stored item becomes the
// entry that scores what it scored (server/board/inspection.rules.ts legacyEntered); the
// inspections' totals and the frozen lists are not touched. What it did is written to the
// audit log (action `system.migrate`), where the township can read the counts.
import type Database from 'better-sqlite3'
import { itemScore } from '../../../contract/scoring'
import { legacyEntered } from '../../board/inspection.rules'

interface OldItem {
  inspection_id: string
  criterion_id: string
  points: number
  deductions: number
  note: string
  max_points: number
  deduction_per_item: number
  total: number
}

/** What the migration changed. */
export interface ItemsMigrationReport {
  /** Inspections with at least one item stored differently. */
  rewritten: number
  /** Of those, inspections where the problems recorded had to change to match the score. */
  recounted: number
  /** Inspections whose items can no longer add up to the stored total (none from the app). */
  inexact: number
}

export function migrateInspectionItems(
  db: Database.Database,
  at = Date.now(),
): ItemsMigrationReport {
  const rows = db
    .prepare(
      `SELECT ii.inspection_id, ii.criterion_id, ii.points, ii.deductions, ii.note,
              c.max_points, c.deduction_per_item, i.total
       FROM inspection_items ii
       JOIN criteria c ON c.id = ii.criterion_id
       JOIN inspections i ON i.id = ii.inspection_id
       ORDER BY ii.inspection_id, c.sort, c.id`,
    )
    .all() as OldItem[]
  db.exec(`
    CREATE TABLE inspection_items_entered (
      inspection_id TEXT NOT NULL REFERENCES inspections(id),
      criterion_id TEXT NOT NULL REFERENCES criteria(id),
      -- Points given to a directly scored item; NULL on a deduction item.
      points INTEGER CHECK (points IS NULL OR points >= 0),
      -- Problems found on a deduction item; 0 on a directly scored item.
      deductions INTEGER NOT NULL DEFAULT 0 CHECK (deductions >= 0),
      note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (inspection_id, criterion_id)
    );
  `)
  const insert = db.prepare(
    `INSERT INTO inspection_items_entered (inspection_id, criterion_id, points, deductions, note)
     VALUES (@inspection_id, @criterion_id, @points, @deductions, @note)`,
  )
  const rewritten = new Set<string>()
  const recounted = new Set<string>()
  const derived = new Map<string, number>()
  const stored = new Map<string, number>()
  const inexact = new Set<string>()
  for (const row of rows) {
    const c = { maxPoints: row.max_points, deductionPerItem: row.deduction_per_item }
    const entered = legacyEntered(c, row.points, row.deductions)
    insert.run({ ...row, points: entered.points, deductions: entered.deductions })
    if (entered.points !== row.points || entered.deductions !== row.deductions) {
      rewritten.add(row.inspection_id)
    }
    if (c.deductionPerItem > 0 && entered.deductions !== row.deductions) {
      recounted.add(row.inspection_id)
    }
    if (!entered.exact) inexact.add(row.inspection_id)
    derived.set(row.inspection_id, (derived.get(row.inspection_id) ?? 0) + itemScore(c, entered))
    stored.set(row.inspection_id, row.total)
  }
  // Items of criteria no longer in the database (none in practice) are kept as they were.
  db.exec(`
    INSERT INTO inspection_items_entered (inspection_id, criterion_id, points, deductions, note)
      SELECT ii.inspection_id, ii.criterion_id, ii.points, ii.deductions, ii.note
      FROM inspection_items ii WHERE NOT EXISTS (SELECT 1 FROM criteria c WHERE c.id = ii.criterion_id);
    DROP TABLE inspection_items;
    ALTER TABLE inspection_items_entered RENAME TO inspection_items;
  `)
  for (const [id, total] of derived) {
    if (total !== stored.get(id) && !inexact.has(id)) {
      throw new Error(`migration 17: inspection ${id} would score ${total}, not ${stored.get(id)}`)
    }
  }
  const report = { rewritten: rewritten.size, recounted: recounted.size, inexact: inexact.size }
  if (rows.length > 0) {
    db.prepare(
      `INSERT INTO audit_log (request_id, actor_id, actor_role, action, target, before_json, after_json, at)
       VALUES ('migration-17', NULL, 'system', 'system.migrate', 'inspection_items', NULL, @after, @at)`,
    ).run({ after: JSON.stringify({ migration: 17, ...report }), at })
  }
  return report
}
