// Pure ranking rules of the red and black list.
import type { ScoreRow } from '../store/store'

export interface ListRules {
  /** Red list: score at or above this. */
  redThreshold: number
  /** Black list: score below this. */
  blackThreshold: number
}

export interface Ranked extends ScoreRow {
  rank: number
}

const byHouseNo = (a: ScoreRow, b: ScoreRow) =>
  a.houseNo.localeCompare(b.houseNo, 'zh-CN', { numeric: true })

/** Best first: higher score, then fewer deducted items, then 门牌号 — so ties are stable. */
export function bestFirst(a: ScoreRow, b: ScoreRow): number {
  return b.total - a.total || a.deductedItems - b.deductedItems || byHouseNo(a, b)
}

/** Worst first, for the black list: lower score, then more deducted items, then 门牌号. */
export function worstFirst(a: ScoreRow, b: ScoreRow): number {
  return a.total - b.total || b.deductedItems - a.deductedItems || byHouseNo(a, b)
}

const ranked = (rows: ScoreRow[]): Ranked[] => rows.map((row, i) => ({ ...row, rank: i + 1 }))

/** Splits a round's scores into the red list (best first) and the black list (worst first). */
export function rankRound(rows: readonly ScoreRow[], rules: ListRules) {
  return {
    red: ranked(rows.filter((r) => r.total >= rules.redThreshold).sort(bestFirst)),
    black: ranked(rows.filter((r) => r.total < rules.blackThreshold).sort(worstFirst)),
  }
}

/** Mean score rounded to one decimal, or null when nobody was inspected. */
export function averageScore(rows: readonly ScoreRow[]): number | null {
  if (rows.length === 0) return null
  const sum = rows.reduce((total, row) => total + row.total, 0)
  return Math.round((sum / rows.length) * 10) / 10
}
