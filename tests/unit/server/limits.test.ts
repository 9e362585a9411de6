// The limiter's rules: which counters a call draws on, how much, when one is spent, and the
// wait it names.
import { describe, expect, it } from 'vitest'
import { budgets } from '../../../contract/limits'
import {
  drawsFor,
  failureDraws,
  rateLimited,
  spent,
  uploadBytes,
  waitText,
} from '../../../server/limits'

const MB = 1024 * 1024
const T = Date.parse('2026-12-04T02:00:30Z')

describe('rate-limit rules', () => {
  it('an upload draws on the write, upload and daily byte budgets, by its decoded size', () => {
    const content = 'A'.repeat(4 * 1000) // 3,000 bytes once decoded
    expect(uploadBytes({ content })).toBe(3000)
    const draws = drawsFor('media.upload', true, 'u-1', 'resident', { content }, T)
    expect(draws.map((d) => [d.cls, d.amount, d.limit])).toEqual([
      ['write', 1, 30],
      ['upload', 1, 30],
      ['uploadBytes', 3000, 50 * MB],
    ])
    // The day's window: midnight UTC to midnight UTC, keyed by caller.
    expect(draws[2]?.key).toBe(`uploadBytes:u-1:${Date.parse('2026-12-04T00:00:00Z')}`)
  })

  it('50 MB a day: at the budget passes, a byte over is spent', () => {
    const [bytes] = drawsFor('media.upload', true, 'u-1', 'resident', { content: 'AAAA' }, T).slice(
      2,
    )
    if (!bytes) throw new Error('no byte draw')
    expect(spent(bytes, 50 * MB - 1)).toBe(false)
    expect(spent(bytes, 50 * MB)).toBe(false)
    expect(spent(bytes, 50 * MB + 1)).toBe(true)
  })

  it('staff have their own, larger budgets', () => {
    const [write] = drawsFor('notices.create', true, 'u-2', 'gridWorker', {}, T)
    expect(write?.limit).toBe(budgets.write.staffLimit)
    expect(budgets.write.staffLimit).toBeGreaterThan(budgets.write.limit)
  })

  it('a wrong-code budget is looked at before (amount 0), drawn on by a failure, spent at 10', () => {
    const draws = drawsFor('bindings.request', true, 'u-3', 'visitor', {}, T)
    const code = draws.find((d) => d.cls === 'wrongCode')
    expect(code?.amount).toBe(0)
    expect(spent(code!, 9)).toBe(false)
    expect(spent(code!, 10)).toBe(true)
    expect(failureDraws(draws).map((d) => [d.cls, d.amount])).toEqual([['wrongCode', 1]])
  })

  it('reads draw only when they search, and a caller without an identity by address', () => {
    expect(drawsFor('notices.list', false, 'ip:1.2.3.4', null, {}, T)).toEqual([])
    // Counting a view and the dev sign-in are writes that draw on no budget.
    expect(drawsFor('notices.open', true, 'ip:1.2.3.4', null, {}, T)).toEqual([])
    expect(drawsFor('auth.devLogin', true, 'ip:1.2.3.4', null, {}, T)).toEqual([])
    expect(drawsFor('campaigns.nominees', false, 'ip:1.2.3.4', null, {}, T)[0]?.key).toBe(
      `search:ip:1.2.3.4:${Date.parse('2026-12-04T02:00:00Z')}`,
    )
  })

  it('names the wait in seconds, minutes or hours, rounding up', () => {
    expect([1, 59, 60, 61, 3599, 3600, 3601].map(waitText)).toEqual([
      '1 秒',
      '59 秒',
      '1 分钟',
      '2 分钟',
      '60 分钟',
      '1 小时',
      '2 小时',
    ])
    const [write] = drawsFor('notices.create', true, 'u-1', 'resident', {}, T)
    const refusal = rateLimited(write!, T)
    expect(refusal.code).toBe('RATE_LIMITED')
    expect(refusal.details).toEqual({ retryAfterSeconds: 30 })
    expect(refusal.message).toBe('操作太频繁，请 30 秒后再试')
  })
})
