import type { ListKind, Round } from '@contract/board'
import { residentUrl } from '@/lib/routes'

/** 2026-11 → 2026年11月. */
export const monthLabel = (month: string) => {
  const [year, m] = month.split('-')
  return `${year}年${Number(m)}月`
}

export const listNames: Record<ListKind, string> = {
  red: '红榜',
  black: '黑榜',
  progress: '进步榜',
}

/** The ranking rules of a round in one line, e.g. 红榜 ≥ 90 分，黑榜 < 60 分（每村）. */
export function rulesLine(round: Round): string {
  const scope = { group: '每个村民小组', village: '每村', township: '全镇' }[round.scope]
  const red = [
    round.redThreshold !== null ? `≥ ${round.redThreshold} 分` : '',
    round.redTopN !== null ? `前 ${round.redTopN} 名` : '',
  ]
    .filter(Boolean)
    .join('且')
  const black = [
    round.blackThreshold !== null ? `< ${round.blackThreshold} 分` : '',
    round.blackBottomN !== null ? `后 ${round.blackBottomN} 名` : '',
  ]
    .filter(Boolean)
    .join('且')
  return `红榜 ${red}，黑榜 ${black}（${scope}排名）`
}

/** 0.834 → 83%. */
export const percent = (ratio: number) => `${Math.round(ratio * 100)}%`

/** An appeal's state as the resident and the grid worker read it. */
export const appealStatusNames = {
  pending: '待处理',
  reinspected: '已复查',
  rejected: '已驳回',
} as const

/** Where the board's own pages live. */
export const householdPageUrl = (roundId: string, householdId: string) =>
  residentUrl(
    'board-household',
    `roundId=${encodeURIComponent(roundId)}&householdId=${encodeURIComponent(householdId)}`,
  )

/** The board's staff pages (the `packages/staff` subpackage). */
export const boardStaffUrl = (page: string, query: Record<string, string> = {}) => {
  const search = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/packages/staff/pages/${page}/index${search ? `?${search}` : ''}`
}
