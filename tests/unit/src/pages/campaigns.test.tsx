import { render, screen } from '@testing-library/react'
import CampaignsPage from '@/pages/campaigns/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('评选 page', () => {
  it('评选 lists the four demo campaigns with their phase labels', async () => {
    render(<CampaignsPage />)
    expect(await screen.findByText('提名中')).toBeInTheDocument()
  })
})
