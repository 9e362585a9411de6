// The board's shared reads and writes (used by more than one subject file).
import type { BoardEntryRecord, InspectionRecord, InspectionView, RubricView } from '../store'
import { str, num, optStr, insertInspection, insertEntry, criterionFrom } from './board-rows'
import { type Row, type Sql } from './sql'

/**
 * What several subjects of the board share: a rubric with its criteria, inspections with their
 * items and photos, adding an inspection's next version, and replacing a round's lines.
 */
export function boardCore(sql: Sql) {
  const { one, all, prepare } = sql

  const criteriaOf = (rubricId: string) =>
    all('SELECT * FROM criteria WHERE rubric_id = @rubricId ORDER BY sort, id', { rubricId }).map(
      criterionFrom,
    )
  const rubricFrom = (r: Row): RubricView => ({
    id: str(r.id),
    version: num(r.version),
    name: str(r.name),
    createdAt: num(r.created_at),
    criteria: criteriaOf(str(r.id)),
  })

  const inspectionsWhere = (where: string, params: object): InspectionView[] =>
    all(
      `SELECT i.*, u.nickname AS inspector_name FROM inspections i
       JOIN users u ON u.id = i.inspector_id WHERE ${where} ORDER BY i.version DESC`,
      params,
    ).map((r) => {
      const id = str(r.id)
      return {
        id,
        roundId: str(r.round_id),
        householdId: str(r.household_id),
        inspectorId: str(r.inspector_id),
        inspectorName: str(r.inspector_name),
        version: num(r.version),
        total: num(r.total),
        createdAt: num(r.created_at),
        deductedItems: num(r.deducted_items),
        reason: r.reason as InspectionView['reason'],
        clientId: optStr(r.client_id),
        items: all(
          `SELECT ii.* FROM inspection_items ii JOIN criteria c ON c.id = ii.criterion_id
           WHERE ii.inspection_id = @id ORDER BY c.sort, c.id`,
          { id },
        ).map((it) => ({
          criterionId: str(it.criterion_id),
          points: it.points === null ? null : num(it.points),
          deductions: num(it.deductions),
          note: str(it.note),
        })),
        photos: all('SELECT * FROM inspection_photos WHERE inspection_id = @id ORDER BY sort', {
          id,
        }).map((p) => ({ url: str(p.url), takenAt: num(p.taken_at) })),
      }
    })

  /** Adds the next version in the caller's transaction; returns its id. */
  const addVersion = (
    r: Omit<InspectionRecord, 'version' | 'reason'>,
    appeal: boolean,
  ): InspectionView => {
    const latest = one(
      `SELECT version FROM inspections WHERE round_id = @roundId AND household_id = @householdId
         AND is_latest = 1`,
      { roundId: r.roundId, householdId: r.householdId },
    )
    const version = latest ? num(latest.version) + 1 : 1
    prepare(
      `UPDATE inspections SET is_latest = 0 WHERE round_id = @roundId
         AND household_id = @householdId AND is_latest = 1`,
    ).run({ roundId: r.roundId, householdId: r.householdId })
    insertInspection(
      sql,
      { ...r, version },
      true,
      appeal ? 'appeal' : version === 1 ? 'first' : 'reinspect',
    )
    return inspectionsWhere('i.id = @id', { id: r.id })[0] as InspectionView
  }

  const replaceEntries = (roundId: string, entries: BoardEntryRecord[]) => {
    // 已整改 marks survive a recomputation: the household did put things right.
    const rectified = new Map(
      all(
        `SELECT household_id, rectified_at FROM board_entries
         WHERE round_id = @roundId AND rectified_at IS NOT NULL`,
        { roundId },
      ).map((r) => [str(r.household_id), num(r.rectified_at)]),
    )
    prepare('DELETE FROM board_entries WHERE round_id = @roundId').run({ roundId })
    for (const e of entries) {
      insertEntry(sql, {
        ...e,
        rectifiedAt: e.list === 'black' ? (rectified.get(e.householdId) ?? null) : null,
      })
    }
  }
  return { criteriaOf, rubricFrom, inspectionsWhere, addVersion, replaceEntries }
}
