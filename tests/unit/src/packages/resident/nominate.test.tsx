import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import NominatePage from '@/packages/resident/pages/nominate/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => {
  api.logout()
  vi.restoreAllMocks()
  Taro.clearStorageSync()
})

const click = (label: string) =>
  act(async () => {
    fireEvent.click(screen.getAllByText(label, { selector: '.nut-button *, .nut-button' })[0]!)
  })

/** 柳家村's 好邻居 campaign, in its nomination phase in the demo seed. */
async function openForm(openid: string) {
  const token = await api.loginAs(openid)
  const { items } = await api.data('campaigns.list', {}, token)
  const campaign = items.find((c) => c.phase === 'nomination')
  if (!campaign) throw new Error('the demo seed has no campaign in nomination')
  setRouterParams({ campaignId: campaign.id })
  render(<NominatePage />)
  return { token, campaign }
}

describe('提名', () => {
  it('says beside each field what is missing and sends nothing', async () => {
    await openForm('demo-resident-1')
    expect(await screen.findByText('0/500')).toBeInTheDocument()
    const request = vi.spyOn(Taro, 'request')

    await click('提交提名')

    expect(await screen.findByText('请先查找并选择被提名的家庭')).toBeInTheDocument()
    expect(screen.getByText('事迹至少 10 个字')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })

  it('finds a neighbour by name, counts the story and submits the nomination', async () => {
    const { token, campaign } = await openForm('demo-resident-1')
    const neighbour = await api.demoHousehold('柳家村', 40)
    const back = vi.spyOn(Taro, 'navigateBack')

    fireEvent.input(await screen.findByPlaceholderText('输入户主姓名'), {
      target: { value: neighbour.headName },
    })
    await click('查找')
    const option = (await screen.findAllByRole('option')).find((o) =>
      o.textContent?.startsWith(`${neighbour.headName}家`),
    )
    if (!option) throw new Error('the neighbour was not found by name')
    fireEvent.click(option)
    expect(screen.getByText(new RegExp(`^已选：${neighbour.headName}家`))).toBeInTheDocument()

    const story = '他家每天帮隔壁的独居老人挑水做饭，十几年如一日。'
    await waitFor(() => expect(document.querySelector('textarea')).not.toBeNull())
    fireEvent.input(document.querySelector('textarea')!, { target: { value: story } })
    expect(screen.getByText(`${story.length}/500`)).toBeInTheDocument()
    await click('提交提名')

    await waitFor(() => expect(back).toHaveBeenCalled())
    const { items } = await api.data('me.nominations', {}, token)
    const mine = items.find((n) => n.campaignId === campaign.id && n.household.id === neighbour.id)
    expect(mine).toMatchObject({ status: 'pending', story, relation: 'mine' })
  })

  it('tells a visitor why they cannot nominate instead of showing the form', async () => {
    await api.loginAs('demo-visitor')
    const { items } = await api.data('campaigns.list', {})
    const campaign = items.find((c) => c.village === null)
    if (!campaign) throw new Error('the demo seed has no township-wide campaign')
    setRouterParams({ campaignId: campaign.id })
    render(<NominatePage />)

    expect(await screen.findByRole('alert')).toHaveTextContent(/.+/)
    expect(screen.queryByText('提交提名')).not.toBeInTheDocument()
  })
})
