// The limiter's numbers at their boundaries (server/limits.ts): 30 writes a minute for a
// resident and 600 for staff, 10 wrong codes an hour, windows aligned to the epoch, and the
// wait it names rounded up.
import { describe, expect, it } from 'vitest'
import {
  drawsFor,
  failureDraws,
  rateLimited,
  spent,
  uploadBytes,
  waitText,
  type Draw,
} from '../../../server/limits'

const MIN = 60_000
const HOUR = 60 * MIN
const T = Date.parse('2026-12-04T02:00:30Z')

const only = (draws: Draw[]) => {
  expect(draws).toHaveLength(1)
  return draws[0] as Draw
}

describe('drawsFor', () => {
  it('a resident’s write: 30 a minute, in the minute’s window', () => {
    expect(drawsFor('notices.create', true, 'u-1', 'resident', {}, T)).toEqual([
      {
        cls: 'write',
        key: `write:u-1:${T - 30_000}`,
        windowStart: T - 30_000,
        windowEnd: T + 30_000,
        amount: 1,
        limit: 30,
      },
    ])
  })

  it('a grid worker and an admin write 600 a minute; a visitor and nobody 30', () => {
    const limit = (role: Parameters<typeof drawsFor>[3]) =>
      only(drawsFor('notices.create', true, 'u-1', role, {}, T)).limit
    expect(limit('gridWorker')).toBe(600)
    expect(limit('admin')).toBe(600)
    expect(limit('visitor')).toBe(30)
    expect(limit(null)).toBe(30)
  })

  it('a window starts at a whole minute: at it, and a millisecond before it', () => {
    const atMinute = Date.parse('2026-12-04T02:01:00Z')
    expect(only(drawsFor('notices.create', true, 'u', 'resident', {}, atMinute)).windowStart).toBe(
      atMinute,
    )
    expect(
      only(drawsFor('notices.create', true, 'u', 'resident', {}, atMinute - 1)).windowStart,
    ).toBe(atMinute - MIN)
  })

  it('a wrong code: 10 an hour for everyone, looked at before (amount 0)', () => {
    const draws = drawsFor('admin.claim', true, 'u-9', 'admin', {}, T)
    expect(draws.map((d) => [d.cls, d.amount, d.limit])).toEqual([
      ['write', 1, 600],
      ['wrongCode', 0, 10],
    ])
    const code = draws[1] as Draw
    expect(code.windowStart).toBe(Date.parse('2026-12-04T02:00:00Z'))
    expect(code.windowEnd - code.windowStart).toBe(HOUR)
  })

  it('a search read: 60 a minute, 600 for staff, and no write draw', () => {
    expect(
      drawsFor('users.search', false, 'u-1', 'resident', {}, T).map((d) => [d.cls, d.limit]),
    ).toEqual([['search', 60]])
    expect(drawsFor('households.list', false, 'u-1', 'admin', {}, T).map((d) => d.limit)).toEqual([
      600,
    ])
  })

  it('an upload slot draws one upload, 30 an hour', () => {
    expect(
      drawsFor('media.uploadSlot', true, 'u-1', 'resident', {}, T).map((d) => [
        d.cls,
        d.amount,
        d.limit,
      ]),
    ).toEqual([
      ['write', 1, 30],
      ['upload', 1, 30],
    ])
  })
})

describe('uploadBytes: what base64 content decodes to', () => {
  it('three bytes per four characters, rounded down; nothing without text content', () => {
    expect(uploadBytes({ content: 'AAAA' })).toBe(3)
    expect(uploadBytes({ content: 'AAAAA' })).toBe(3)
    expect(uploadBytes({ content: 'AAAAAA' })).toBe(4)
    expect(uploadBytes({ content: '' })).toBe(0)
    expect(uploadBytes({ content: 42 })).toBe(0)
    expect(uploadBytes({})).toBe(0)
    expect(uploadBytes(null)).toBe(0)
    expect(uploadBytes(undefined)).toBe(0)
  })
})

describe('spent', () => {
  const draw = (amount: number, limit: number): Draw => ({
    cls: 'write',
    key: 'k',
    windowStart: 0,
    windowEnd: MIN,
    amount,
    limit,
  })

  it('a call that counts: the 30th of 30 passes, the 31st is refused', () => {
    expect(spent(draw(1, 30), 29)).toBe(false)
    expect(spent(draw(1, 30), 30)).toBe(false)
    expect(spent(draw(1, 30), 31)).toBe(true)
  })

  it('a look at a failures-only counter: refused once 10 failures are counted', () => {
    expect(spent(draw(0, 10), 9)).toBe(false)
    expect(spent(draw(0, 10), 10)).toBe(true)
    expect(spent(draw(0, 10), 11)).toBe(true)
  })
})

describe('failureDraws', () => {
  it('a failed call draws one on each failures-only counter and nothing else', () => {
    const draws = drawsFor('bindings.request', true, 'u-3', 'visitor', {}, T)
    const failed = failureDraws(draws)
    expect(failed).toEqual([{ ...(draws[1] as Draw), amount: 1 }])
    expect(draws[1]?.amount).toBe(0)
    expect(failureDraws(drawsFor('notices.create', true, 'u', 'resident', {}, T))).toEqual([])
  })
})

describe('waitText and rateLimited', () => {
  it('never names a wait under 1 second', () => {
    expect(waitText(0)).toBe('1 秒')
    expect(waitText(-5)).toBe('1 秒')
  })

  it('names each class’s refusal and the time left in its window, at least a second', () => {
    const message = (action: Parameters<typeof drawsFor>[0], now: number, i = 0) => {
      const d = drawsFor(action, true, 'u', 'resident', { content: 'AAAA' }, T)[i] as Draw
      return rateLimited(d, now).message
    }
    expect(message('notices.create', T)).toBe('操作太频繁，请 30 秒后再试')
    expect(message('media.upload', T, 1)).toBe('上传太频繁，请 60 分钟后再试')
    expect(message('media.upload', T, 2)).toBe('今天上传的照片视频已经太多，请 22 小时后再试')
    expect(message('admin.claim', T, 1)).toBe('输错的次数太多，请 60 分钟后再试')
    // 500 ms left rounds up to a second; at the window's end it is still a second.
    expect(message('notices.create', T + 29_500)).toBe('操作太频繁，请 1 秒后再试')
    expect(message('notices.create', T + 30_000)).toBe('操作太频繁，请 1 秒后再试')
    const search = drawsFor('users.search', false, 'u', 'resident', {}, T)[0] as Draw
    expect(rateLimited(search, T + 29_001).message).toBe('查找太频繁，请 1 秒后再试')
    expect(rateLimited(search, T + 28_999).details).toEqual({ retryAfterSeconds: 2 })
  })
})
