// How an inspection item scores: ONE rule, used by the server when it saves an inspection and
// by the inspection form while the grid worker scores. Zod-free, so the mini-program may
// import it.
//
// What is stored and sent is what the inspector entered, never a score:
// - a deduction item (deductionPerItem > 0): the problems found (`deductions`);
// - a directly scored item (deductionPerItem = 0): the points given (`points`).
// The item's score is derived from that by `itemScore`, and nothing else.

/** What scoring needs of a criterion. */
export interface ScoringCriterion {
  maxPoints: number
  /** Points taken off per problem found; 0: the item is scored directly. */
  deductionPerItem: number
}

/** What the inspector entered on one item. */
export interface EnteredItem {
  /** Points given to a directly scored item; null (ignored) on a deduction item. */
  points: number | null
  /** Problems found on a deduction item; 0 (ignored) on a directly scored item. */
  deductions: number
}

/** Whether the item is scored by counting problems (else: points given directly). */
export const countsProblems = (c: ScoringCriterion): boolean => c.deductionPerItem > 0

/**
 * The item's score: a deduction item is full marks less `deductionPerItem` per problem found,
 * never below 0; a directly scored item is the points given, within 0..max.
 */
export function itemScore(c: ScoringCriterion, entered: EnteredItem): number {
  if (countsProblems(c)) {
    return Math.max(0, c.maxPoints - Math.max(0, entered.deductions) * c.deductionPerItem)
  }
  return Math.min(c.maxPoints, Math.max(0, entered.points ?? 0))
}

/** What an untouched item is: no problems found, or full points given. */
export function fullMarks(c: ScoringCriterion): EnteredItem {
  return countsProblems(c)
    ? { points: null, deductions: 0 }
    : { points: c.maxPoints, deductions: 0 }
}

/**
 * Only what counts for the item: the problems of a deduction item, the points of a directly
 * scored one (what a phone sends for the other field is dropped).
 */
export function enteredOf(c: ScoringCriterion, item: Partial<EnteredItem>): EnteredItem {
  return countsProblems(c)
    ? { points: null, deductions: item.deductions ?? 0 }
    : { points: item.points ?? null, deductions: 0 }
}

/** The total of an inspection: the sum of its items' scores (a missing item scores 0). */
export function inspectionTotal<C extends ScoringCriterion & { id: string }>(
  criteria: readonly C[],
  entered: (criterionId: string) => EnteredItem | undefined,
): number {
  return criteria.reduce((sum, c) => {
    const item = entered(c.id)
    return sum + (item ? itemScore(c, item) : 0)
  }, 0)
}
