// One rule scores an inspection: whatever the inspector enters, the form shows the total the
// server saves, a reopened form shows that total again, and clearing every problem gives the
// deduction items full marks back.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Criterion } from '@contract/board'
import { formTotal, initialItems, sentItems, type ItemDraft } from '@/features/board/inspect-items'
import { toVersion } from '../../../../../server/board/board.view'
import { scoreInspection } from '../../../../../server/board/inspection.rules'
import type { CriterionRecord, InspectionView } from '../../../../../server/store/store'

/** A rubric of 1–8 items, each scored directly or by problems found (any per-problem cost). */
const rubric = fc
  .array(
    fc.record({
      maxPoints: fc.integer({ min: 1, max: 60 }),
      direct: fc.boolean(),
      per: fc.integer({ min: 1, max: 60 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .map((rows): CriterionRecord[] =>
    rows.map((r, i) => ({
      id: `c${i}`,
      rubricId: 'rub',
      category: '类',
      name: `项${i}`,
      maxPoints: r.maxPoints,
      deductionPerItem: r.direct ? 0 : Math.min(r.per, r.maxPoints),
      hint: '',
      sort: i,
    })),
  )

/** What an inspector may enter on each item (and what a phone may send for the other field). */
const entries = (criteria: CriterionRecord[]) =>
  fc.tuple(
    ...criteria.map((c) =>
      fc.record({
        points:
          c.deductionPerItem > 0
            ? fc.option(fc.integer({ min: 0, max: 100 }))
            : fc.integer({ min: 0, max: c.maxPoints }),
        deductions: c.deductionPerItem > 0 ? fc.integer({ min: 0, max: 50 }) : fc.constant(0),
        note: fc.constantFrom('', '院内杂物'),
      }),
    ),
  )

const asCriteria = (criteria: CriterionRecord[]): Criterion[] =>
  criteria.map(({ rubricId: _r, sort: _s, ...c }) => c)

const drafts = (criteria: CriterionRecord[], values: ItemDraft[]) =>
  Object.fromEntries(criteria.map((c, i) => [c.id, values[i] as ItemDraft]))

/** What the server saves for what the form sends, as `board.inspection` answers it. */
function saveAndReopen(criteria: CriterionRecord[], items: Record<string, ItemDraft>) {
  const saved = scoreInspection(criteria, sentItems(asCriteria(criteria), items))
  if (!saved.ok) throw new Error(saved.fields[0]?.message)
  const view: InspectionView = {
    id: 'ins',
    roundId: 'r',
    householdId: 'h',
    inspectorId: 'u',
    inspectorName: '网格员',
    version: 1,
    total: saved.total,
    createdAt: 0,
    deductedItems: saved.deductedItems,
    reason: 'first',
    clientId: null,
    photos: [],
    items: saved.items.map(({ score: _score, ...item }) => item),
  }
  return { saved, version: toVersion(view, criteria, true) }
}

describe('scoring an inspection: the form and the server', () => {
  it('any entered values give the same total in the form and on the server', () => {
    fc.assert(
      fc.property(
        rubric.chain((criteria) => fc.tuple(fc.constant(criteria), entries(criteria))),
        ([criteria, values]) => {
          const items = drafts(criteria, values)
          const { saved } = saveAndReopen(criteria, items)
          expect(formTotal(asCriteria(criteria), items)).toBe(saved.total)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('a reopened form starts from what was entered and shows the saved total', () => {
    fc.assert(
      fc.property(
        rubric.chain((criteria) => fc.tuple(fc.constant(criteria), entries(criteria))),
        ([criteria, values]) => {
          const first = saveAndReopen(criteria, drafts(criteria, values))
          const reopened = initialItems(asCriteria(criteria), first.version)
          expect(formTotal(asCriteria(criteria), reopened)).toBe(first.saved.total)
          // Saved again unchanged: the same total, the same entries.
          const again = saveAndReopen(criteria, reopened)
          expect(again.saved.total).toBe(first.saved.total)
          expect(again.saved.items).toEqual(first.saved.items)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('clearing every problem gives each deduction item its full marks back', () => {
    fc.assert(
      fc.property(
        rubric.chain((criteria) => fc.tuple(fc.constant(criteria), entries(criteria))),
        ([criteria, values]) => {
          const first = saveAndReopen(criteria, drafts(criteria, values))
          const reopened = initialItems(asCriteria(criteria), first.version)
          for (const c of criteria) {
            const d = reopened[c.id] as ItemDraft
            reopened[c.id] = { ...d, deductions: 0 }
          }
          const cleared = saveAndReopen(criteria, reopened)
          for (const item of cleared.version.items) {
            if (item.deductionPerItem > 0) expect(item.score).toBe(item.maxPoints)
          }
          const direct = criteria.filter((c) => c.deductionPerItem === 0)
          const byProblems = criteria.filter((c) => c.deductionPerItem > 0)
          expect(cleared.saved.total).toBe(
            byProblems.reduce((sum, c) => sum + c.maxPoints, 0) +
              direct.reduce((sum, c) => sum + (reopened[c.id]?.points ?? 0), 0),
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the demo rubric: 95 with one problem on 庭院整洁 reopens at 95 and clears to 100', () => {
    const criteria: CriterionRecord[] = [
      { id: 'yard', name: '庭院整洁', maxPoints: 25, deductionPerItem: 5 },
      { id: 'trash', name: '垃圾分类', maxPoints: 20, deductionPerItem: 5 },
      { id: 'toilet', name: '厕所卫生', maxPoints: 15, deductionPerItem: 5 },
      { id: 'stock', name: '畜禽圈养', maxPoints: 15, deductionPerItem: 5 },
      { id: 'wood', name: '柴草堆放', maxPoints: 15, deductionPerItem: 5 },
      { id: 'front', name: '门前三包', maxPoints: 10, deductionPerItem: 2 },
    ].map((c, sort) => ({ ...c, rubricId: 'rub', category: '类', hint: '', sort }))
    const start = initialItems(asCriteria(criteria), null)
    expect(formTotal(asCriteria(criteria), start)).toBe(100)
    start.yard = { ...(start.yard as ItemDraft), deductions: 1 }
    const first = saveAndReopen(criteria, start)
    expect(first.saved.total).toBe(95)
    const reopened = initialItems(asCriteria(criteria), first.version)
    expect(formTotal(asCriteria(criteria), reopened)).toBe(95)
    reopened.yard = { ...(reopened.yard as ItemDraft), deductions: 0 }
    expect(formTotal(asCriteria(criteria), reopened)).toBe(100)
  })
})
