// 信息报送考核 in numbers (server/bulletin/filing.rules.ts): a piece is 1 point, an adopted one
// 3 more, the minimum is 1 a month, months run on the Shanghai calendar.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_FILING_SETTINGS,
  FILING_SETTINGS_KEY,
  filingRows,
  filingScore,
  isBelowMinimum,
  monthRange,
  parseFilingSettings,
} from '../../../server/bulletin/filing.rules'

describe('filing numbers', () => {
  it('the township’s plan: at least 1 piece a month, 1 point each, 3 more when adopted', () => {
    expect(DEFAULT_FILING_SETTINGS).toEqual({ minimum: 1, countWeight: 1, adoptedWeight: 3 })
    expect(FILING_SETTINGS_KEY).toBe('filing.settings')
    expect(filingScore(1, 0, DEFAULT_FILING_SETTINGS)).toBe(1)
    expect(filingScore(1, 1, DEFAULT_FILING_SETTINGS)).toBe(4)
    expect(filingScore(0, 2, { minimum: 0, countWeight: 2, adoptedWeight: 5 })).toBe(10)
    expect(filingScore(3, 0, { minimum: 0, countWeight: 2, adoptedWeight: 5 })).toBe(6)
  })

  it('rounds decimal weights to two places', () => {
    expect(filingScore(1, 0, { minimum: 1, countWeight: 0.125, adoptedWeight: 0 })).toBe(0.13)
    expect(filingScore(7, 0, { minimum: 1, countWeight: 0.1, adoptedWeight: 0 })).toBe(0.7)
  })

  it('a minimum of 2: 1 piece is below, 2 and 3 are not', () => {
    const settings = { ...DEFAULT_FILING_SETTINGS, minimum: 2 }
    expect([1, 2, 3].map((n) => isBelowMinimum(n, settings))).toEqual([true, false, false])
  })

  it('a month in Shanghai: [the 1st at 00:00, the next 1st at 00:00)', () => {
    expect(monthRange('2026-02')).toEqual({
      from: Date.parse('2026-02-01T00:00:00+08:00'),
      to: Date.parse('2026-03-01T00:00:00+08:00'),
    })
    expect(monthRange('2027-01')).toEqual({
      from: Date.parse('2027-01-01T00:00:00+08:00'),
      to: Date.parse('2027-02-01T00:00:00+08:00'),
    })
  })

  it('reads each stored setting on its own, keeping only finite numbers', () => {
    expect(parseFilingSettings('{"minimum":2,"countWeight":0.5,"adoptedWeight":0}')).toEqual({
      minimum: 2,
      countWeight: 0.5,
      adoptedWeight: 0,
    })
    expect(parseFilingSettings('{"countWeight":2}')).toEqual({
      minimum: 1,
      countWeight: 2,
      adoptedWeight: 3,
    })
    expect(parseFilingSettings('{"adoptedWeight":1e999,"minimum":null}')).toEqual(
      DEFAULT_FILING_SETTINGS,
    )
    expect(parseFilingSettings('')).toEqual(DEFAULT_FILING_SETTINGS)
    expect(parseFilingSettings('{')).toEqual(DEFAULT_FILING_SETTINGS)
  })

  it('gives fresh defaults that a caller may change without touching the plan', () => {
    const a = parseFilingSettings(null)
    a.minimum = 9
    const b = parseFilingSettings('oops')
    b.minimum = 8
    expect(DEFAULT_FILING_SETTINGS.minimum).toBe(1)
    expect(parseFilingSettings(null).minimum).toBe(1)
  })

  it('orders equal scores by the villages’ sort, then name in Chinese order, then id', () => {
    const villages = [
      { id: 'v-b', name: '乙村', sort: 0 },
      { id: 'v-a2', name: '甲村', sort: 0 },
      { id: 'v-a1', name: '甲村', sort: 0 },
      { id: 'v-z', name: '丙村', sort: -1 },
    ]
    // 甲 (jiǎ) before 乙 (yǐ) in pinyin order; 丙 first by its sort.
    expect(
      filingRows(villages, new Map(), DEFAULT_FILING_SETTINGS).map((r) => r.village.id),
    ).toEqual(['v-z', 'v-a1', 'v-a2', 'v-b'])
  })

  it('fills each row: counts, score and the minimum, higher score first', () => {
    const rows = filingRows(
      [
        { id: 'v1', name: '甲村', sort: 0 },
        { id: 'v2', name: '乙村', sort: 1 },
      ],
      new Map([['v2', { count: 2, adopted: 1 }]]),
      DEFAULT_FILING_SETTINGS,
    )
    expect(rows).toEqual([
      { village: { id: 'v2', name: '乙村' }, count: 2, adopted: 1, score: 5, belowMinimum: false },
      { village: { id: 'v1', name: '甲村' }, count: 0, adopted: 0, score: 0, belowMinimum: true },
    ])
  })
})
