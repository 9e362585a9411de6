// The township's wall clock (contract/time.ts): Asia/Shanghai is UTC+8 all year, so a day and
// a month turn at 16:00 UTC.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  SHANGHAI_OFFSET_MINUTES,
  inShanghai,
  shanghaiDay,
  shanghaiMonth,
} from '../../../contract/time'

describe('Shanghai time', () => {
  it('is UTC+8: 480 minutes ahead', () => {
    expect(SHANGHAI_OFFSET_MINUTES).toBe(480)
    expect(inShanghai(Date.parse('2026-12-04T14:30:00Z')).format('YYYY-MM-DD HH:mm')).toBe(
      '2026-12-04 22:30',
    )
    expect(inShanghai('2026-07-01T00:00:00Z').utcOffset()).toBe(480)
  })

  it('a day turns at 16:00 UTC: a millisecond before, at, and after', () => {
    const midnight = Date.parse('2026-12-04T16:00:00Z')
    expect(shanghaiDay(midnight - 1)).toBe('2026-12-04')
    expect(shanghaiDay(midnight)).toBe('2026-12-05')
    expect(shanghaiDay(new Date(midnight + 1))).toBe('2026-12-05')
  })

  it('a month and a year turn on the Shanghai calendar', () => {
    const newYear = Date.parse('2026-12-31T16:00:00Z')
    expect(shanghaiMonth(newYear - 1)).toBe('2026-12')
    expect(shanghaiMonth(newYear)).toBe('2027-01')
    expect(shanghaiDay(newYear)).toBe('2027-01-01')
  })

  it('a day from epoch ms (the arithmetic the server uses) is the day dayjs reads', () => {
    // 1970 to the last day of year 9999, the days either side of a Shanghai midnight included.
    const lastDay = Date.parse('9999-12-31T00:00:00Z')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lastDay - 1 }),
        fc.integer({ min: -2, max: 2 }),
        (ms, d) => {
          const at = Math.min(lastDay - 1, Math.max(0, ms - (ms % 86_400_000) + 16 * 3_600_000 + d))
          expect(shanghaiDay(at)).toBe(inShanghai(at).format('YYYY-MM-DD'))
          expect(shanghaiDay(ms)).toBe(inShanghai(ms).format('YYYY-MM-DD'))
        },
      ),
      { numRuns: 2_000 },
    )
    expect(shanghaiDay(0)).toBe('1970-01-01')
    expect(shanghaiDay(Date.parse('1970-01-01T15:59:59.999Z'))).toBe('1970-01-01')
    expect(shanghaiDay(Date.parse('1970-01-01T16:00:00Z'))).toBe('1970-01-02')
    expect(shanghaiDay(lastDay - 1)).toBe('9999-12-31')
  })
})
