import { render, screen } from '@testing-library/react'
import { shortDate } from '@/lib/dayjs'
import CampaignsPage from '@/pages/campaigns/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('评选', () => {
  it('评选 shows a visitor the three township-wide campaigns with their phases', async () => {
    const { items } = await api.data('campaigns.list', {})
    expect(items.map((c) => c.village)).toEqual([null, null, null])
    render(<CampaignsPage />)

    for (const campaign of items) {
      expect(await screen.findByText(campaign.title)).toBeInTheDocument()
    }
    for (const phase of ['审核中', '投票中', '公示中']) {
      expect(screen.getByText(phase)).toBeInTheDocument()
    }
    // 柳家村's own campaign is for its villagers only.
    expect(screen.queryByText('提名中')).not.toBeInTheDocument()
    expect(screen.getAllByText('全镇')).toHaveLength(3)
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
  })

  it('评选 lists all four demo campaigns, 提名中 to 公示中, for a resident of 柳家村', async () => {
    const token = await api.loginAs('demo-resident-1')
    const { items } = await api.data('campaigns.list', {}, token)
    expect(items).toHaveLength(4)
    render(<CampaignsPage />)

    for (const campaign of items) {
      expect(await screen.findByText(campaign.title)).toBeInTheDocument()
    }
    for (const phase of ['提名中', '审核中', '投票中', '公示中']) {
      expect(screen.getByText(phase)).toBeInTheDocument()
    }
    expect(screen.getByText('柳家村')).toBeInTheDocument()
  })

  it('each campaign shows its countdown, voting dates and candidate count', async () => {
    const { items } = await api.data('campaigns.list', {})
    render(<CampaignsPage />)

    await screen.findByText(items[0]?.title ?? '')
    expect(screen.getByText(/^距投票开始 \d+天\d+小时\d+分\d+秒$/)).toBeInTheDocument()
    expect(screen.getByText(/^距投票结束 \d+天\d+小时\d+分\d+秒$/)).toBeInTheDocument()
    expect(screen.getByText(/^距公示结束 \d+天\d+小时\d+分\d+秒$/)).toBeInTheDocument()
    for (const campaign of items) {
      const dates = `投票 ${shortDate(campaign.votingStartsAt)}–${shortDate(campaign.votingEndsAt)}`
      expect(screen.getByText(dates)).toBeInTheDocument()
    }
    const counts = items.map((c) => `候选 ${c.candidateCount} 户`)
    for (const count of new Set(counts)) {
      expect(screen.getAllByText(count)).toHaveLength(counts.filter((c) => c === count).length)
    }
  })
})
