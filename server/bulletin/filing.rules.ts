// 信息报送考核: which month a notice belongs to, a village's score and the table's order.
// Pure functions; filing.actions.ts reads the store and calls these.
import type { FilingRow, FilingSettings } from '../../contract/filing'
import { SHANGHAI_OFFSET_MINUTES } from '../../contract/time'

/** The township's plan: at least one piece a month; a piece 1 point, an adopted one 3 more. */
export const DEFAULT_FILING_SETTINGS: FilingSettings = {
  minimum: 1,
  countWeight: 1,
  adoptedWeight: 3,
}

/** Where the settings live in store.settings (as JSON). */
export const FILING_SETTINGS_KEY = 'filing.settings'

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000

/** The month 'YYYY-MM' in Asia/Shanghai as epoch ms: [from, to). */
export function monthRange(month: string): { from: number; to: number } {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  return {
    from: Date.UTC(year, mon - 1, 1) - OFFSET_MS,
    to: Date.UTC(year, mon, 1) - OFFSET_MS,
  }
}

/** A number, and not NaN or ±Infinity (Number.isFinite never converts). */
const isFiniteNumber = (value: unknown): value is number => Number.isFinite(value)

/** Stored settings, falling back to the defaults for anything missing or unreadable. */
export function parseFilingSettings(raw: string | null): FilingSettings {
  // Stryker disable next-line ConditionalExpression: JSON.parse of '' throws, of null reads null: the catch answers the same
  if (!raw) return { ...DEFAULT_FILING_SETTINGS }
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof FilingSettings, unknown>>
    const pick = (key: keyof FilingSettings) => {
      const stored = value[key]
      return isFiniteNumber(stored) ? stored : DEFAULT_FILING_SETTINGS[key]
    }
    return {
      minimum: pick('minimum'),
      countWeight: pick('countWeight'),
      adoptedWeight: pick('adoptedWeight'),
    }
  } catch {
    return { ...DEFAULT_FILING_SETTINGS }
  }
}

/** Points for a month: every piece earns countWeight, every adopted one adoptedWeight more. */
export function filingScore(count: number, adopted: number, settings: FilingSettings): number {
  // Weights may be decimals (0.5): rounding to 2 places hides binary floating-point noise.
  return Math.round((count * settings.countWeight + adopted * settings.adoptedWeight) * 100) / 100
}

/** Whether a village filed fewer pieces than the monthly minimum. */
export const isBelowMinimum = (count: number, settings: FilingSettings): boolean =>
  count < settings.minimum

/** One village as the table needs it: in the villages' display order. */
export interface FilingVillage {
  id: string
  name: string
  sort: number
}

/**
 * The table: one row per village, highest score first, ties in the villages' own order
 * (sort, then name). Villages without any count get zeros.
 */
export function filingRows(
  villages: readonly FilingVillage[],
  counts: ReadonlyMap<string, { count: number; adopted: number }>,
  settings: FilingSettings,
): FilingRow[] {
  const ordered = [...villages].sort(
    (a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id),
  )
  const rows = ordered.map((village) => {
    const { count, adopted } = counts.get(village.id) ?? { count: 0, adopted: 0 }
    return {
      village: { id: village.id, name: village.name },
      count,
      adopted,
      score: filingScore(count, adopted, settings),
      belowMinimum: isBelowMinimum(count, settings),
    }
  })
  // Array.prototype.sort is stable: equal scores keep the village order from above.
  return rows.sort((a, b) => b.score - a.score)
}
