// The "changed nothing" proof that the role matrix, privacy and the refusal tests rest on:
// api.dumpAll() reuses its last dump while the database's data version stands still, so it must
// see every committed write at once, or those tests could never fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { timeLimit } from '../helpers/store-adapters'

describe('api.dumpAll', () => {
  let api: TestApi
  let token: string
  beforeAll(async () => {
    api = await startTestApi()
    token = await api.login('demo-resident-3')
  }, timeLimit(60_000))
  afterAll(() => api.close())

  it('shows a committed write in the very next dump', async () => {
    const before = api.dumpAll(['audit_log'])
    await api.data('me.updateProfile', { nickname: '陈师傅改名' }, token)
    const after = api.dumpAll(['audit_log'])
    expect(after).not.toBe(before)
    expect(after).toContain('陈师傅改名')
    expect(before).not.toContain('陈师傅改名')
  })

  it('answers the same dump after a read, and a second write shows too', async () => {
    const first = api.dumpAll(['audit_log'])
    await api.data('notices.list', { limit: 5 }, token)
    expect(api.dumpAll(['audit_log'])).toBe(first)
    await api.data('me.updateProfile', { nickname: '陈师傅' }, token)
    const second = api.dumpAll(['audit_log'])
    expect(second).not.toBe(first)
    expect(second).not.toContain('陈师傅改名')
  })

  it('keeps dumps with different tables left out apart', async () => {
    const without = api.dumpAll(['audit_log'])
    const whole = api.dumpAll()
    expect(whole.length).toBeGreaterThan(without.length)
    expect(api.dumpAll(['audit_log'])).toBe(without)
  })
})
