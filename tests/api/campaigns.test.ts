import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignSummary } from '../../contract/campaigns'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

describe('campaigns.list', () => {
  let api: TestApi
  let now = NOW

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
  })
  afterAll(() => api.close())

  const list = async (openid?: string) => {
    const token = openid ? await api.login(openid) : undefined
    return (await api.data<{ items: CampaignSummary[] }>('campaigns.list', {}, token)).items
  }

  it('derives each phase and its end from the server clock', async () => {
    now = NOW
    const [village, town] = await list(who.residentA)
    expect(village).toMatchObject({ id: 'c-a', phase: 'nomination' })
    expect(town).toMatchObject({
      id: 'c-town',
      phase: 'voting',
      phaseEndsAt: new Date(NOW + 5 * DAY).toISOString(),
    })
    now = NOW + 5 * DAY
    expect((await list(who.residentA))[1]?.phase).toBe('publicity')
  })

  it("shows a village's campaign only to that village (and admins)", async () => {
    now = NOW
    expect((await list()).map((c) => c.id)).toEqual(['c-town'])
    expect((await list(who.residentB)).map((c) => c.id)).toEqual(['c-town'])
    expect((await list(who.admin)).map((c) => c.id)).toEqual(['c-a', 'c-town'])
  })
})
