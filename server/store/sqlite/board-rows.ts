// Rows of the board's tables: how a round, a line, an appeal and a criterion read, and the
// inserts the snapshot import shares with the repo.
import type {
  AppealRecord,
  AppealView,
  BoardEntryRecord,
  BoardEntryView,
  CriterionRecord,
  InspectionRecord,
  RoundRecord,
  RoundView,
  ScoreRow,
} from '../store'
import { guardUnique } from './errors'
import { householdViewFrom } from './households'
import { insertSql, roundFrom, toParams } from './rows'
import { type Row, type Sql } from './sql'

export const str = (v: unknown) => String(v)
export const num = (v: unknown) => Number(v)
export const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))
export const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))

/** A round as its columns: a list chosen by count only keeps a placeholder threshold. */
export function roundParams(r: RoundRecord): Record<string, unknown> {
  return {
    id: r.id,
    month: r.month,
    title: r.title,
    rubric_id: r.rubricId,
    status: r.status,
    window_start: r.windowStart,
    window_end: r.windowEnd,
    scope: r.scope,
    red_threshold: r.redThreshold ?? 0,
    red_by_score: r.redThreshold === null ? 0 : 1,
    red_top_n: r.redTopN,
    black_threshold: r.blackThreshold ?? 0,
    black_by_score: r.blackThreshold === null ? 0 : 1,
    black_bottom_n: r.blackBottomN,
    publicity_days: r.publicityDays,
    rectification_days: r.rectificationDays,
    published_at: r.publishedAt,
    publicity_ends_at: r.publicityEndsAt,
    created_at: r.createdAt,
  }
}

/**
 * Writes one inspection version with its items (as entered) and photos. `deductedItems`
 * missing is written as -1 (never by the handlers or a snapshot import).
 */
export function insertInspection(
  sql: Sql,
  r: InspectionRecord,
  isLatest: boolean,
  reason: NonNullable<InspectionRecord['reason']>,
): void {
  const params = {
    id: r.id,
    round_id: r.roundId,
    household_id: r.householdId,
    inspector_id: r.inspectorId,
    version: r.version,
    total: r.total,
    created_at: r.createdAt,
    client_id: r.clientId ?? null,
    reason,
    deducted_items: r.deductedItems ?? -1,
    is_latest: Number(isLatest),
  }
  guardUnique(() => sql.prepare(insertSql('inspections', params)).run(params))
  r.items.forEach((item) => {
    const p = {
      inspection_id: r.id,
      criterion_id: item.criterionId,
      points: item.points,
      deductions: item.deductions,
      note: item.note,
    }
    sql.prepare(insertSql('inspection_items', p)).run(p)
  })
  ;(r.photos ?? []).forEach((photo, sort) => {
    const p = { inspection_id: r.id, sort, url: photo.url, taken_at: photo.takenAt }
    sql.prepare(insertSql('inspection_photos', p)).run(p)
  })
}

export function insertEntry(sql: Sql, e: BoardEntryRecord): void {
  const params = toParams(e)
  sql.prepare(insertSql('board_entries', params)).run(params)
}

export function insertAppeal(sql: Sql, a: AppealRecord): void {
  const { photos, ...rest } = a
  const params = { ...toParams(rest), photos_json: JSON.stringify(photos) }
  guardUnique(() => sql.prepare(insertSql('appeals', params)).run(params))
}

/** The household and place columns that score rows and list entries both carry. */
export const householdFrom = (r: Row) => ({
  headName: str(r.head_name),
  houseNo: str(r.house_no),
  villageId: str(r.village_id),
  villageName: str(r.village_name),
  groupId: str(r.group_id),
  groupName: str(r.group_name),
  gridId: str(r.grid_id),
  villageSort: num(r.village_sort),
  groupSort: num(r.group_sort),
  showNameOnRed: r.show_name_on_red === 1,
})

export const scoreFrom = (r: Row): ScoreRow => ({
  householdId: str(r.household_id),
  ...householdFrom(r),
  total: num(r.total),
  deductedItems: num(r.deducted_items),
})

export const entryFrom = (r: Row): BoardEntryView => ({
  roundId: str(r.round_id),
  list: r.list as BoardEntryView['list'],
  householdId: str(r.household_id),
  position: num(r.position),
  unitKey: str(r.unit_key),
  unitName: str(r.unit_name),
  rank: num(r.rank),
  score: num(r.score),
  deductedItems: num(r.deducted_items),
  previousScore: optNum(r.previous_score),
  rectifiedAt: optNum(r.rectified_at),
  ...householdFrom(r),
})

export const criterionFrom = (r: Row): CriterionRecord => ({
  id: str(r.id),
  rubricId: str(r.rubric_id),
  category: str(r.category),
  name: str(r.name),
  maxPoints: num(r.max_points),
  deductionPerItem: num(r.deduction_per_item),
  hint: str(r.hint),
  sort: num(r.sort),
})

export const appealSelect = `SELECT a.*, u.nickname AS appellant_name, r.title AS round_title,
    h.id AS hh_id, h.village_id AS hh_village_id, h.group_id AS hh_group_id,
    h.grid_id AS hh_grid_id, h.head_name AS hh_head_name, h.house_no AS hh_house_no,
    h.size AS hh_size, h.phone AS hh_phone, h.show_name_on_red AS hh_show_name_on_red,
    h.created_at AS hh_created_at, v.name AS hh_village_name, g.name AS hh_group_name,
    gr.name AS hh_grid_name
  FROM appeals a JOIN users u ON u.id = a.user_id JOIN rounds r ON r.id = a.round_id
  JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id
  JOIN village_groups g ON g.id = h.group_id JOIN grids gr ON gr.id = h.grid_id`

export const appealFrom = (r: Row): AppealView => ({
  id: str(r.id),
  roundId: str(r.round_id),
  householdId: str(r.household_id),
  userId: str(r.user_id),
  text: str(r.text),
  photos: JSON.parse(str(r.photos_json)) as AppealRecord['photos'],
  status: r.status as AppealRecord['status'],
  scoreBefore: num(r.score_before),
  scoreAfter: optNum(r.score_after),
  inspectionId: optStr(r.inspection_id),
  reason: optStr(r.reason),
  decidedBy: optStr(r.decided_by),
  decidedAt: optNum(r.decided_at),
  createdAt: num(r.created_at),
  household: householdViewFrom(r, 'hh_'),
  appellantName: str(r.appellant_name),
  roundTitle: str(r.round_title),
})

export const roundSelect = `SELECT r.*, b.version AS rubric_version FROM rounds r
  JOIN rubrics b ON b.id = r.rubric_id`

export const roundViewFrom = (r: Row): RoundView => ({
  ...roundFrom(r),
  rubricVersion: num(r.rubric_version),
})

export const entrySelect = `SELECT e.*, h.head_name, h.house_no, h.village_id, v.name AS village_name,
    h.group_id, g.name AS group_name, h.grid_id, h.show_name_on_red, v.sort AS village_sort,
    g.sort AS group_sort
  FROM board_entries e JOIN households h ON h.id = e.household_id
  JOIN villages v ON v.id = h.village_id JOIN village_groups g ON g.id = h.group_id`
