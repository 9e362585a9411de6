// The demo township's 评选 as a resident meets it: candidates with photos that load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Candidate, CampaignSummary, Nomination } from '../../contract/campaigns'
import { NOW } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

describe('demo 评选', () => {
  let api: TestApi
  beforeAll(async () => {
    api = await startTestApi({ clock: () => NOW })
  })
  afterAll(() => api.close())

  it('lists candidates of the voting campaign with their photos served', async () => {
    const token = await api.login('demo-resident-1')
    const { items } = await api.data<{ items: CampaignSummary[] }>('campaigns.list', {}, token)
    const voting = items.find((c) => c.phase === 'voting')
    expect(voting).toBeDefined()
    const candidates = await api.data<{ items: Candidate[] }>(
      'campaigns.candidates',
      { campaignId: voting?.id },
      token,
    )
    const photo = candidates.items[0]?.photos[0] ?? ''
    expect(photo).toMatch(/^\/media\//)
    const res = await fetch(`${api.app.url}${photo}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('image/png')
  })

  it('gives the demo grid worker a nomination to review', async () => {
    const token = await api.login('demo-grid-1')
    const { items } = await api.data<{ items: Nomination[] }>(
      'campaigns.nominations',
      { status: 'pending' },
      token,
    )
    expect(items.length).toBeGreaterThan(0)
  })
})
