// Pure rules of an inspection: scoring it against its rubric version, and what a rubric must be.
import type { FieldIssue } from '../../contract/envelope'
import type { CriterionRecord } from '../store/store'

export interface ItemInput {
  criterionId: string
  points: number
  deductions: number
  note: string
}

export interface ScoredItem extends ItemInput {
  /** The item's score after clamping and deductions. */
  points: number
}

/**
 * Scores an inspection against the criteria of the round's rubric version: every criterion
 * exactly once; item score = min(points, max) − deductions × deductionPerItem, at least 0.
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
    if (!byId.has(item.criterionId)) {
      fields.push({ path: `items.${i}.criterionId`, message: '检查项不属于本期的评分标准' })
    } else if (seen.has(item.criterionId)) {
      fields.push({ path: `items.${i}.criterionId`, message: '同一检查项只能打一次分' })
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

  const scored = [...items]
    .sort((a, b) => (byId.get(a.criterionId)?.sort ?? 0) - (byId.get(b.criterionId)?.sort ?? 0))
    .map((item) => {
      const c = byId.get(item.criterionId) as CriterionRecord
      const raw = Math.min(c.maxPoints, item.points) - item.deductions * c.deductionPerItem
      return { ...item, points: Math.max(0, raw) }
    })
  const total = scored.reduce((sum, item) => sum + item.points, 0)
  const deductedItems = scored.filter(
    (item) => item.points < (byId.get(item.criterionId) as CriterionRecord).maxPoints,
  ).length
  return { ok: true, items: scored, total, deductedItems }
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
