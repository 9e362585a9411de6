// What the inspection form holds and sends: the entries of each item (contract/scoring.ts),
// never a score; the total is the one rule's, as on the server.
import type { Criterion, InspectionVersion } from '@contract/board'
import { enteredOf, fullMarks, inspectionTotal, type EnteredItem } from '@contract/scoring'

/** One item as the form holds it: what the inspector entered, and the note. */
export interface ItemDraft extends EnteredItem {
  note: string
}

export interface InspectTarget {
  roundId: string
  householdId: string
  /** 门牌号 户主, for the outbox list. */
  label: string
  criteria: Criterion[]
  /** The latest inspection, to start a re-inspection from. */
  latest: InspectionVersion | null
  /** Re-inspecting for this appeal (sent at once, not through the outbox). */
  appealId: string
}

/** The form starts from what was entered last time, or from full marks. */
export function initialItems(
  criteria: readonly Criterion[],
  latest: InspectionVersion | null,
): Record<string, ItemDraft> {
  const items: Record<string, ItemDraft> = {}
  for (const c of criteria) {
    const before = latest?.items.find((i) => i.criterionId === c.id)
    items[c.id] = before
      ? { ...enteredOf(c, before), note: before.note }
      : { ...fullMarks(c), note: '' }
  }
  return items
}

/** The form's total: the server scores the same entries by the same rule. */
export const formTotal = (criteria: readonly Criterion[], items: Record<string, ItemDraft>) =>
  inspectionTotal(criteria, (id) => items[id])

/** The items as sent: only what counts for each item. */
export const sentItems = (criteria: readonly Criterion[], items: Record<string, ItemDraft>) =>
  criteria.map((c) => {
    const d = items[c.id] ?? { ...fullMarks(c), note: '' }
    return { criterionId: c.id, ...enteredOf(c, d), note: d.note.trim() }
  })
