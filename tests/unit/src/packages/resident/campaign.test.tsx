import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { shanghaiDay } from '@contract/time'
import CampaignPage from '@/packages/resident/pages/campaign/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { setRouterParams, shareAppMessage } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => api.logout())

/** The demo campaign in `phase` (the seed has one in each of four phases). */
async function demoCampaign(phase: string, token?: string) {
  const { items } = await api.data('campaigns.list', {}, token)
  const found = items.find((c) => c.phase === phase)
  if (!found) throw new Error(`the demo seed has no campaign in ${phase}`)
  return found
}

const button = (label: string | RegExp) =>
  screen.getAllByText(label, { selector: '.nut-button *, .nut-button' })[0] as HTMLElement

describe('评选活动', () => {
  it('shows a visitor the phase with a countdown to the second, the rules and the candidates', async () => {
    const campaign = await demoCampaign('voting')
    const detail = await api.data('campaigns.get', { id: campaign.id })
    setRouterParams({ id: campaign.id })
    render(<CampaignPage />)

    expect(await screen.findByText(campaign.title)).toBeInTheDocument()
    expect(screen.getByText(/^距投票结束 \d+天\d+小时\d+分\d+秒$/)).toBeInTheDocument()
    expect(screen.getByText('评选规则')).toBeInTheDocument()
    for (const line of detail.rulesText) expect(screen.getByText(`· ${line}`)).toBeInTheDocument()
    const { items } = await api.data('campaigns.candidates', { campaignId: campaign.id })
    expect(await screen.findByText(`${items[0]?.number}号`)).toBeInTheDocument()
    expect(screen.getByText(items[0]?.story ?? '')).toBeInTheDocument()
    // Counts stay hidden until voting closes, and a visitor has no vote button.
    expect(screen.queryByText(/^\d+ 票$/)).not.toBeInTheDocument()
    expect(screen.queryByText(/^投票给/)).not.toBeInTheDocument()
    if (detail.me.voteBlockedReason) {
      expect(screen.getByText(detail.me.voteBlockedReason)).toBeInTheDocument()
    }
    // A plain share: the campaign's own title and page, nothing promised for it.
    expect(shareAppMessage()).toEqual({
      title: campaign.title,
      path: `/packages/resident/pages/campaign/index?id=${campaign.id}`,
    })
  })

  it('转发给家人 is a visible button: the browser’s share sheet with the title and link', async () => {
    const campaign = await demoCampaign('voting')
    const shared: ShareData[] = []
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: (data: ShareData) => {
        shared.push(data)
        return Promise.resolve()
      },
    })
    const copy = vi.spyOn(Taro, 'setClipboardData')
    try {
      setRouterParams({ id: campaign.id })
      render(<CampaignPage />)
      fireEvent.click(await screen.findByText('转发给家人'))
      await waitFor(() =>
        expect(shared).toEqual([{ title: campaign.title, url: window.location.href }]),
      )
      expect(copy).not.toHaveBeenCalled()
    } finally {
      copy.mockRestore()
      Reflect.deleteProperty(navigator, 'share')
    }
  })

  it('a resident votes, sees what is left today, and a vote over the limit is refused in words', async () => {
    const token = await api.loginAs('demo-resident-4')
    const campaign = await demoCampaign('voting', token)
    const detail = await api.data('campaigns.get', { id: campaign.id }, token)
    const left = detail.me.votesLeftToday ?? 0
    setRouterParams({ id: campaign.id })
    render(<CampaignPage />)

    if (left > 0) {
      expect(await screen.findByText(`今天还可以投 ${left} 票`)).toBeInTheDocument()
      // Each vote to a different candidate, so only the daily limit can stop them.
      for (let i = 0; i < left; i++) {
        const targets = await screen.findAllByText(/^投票给 \d+ 号$/, {
          selector: '.nut-button *, .nut-button',
        })
        await act(async () => {
          fireEvent.click(targets[i] as HTMLElement)
        })
        expect(await screen.findByText(`今天还可以投 ${left - i - 1} 票`)).toBeInTheDocument()
      }
      await act(async () => {
        fireEvent.click(button('投票（今天的票已投完）'))
      })
      expect(await screen.findByRole('alert')).toHaveTextContent(/^投票没有成功：.+/)
      // The tally agrees: today's valid votes are exactly the daily allowance.
      const today = shanghaiDay(Date.now())
      const { items } = await api.data('me.votes', { limit: 50 }, token)
      const mine = items.filter(
        (v) => v.campaignId === campaign.id && !v.invalidated && shanghaiDay(v.at) === today,
      )
      expect(mine).toHaveLength(detail.rules.votesPerDay)
    } else {
      expect(await screen.findByText(detail.me.voteBlockedReason ?? '')).toBeInTheDocument()
    }
  })

  it('during nomination a resident of the village may nominate, and no candidate is public yet', async () => {
    const token = await api.loginAs('demo-resident-1')
    const campaign = await demoCampaign('nomination', token)
    setRouterParams({ id: campaign.id })
    render(<CampaignPage />)

    expect(await screen.findByText('我要提名')).toBeInTheDocument()
    expect(await screen.findByText('审核通过的候选会在这里公布')).toBeInTheDocument()
    expect(screen.getByText(/^距提名截止 /)).toBeInTheDocument()
  })

  it('during 公示 it leads to the results', async () => {
    const campaign = await demoCampaign('publicity')
    setRouterParams({ id: campaign.id })
    render(<CampaignPage />)

    expect(await screen.findByText('查看结果公示')).toBeInTheDocument()
  })
})
