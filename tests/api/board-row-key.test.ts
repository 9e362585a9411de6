// Reads never write, the first ranking after the first publication included: the key that masks
// line ids (settings 'board.rowKey') is stored by the publication itself. A town with no lists
// yet has no key; publishing r-open makes one; reading the ranking then changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { timeLimit } from '../helpers/store-adapters'

describe('the key of masked line ids', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}
  beforeAll(async () => {
    api = await startTestApi({
      snapshot: { ...buildTestTown(), boardEntries: [] },
      clock: () => NOW,
    })
    for (const openid of [who.admin, who.gridA, who.residentA])
      tokens[openid] = await api.login(openid)
  }, timeLimit(60_000))
  afterAll(() => api.close())

  const key = () =>
    api
      .rows('settings')
      .filter((r) => (r.key ?? r._id) === 'board.rowKey')
      .map((r) => String(r.value))

  it('is stored by the publication, and the first ranking read after it writes nothing', async () => {
    expect(key()).toEqual([])
    await api.data(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId: 'hh-a3',
        items: [
          { criterionId: 'crit-a', points: 30, note: '' },
          { criterionId: 'crit-b', deductions: 8, note: '' },
        ],
        clientId: 'row-key-inspect-1',
      },
      tokens[who.gridA],
    )
    const preview = await api.data<{ expect: { inspected: number; red: number; black: number } }>(
      'board.publishPreview',
      { roundId: 'r-open' },
      tokens[who.admin],
    )
    expect(preview.expect.black).toBeGreaterThan(0)
    await api.data(
      'board.publish',
      { roundId: 'r-open', expect: preview.expect },
      tokens[who.admin],
    )
    expect(key()).toHaveLength(1)
    expect(key()[0]).toMatch(/^[0-9a-f]{64}$/)
    const before = api.dumpAll(['audit_log'])
    const ranking = await api.data<{ black: { id: string }[] }>(
      'board.ranking',
      { roundId: 'r-open' },
      tokens[who.residentA],
    )
    expect(ranking.black.length).toBeGreaterThan(0)
    expect(api.dumpAll(['audit_log'])).toBe(before)
  })
})
