// Calendar months in Asia/Shanghai as the pages list them: zod-free, so the mini-program
// imports them without loading zod (eslint.config.mjs).
import { shanghaiMonth } from './time'

/** '2026-11' → '2026年11月'. */
export function monthLabel(month: string): string {
  const [year, mon] = month.split('-')
  return `${year}年${Number(mon)}月`
}

/** This month (Asia/Shanghai) and the `count - 1` before it, newest first. */
export function recentMonths(now: number, count = 12): string[] {
  const [year, mon] = shanghaiMonth(now).split('-').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (mon - 1) - i
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  })
}
