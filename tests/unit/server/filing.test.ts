import { describe, expect, it } from 'vitest'
import { monthLabel, recentMonths } from '../../../contract/filing'
import { shanghaiMonth } from '../../../contract/time'
import {
  DEFAULT_FILING_SETTINGS,
  filingRows,
  filingScore,
  isBelowMinimum,
  monthRange,
  parseFilingSettings,
} from '../../../server/bulletin/filing.rules'

const settings = DEFAULT_FILING_SETTINGS

describe('filing rules (信息报送考核)', () => {
  it('scores a piece countWeight and an adopted piece adoptedWeight more', () => {
    expect(filingScore(0, 0, settings)).toBe(0)
    expect(filingScore(2, 1, settings)).toBe(5)
    expect(filingScore(3, 1, { minimum: 1, countWeight: 0.1, adoptedWeight: 0.2 })).toBe(0.5)
  })

  it('is below the minimum only with fewer pieces than it', () => {
    expect(isBelowMinimum(0, settings)).toBe(true)
    expect(isBelowMinimum(1, settings)).toBe(false)
    expect(isBelowMinimum(0, { ...settings, minimum: 0 })).toBe(false)
    expect(isBelowMinimum(2, { ...settings, minimum: 3 })).toBe(true)
  })

  it('orders by score, ties in the villages’ own order, zeros for villages without counts', () => {
    const villages = [
      { id: 'v3', name: '丙村', sort: 2 },
      { id: 'v1', name: '甲村', sort: 0 },
      { id: 'v2', name: '乙村', sort: 1 },
      { id: 'v4', name: '丁村', sort: 3 },
    ]
    const counts = new Map([
      ['v3', { count: 2, adopted: 0 }],
      ['v2', { count: 2, adopted: 0 }],
      ['v4', { count: 1, adopted: 1 }],
    ])
    expect(
      filingRows(villages, counts, settings).map((r) => [r.village.id, r.score, r.belowMinimum]),
    ).toEqual([
      ['v4', 4, false],
      ['v2', 2, false],
      ['v3', 2, false],
      ['v1', 0, true],
    ])
  })

  it('takes a month in Asia/Shanghai', () => {
    const { from, to } = monthRange('2026-11')
    expect(new Date(from).toISOString()).toBe('2026-10-31T16:00:00.000Z')
    expect(new Date(to).toISOString()).toBe('2026-11-30T16:00:00.000Z')
    // Published at 2026-11-30T16:00Z = 2026-12-01 00:00 in Shanghai: December's.
    const edge = Date.parse('2026-11-30T16:00:00Z')
    expect(edge >= to).toBe(true)
    expect(shanghaiMonth(edge)).toBe('2026-12')
    expect(monthRange('2026-12').from).toBe(edge)
    expect(shanghaiMonth(edge - 1)).toBe('2026-11')
    // December runs into the next year.
    expect(new Date(monthRange('2026-12').to).toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  it('lists this month and the 11 before it, across a new year', () => {
    const months = recentMonths(Date.parse('2026-02-28T16:30:00Z'))
    expect(months).toHaveLength(12)
    expect(months.slice(0, 4)).toEqual(['2026-03', '2026-02', '2026-01', '2025-12'])
    expect(months[11]).toBe('2025-04')
    expect(monthLabel('2026-03')).toBe('2026年3月')
  })

  it('reads stored settings, falling back to the defaults', () => {
    expect(parseFilingSettings(null)).toEqual(settings)
    expect(parseFilingSettings('not json')).toEqual(settings)
    expect(parseFilingSettings('{"minimum":2,"countWeight":"x"}')).toEqual({
      ...settings,
      minimum: 2,
    })
  })
})
