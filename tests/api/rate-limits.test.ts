// Rate limits in the router, on both Store adapters: each class's budget is reached, the next
// call is refused with RATE_LIMITED saying when to try again, and the budget refills in the
// next window. Staff bulk work is not held to the residents' budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { budgets } from '../../contract/limits'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { tinyPng } from '../helpers/images'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('rate limits', () => {
  let api: TestApi
  // Each test starts on a window of its own, far from the others.
  let now = NOW
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of [who.admin, who.gridA, who.residentA, who.visitor, 't-newcomer'])
      tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  /** Calls `action` until refused or `max` calls; answers how many were let through, and the refusal. */
  async function until(max: number, call: () => Promise<{ status: number; body: unknown }>) {
    for (let i = 0; i < max; i++) {
      const answer = await call()
      if (answer.status === 429) return { passed: i, refusal: answer }
    }
    return { passed: max, refusal: null }
  }

  it('writes: 30 a minute for a resident; the 31st is refused until the next minute', async () => {
    now = NOW + 1 * HOUR - (NOW % MINUTE) // the start of a minute
    const subscribe = () =>
      api.post('campaigns.subscribe', { campaignId: 'c-town', on: true }, tokens[who.residentA])
    expect(budgets.write.limit).toBe(30)
    const { passed, refusal } = await until(40, subscribe)
    expect(passed).toBe(30)
    expect(refusal?.body).toMatchObject({
      ok: false,
      error: {
        code: 'RATE_LIMITED',
        message: '操作太频繁，请 1 分钟后再试',
        details: { retryAfterSeconds: 60 },
      },
    })
    // The refusal is audited; the budget refills in the next minute, not a second sooner.
    now += MINUTE - 1000
    expect((await subscribe()).status).toBe(429)
    now += 1000
    expect((await subscribe()).status).toBe(200)
  })

  it('staff are not held to it: a grid worker writes 40 times in a minute', async () => {
    now = NOW + 2 * HOUR
    const results = []
    for (let i = 0; i < 40; i++)
      results.push(
        (await api.post('households.update', { id: 'hh-a1', size: 2 + (i % 3) }, tokens[who.gridA]))
          .status,
      )
    expect(results.filter((s) => s === 200)).toHaveLength(40)
  })

  it('searches: 60 a minute', async () => {
    now = NOW + 3 * HOUR
    const search = () =>
      api.post('campaigns.nominees', { campaignId: 'c-a', name: '王芳' }, tokens[who.residentA])
    const first = await search()
    expect(first.status).toBe(200)
    const { passed } = await until(70, search)
    expect(passed + 1).toBe(60)
  })

  it('uploads: 30 an hour', async () => {
    now = NOW + 5 * HOUR - (NOW % HOUR) // the start of an hour
    // One a minute, within the write budget: the hourly upload budget is what runs out.
    const upload = () => {
      now += MINUTE
      return api.post(
        'media.upload',
        { fileName: 'p.png', kind: 'image', content: tinyPng().toString('base64') },
        tokens[who.residentA],
      )
    }
    const { passed, refusal } = await until(35, upload)
    expect(passed).toBe(30)
    expect(refusal?.body).toMatchObject({
      error: { message: expect.stringMatching(/^上传太频繁，请 \d+ 分钟后再试$/) },
    })
    now += HOUR
    expect((await upload()).status).toBe(200)
  })

  it('invite codes: 10 wrong ones an hour, then even a right one waits', async () => {
    now = NOW + 8 * HOUR
    const invite = await api.data<{ code: string }>(
      'households.invite',
      { householdId: 'hh-a3' },
      tokens[who.gridA],
    )
    const guess = (code: string) =>
      api.post('bindings.request', { by: 'invite', code, relation: 'head' }, tokens['t-newcomer'])
    for (let i = 0; i < 10; i++) expect((await guess(`WRONG${i}XY`.slice(0, 8))).status).toBe(404)
    const right = await guess(invite.code)
    expect(right.status).toBe(429)
    expect(right.body).toMatchObject({ error: { message: '输错的次数太多，请 1 小时后再试' } })
    now += HOUR
    expect((await guess(invite.code)).status).toBe(200)
  })

  it('keeps its counters in the store, one per caller, class and window, and the timer forgets ended ones', async () => {
    now = NOW + 20 * HOUR
    await api.post('campaigns.subscribe', { on: true }, tokens[who.residentA])
    expect(api.rows('rate_limits').length).toBeGreaterThan(0)
    now += 2 * 24 * HOUR
    await api.app.tick()
    expect(api.rows('rate_limits')).toEqual([])
  })
})
