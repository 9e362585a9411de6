import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * The township's clock: Asia/Shanghai is UTC+8 all year (no daylight saving), so a fixed
 * offset is exact, and it avoids the Intl time-zone data that some phones' JS engines lack.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** A moment seen on the township's wall clock. */
export function inShanghai(at: string | number | Date): Dayjs {
  return dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

/** Epoch ms of 9999-12-31T00:00Z: below it an ISO date has four digits of year. */
const LAST_ISO_DAY_MS = 253_402_214_400_000

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai, e.g. for per-day vote limits. */
export function shanghaiDay(at: string | number | Date): string {
  // Epoch ms (every server call): the fixed offset by arithmetic, without building a Dayjs.
  if (typeof at === 'number' && at >= 0 && at < LAST_ISO_DAY_MS) {
    return new Date(at + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10)
  }
  return inShanghai(at).format('YYYY-MM-DD')
}

/** The calendar month (YYYY-MM) in Asia/Shanghai, e.g. for inspection rounds. */
export function shanghaiMonth(at: string | number | Date): string {
  return inShanghai(at).format('YYYY-MM')
}
