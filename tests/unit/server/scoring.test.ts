// contract/scoring.ts: the one rule an inspection item scores by, stated with its numbers.
import { describe, expect, it } from 'vitest'
import {
  countsProblems,
  enteredOf,
  fullMarks,
  inspectionTotal,
  itemScore,
} from '../../../contract/scoring'

/** 庭院整洁: 25 points, 5 off per problem found. */
const yard = { maxPoints: 25, deductionPerItem: 5 }
/** 院落美化: 10 points, given directly. */
const direct = { maxPoints: 10, deductionPerItem: 0 }

describe('scoring an item', () => {
  it('an item counts problems when a problem costs 1 point or more; 0 means scored directly', () => {
    expect(countsProblems({ maxPoints: 10, deductionPerItem: 1 })).toBe(true)
    expect(countsProblems(yard)).toBe(true)
    expect(countsProblems(direct)).toBe(false)
  })

  it('a deduction item: 25 − 5 per problem, 0 at five problems and beyond, never above 25', () => {
    const at = (deductions: number) => itemScore(yard, { points: null, deductions })
    expect(at(0)).toBe(25)
    expect(at(1)).toBe(20)
    expect(at(4)).toBe(5)
    expect(at(5)).toBe(0)
    expect(at(6)).toBe(0)
    // A negative count finds no problem: full marks, not more.
    expect(at(-1)).toBe(25)
    // Points sent for a deduction item do not count.
    expect(itemScore(yard, { points: 3, deductions: 1 })).toBe(20)
    expect(itemScore(yard, { points: 100, deductions: 0 })).toBe(25)
  })

  it('a directly scored item: the points given within 0..10; problems do not count', () => {
    const at = (points: number | null) => itemScore(direct, { points, deductions: 0 })
    expect(at(0)).toBe(0)
    expect(at(9)).toBe(9)
    expect(at(10)).toBe(10)
    expect(at(11)).toBe(10)
    expect(at(-1)).toBe(0)
    expect(at(null)).toBe(0)
    expect(itemScore(direct, { points: 7, deductions: 3 })).toBe(7)
  })

  it('an untouched item has full marks: no problem found, or all its points given', () => {
    expect(fullMarks(yard)).toEqual({ points: null, deductions: 0 })
    expect(fullMarks(direct)).toEqual({ points: 10, deductions: 0 })
    expect(itemScore(yard, fullMarks(yard))).toBe(25)
    expect(itemScore(direct, fullMarks(direct))).toBe(10)
  })

  it('keeps only what counts: the problems of a deduction item, the points of a direct one', () => {
    expect(enteredOf(yard, { points: 20, deductions: 2 })).toEqual({ points: null, deductions: 2 })
    expect(enteredOf(yard, {})).toEqual({ points: null, deductions: 0 })
    expect(enteredOf(direct, { points: 8, deductions: 2 })).toEqual({ points: 8, deductions: 0 })
    expect(enteredOf(direct, {})).toEqual({ points: null, deductions: 0 })
  })

  it('the total sums the items; a missing item scores 0', () => {
    const criteria = [
      { id: 'yard', ...yard },
      { id: 'direct', ...direct },
    ]
    const entered = {
      yard: { points: null, deductions: 1 },
      direct: { points: 7, deductions: 0 },
    }
    expect(inspectionTotal(criteria, (id) => entered[id as keyof typeof entered])).toBe(27)
    expect(inspectionTotal(criteria, (id) => (id === 'yard' ? entered.yard : undefined))).toBe(20)
    expect(inspectionTotal(criteria, () => undefined)).toBe(0)
    expect(inspectionTotal([], () => entered.yard)).toBe(0)
  })
})
