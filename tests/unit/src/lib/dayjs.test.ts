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
