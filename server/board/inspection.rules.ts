// Pure rules of an inspection: scoring it against its rubric version, and what a rubric must be.
import type { FieldIssue } from '../../contract/envelope'
import { countsProblems, enteredOf, itemScore } from '../../contract/scoring'
import type { CriterionRecord } from '../store/store'

/** One item as the inspector sent it: what was entered, never a score. */
export interface ItemInput {
  criterionId: string
  /** Points given to a directly scored item (ignored on a deduction item). */
  points?: number | null
  /** Problems found on a deduction item (must be 0 on a directly scored item). */
  deductions?: number
  note: string
}

/** One item as stored: what the inspector entered (contract/scoring.ts), and the note. */
export interface EnteredItemRecord {
  criterionId: string
  points: number | null
  deductions: number
  note: string
}

/** A stored item with the score `itemScore` derives from it. */
export interface ScoredItem extends EnteredItemRecord {
  score: number
}

/** The items of an inspection scored against its criteria, in criterion order. */
export function scoreItems(
  criteria: readonly CriterionRecord[],
  items: readonly EnteredItemRecord[],
): { items: ScoredItem[]; total: number; deductedItems: number } {
  const byId = new Map(items.map((i) => [i.criterionId, i]))
  const scored = [...criteria]
    .sort((a, b) => a.sort - b.sort)
    .flatMap((c) => {
      const item = byId.get(c.id)
      return item ? [{ ...item, score: itemScore(c, item), max: c.maxPoints }] : []
    })
  return {
    items: scored.map(({ max: _max, ...item }) => item),
    total: scored.reduce((sum, item) => sum + item.score, 0),
    deductedItems: scored.filter((item) => item.score < item.max).length,
  }
}

/**
 * Scores an inspection against the criteria of the round's rubric version: every criterion
 * exactly once; a deduction item by the problems found, a directly scored item by the points
 * given (at most the item's maximum). Stores what was entered; the score is `itemScore`'s.
 */
export function scoreInspection(
  criteria: readonly CriterionRecord[],
  items: readonly ItemInput[],
):
  | { ok: true; items: ScoredItem[]; total: number; deductedItems: number }
  | { ok: false; fields: FieldIssue[] } {
  const fields: FieldIssue[] = []
  const byId = new Map(criteria.map((c) => [c.id, c]))
  const seen = new Set<string>()
  items.forEach((item, i) => {
    const c = byId.get(item.criterionId)
    if (!c) {
      fields.push({ path: `items.${i}.criterionId`, message: '检查项不属于本期的评分标准' })
    } else if (seen.has(item.criterionId)) {
      fields.push({ path: `items.${i}.criterionId`, message: '同一检查项只能打一次分' })
    } else if (countsProblems(c)) {
      // A phone may also send points for a deduction item: they do not count.
    } else if (item.points === undefined || item.points === null) {
      fields.push({ path: `items.${i}.points`, message: `请给“${c.name}”打分` })
    } else if (item.points > c.maxPoints) {
      fields.push({ path: `items.${i}.points`, message: `“${c.name}”最多 ${c.maxPoints} 分` })
    } else if ((item.deductions ?? 0) > 0) {
      fields.push({
        path: `items.${i}.deductions`,
        message: `“${c.name}”直接打分，不记问题处数`,
      })
    }
    seen.add(item.criterionId)
  })
  const missing = criteria.filter((c) => !seen.has(c.id))
  if (missing.length > 0) {
    fields.push({
      path: 'items',
      message: `还有未打分的检查项：${missing.map((c) => c.name).join('、')}`,
    })
  }
  if (fields.length > 0) return { ok: false, fields }

  const entered = items.map((item) => ({
    criterionId: item.criterionId,
    ...enteredOf(byId.get(item.criterionId) as CriterionRecord, item),
    note: item.note,
  }))
  return { ok: true, ...scoreItems(criteria, entered) }
}

/**
 * An item stored before inspections kept what was entered (its `points` were the item's score,
 * beside the problems found) as what the inspector would have entered for that score: the
 * points of a directly scored item; on a deduction item the problems that take it to that
 * score (a score no count of problems reaches is not `exact`, and takes the nearest count
 * below it).
 */
export function legacyEntered(
  c: Pick<CriterionRecord, 'maxPoints' | 'deductionPerItem'>,
  score: number,
  deductions: number,
): { points: number | null; deductions: number; exact: boolean } {
  if (!countsProblems(c)) {
    const points = Math.min(c.maxPoints, Math.max(0, score))
    return { points, deductions: 0, exact: points === score }
  }
  const fits = (n: number) => itemScore(c, { points: null, deductions: n }) === score
  if (fits(deductions)) return { points: null, deductions, exact: true }
  const count = Math.ceil(Math.max(0, c.maxPoints - score) / c.deductionPerItem)
  return { points: null, deductions: count, exact: fits(count) }
}

/** A rubric's criteria must sum to exactly 100 points, with sensible deductions and names. */
export function checkRubric(
  criteria: readonly { name: string; maxPoints: number; deductionPerItem: number }[],
): FieldIssue[] {
  const fields: FieldIssue[] = []
  const sum = criteria.reduce((total, c) => total + c.maxPoints, 0)
  if (sum !== 100)
    fields.push({ path: 'criteria', message: `各项分值合计须为 100 分，现为 ${sum} 分` })
  const names = new Set<string>()
  criteria.forEach((c, i) => {
    if (c.deductionPerItem > c.maxPoints) {
      fields.push({ path: `criteria.${i}.deductionPerItem`, message: '每处扣分不能超过该项分值' })
    }
    if (names.has(c.name)) fields.push({ path: `criteria.${i}.name`, message: '检查项名称重复' })
    names.add(c.name)
  })
  return fields
}
