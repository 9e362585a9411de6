// A round's rules and calendar (server/board/round.rules.ts), with the numbers they promise:
// 公示 and rectification counted in whole days from publication, the black-list line that a
// re-inspection must reach, a month's window on the Shanghai calendar.
import { describe, expect, it } from 'vitest'
import type { ListRules } from '../../../server/board/board.rules'
import {
  checkRules,
  inPublicity,
  monthWindow,
  previousMonth,
  publicityEnd,
  rectificationDeadline,
  rectificationThreshold,
} from '../../../server/board/round.rules'

const DAY = 86_400_000
const rules = (r: Partial<ListRules> = {}): ListRules => ({
  scope: 'village',
  redThreshold: 90,
  redTopN: null,
  blackThreshold: 60,
  blackBottomN: null,
  ...r,
})

describe('checkRules: each list is chosen by a threshold, a count or both', () => {
  it('accepts a threshold, a count, or both for each list', () => {
    expect(checkRules(rules())).toEqual([])
    expect(
      checkRules(rules({ redThreshold: null, redTopN: 10, blackThreshold: null, blackBottomN: 5 })),
    ).toEqual([])
    expect(checkRules(rules({ redTopN: 10, blackBottomN: 5 }))).toEqual([])
  })

  it('names each list that has neither', () => {
    expect(checkRules(rules({ redThreshold: null }))).toEqual([
      { path: 'redThreshold', message: '红榜须设分数线或前 N 名' },
    ])
    expect(checkRules(rules({ blackThreshold: null }))).toEqual([
      { path: 'blackThreshold', message: '黑榜须设分数线或后 N 名' },
    ])
    expect(
      checkRules(rules({ redThreshold: null, blackThreshold: null })).map((f) => f.path),
    ).toEqual(['redThreshold', 'blackThreshold'])
  })

  it('black line at or below the red line: 60 under 60 passes, 61 over 60 is refused', () => {
    expect(checkRules(rules({ redThreshold: 60, blackThreshold: 60 }))).toEqual([])
    expect(checkRules(rules({ redThreshold: 60, blackThreshold: 59 }))).toEqual([])
    expect(checkRules(rules({ redThreshold: 60, blackThreshold: 61 }))).toEqual([
      { path: 'blackThreshold', message: '黑榜分数线不能高于红榜分数线' },
    ])
  })

  it('compares the lines only when both are set', () => {
    expect(checkRules(rules({ redThreshold: null, redTopN: 3, blackThreshold: 95 }))).toEqual([])
    expect(checkRules(rules({ redThreshold: 10, blackThreshold: null, blackBottomN: 3 }))).toEqual(
      [],
    )
  })
})

describe('the calendar', () => {
  it('a month’s window runs from its first to its last millisecond in Shanghai', () => {
    expect(monthWindow('2026-02')).toEqual({
      start: Date.parse('2026-02-01T00:00:00+08:00'),
      end: Date.parse('2026-03-01T00:00:00+08:00') - 1,
    })
    expect(monthWindow('2026-12')).toEqual({
      start: Date.parse('2026-12-01T00:00:00+08:00'),
      end: Date.parse('2027-01-01T00:00:00+08:00') - 1,
    })
  })

  it('the previous month crosses a new year', () => {
    expect(previousMonth('2026-11')).toBe('2026-10')
    expect(previousMonth('2027-01')).toBe('2026-12')
    expect(previousMonth('2024-03')).toBe('2024-02')
  })

  it('公示 of 7 days ends 7 × 24 hours after publication', () => {
    const at = Date.parse('2026-12-01T10:00:00+08:00')
    expect(publicityEnd(at, 7)).toBe(Date.parse('2026-12-08T10:00:00+08:00'))
    expect(publicityEnd(at, 1)).toBe(at + DAY)
    expect(publicityEnd(at, 0)).toBe(at)
  })

  it('rectification of 30 days ends 30 × 24 hours after publication', () => {
    const at = Date.parse('2026-12-01T10:00:00+08:00')
    expect(rectificationDeadline(at, 30)).toBe(Date.parse('2026-12-31T10:00:00+08:00'))
    expect(rectificationDeadline(at, 1)).toBe(at + DAY)
  })
})

describe('inPublicity: appeals are open from publication until (not at) the end of 公示', () => {
  const round = { status: 'published', publishedAt: 1000, publicityEndsAt: 2000 }

  it('at, before and after each edge', () => {
    expect(inPublicity(round, 999)).toBe(false)
    expect(inPublicity(round, 1000)).toBe(true)
    expect(inPublicity(round, 1999)).toBe(true)
    expect(inPublicity(round, 2000)).toBe(false)
    expect(inPublicity(round, 2001)).toBe(false)
  })

  it('only a published round with both dates is in 公示', () => {
    expect(inPublicity({ ...round, status: 'open' }, 1500)).toBe(false)
    expect(inPublicity({ ...round, status: 'closed' }, 1500)).toBe(false)
    expect(inPublicity({ ...round, publishedAt: null }, 1500)).toBe(false)
    expect(inPublicity({ ...round, publicityEndsAt: null }, 1500)).toBe(false)
    // A round published at the epoch's first millisecond is still a published round.
    expect(inPublicity({ ...round, publishedAt: 0 }, 0)).toBe(true)
  })
})

describe('rectificationThreshold: the score that takes a household off the black list', () => {
  it('is the round’s black line, or 60 when the round ranks by count only', () => {
    expect(rectificationThreshold({ blackThreshold: 70 })).toBe(70)
    expect(rectificationThreshold({ blackThreshold: 0 })).toBe(0)
    expect(rectificationThreshold({ blackThreshold: null })).toBe(60)
  })
})
