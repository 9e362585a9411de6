import { describe, expect, it } from 'vitest'
import { shanghaiDay, shanghaiMonth } from '../../../../contract/time'
import { dateTime, fromNow, timeLeft } from '../../../../src/lib/dayjs'

// 2026-11-26 10:00 in Asia/Shanghai.
const now = Date.parse('2026-11-26T02:00:00Z')

describe('dates on the township clock', () => {
  it('says 刚刚, minutes, hours, then the date', () => {
    expect(fromNow(new Date(now - 30_000).toISOString(), now)).toBe('刚刚')
    expect(fromNow(new Date(now - 5 * 60_000).toISOString(), now)).toBe('5分钟前')
    expect(fromNow(new Date(now - 3 * 3_600_000).toISOString(), now)).toBe('3小时前')
    expect(fromNow('2026-11-20T02:00:00Z', now)).toBe('11月20日')
    expect(fromNow('2025-11-20T02:00:00Z', now)).toBe('2025年11月20日')
  })

  it('dates a notice by the Shanghai calendar, whatever form the time comes in', () => {
    // 2027-01-01 00:30 in Shanghai, when it is still 2026-12-31 in UTC.
    const jan1 = Date.parse('2027-01-01T00:30:00+08:00')
    expect(fromNow('2026-12-30T16:29:00Z', jan1)).toBe('2026年12月31日')
    expect(fromNow('2026-12-30T16:29:00.000Z', jan1)).toBe('2026年12月31日')
    expect(fromNow('2026-12-31T00:29:00+08:00', jan1)).toBe('2026年12月31日')
    expect(fromNow('2026-12-30T15:59:00Z', jan1)).toBe('2026年12月30日')
    expect(fromNow('2026-12-31T23:59:00+08:00', jan1)).toBe('31分钟前')
    // New Year's Day in Shanghai is still the old year in UTC: this year's, 1月1日.
    expect(fromNow('2025-12-31T16:30:00Z', now)).toBe('1月1日')
    expect(fromNow('2025-12-31T15:59:59Z', now)).toBe('2025年12月31日')
    expect(fromNow('2026-11-24T16:00:00Z', now)).toBe('11月25日')
    expect(fromNow('2026-11-24T15:59:59Z', now)).toBe('11月24日')
    // Not a zoned ISO time: read by dayjs as before.
    expect(fromNow('2026-11-20', now)).toBe('11月20日')
  })

  it('formats in UTC+8 whatever the machine zone', () => {
    expect(dateTime('2026-11-25T16:30:00Z')).toBe('2026年11月26日 00:30')
    expect(shanghaiDay('2026-11-25T15:59:59Z')).toBe('2026-11-25')
    expect(shanghaiDay('2026-11-25T16:00:00Z')).toBe('2026-11-26')
    expect(shanghaiMonth('2026-11-30T16:00:00Z')).toBe('2026-12')
  })

  it('counts down in days and hours, then hours and minutes', () => {
    expect(timeLeft(new Date(now + (3 * 24 + 5) * 3_600_000).toISOString(), now)).toBe('3天5小时')
    expect(timeLeft(new Date(now + 125 * 60_000).toISOString(), now)).toBe('2小时5分')
    expect(timeLeft(new Date(now + 20 * 60_000).toISOString(), now)).toBe('20分钟')
    expect(timeLeft(new Date(now - 1).toISOString(), now)).toBe('已截止')
  })
})
