import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import RecordsPage from '@/pages/records/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { setRouterParams } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => {
  vi.restoreAllMocks()
  api.logout()
})

describe('我的记录', () => {
  it('?kind=appeals is titled 我的申诉 and says it is empty until it opens', () => {
    const setTitle = vi.spyOn(Taro, 'setNavigationBarTitle')
    setRouterParams({ kind: 'appeals' })
    render(<RecordsPage />)

    expect(screen.getByText('我的申诉')).toBeInTheDocument()
    expect(screen.getByText('还没有记录')).toBeInTheDocument()
    expect(screen.getByText(/^镇里公布红黑榜后/)).toBeInTheDocument()
    expect(setTitle).toHaveBeenCalledWith({ title: '我的申诉' })
  })

  it('an unknown kind still reads 我的记录', () => {
    setRouterParams({ kind: 'other' })
    render(<RecordsPage />)

    expect(screen.getByText('我的记录')).toBeInTheDocument()
    expect(screen.getByText('还没有记录')).toBeInTheDocument()
  })

  it('我的投票 lists the votes I cast, with the campaign and the candidate', async () => {
    const token = await api.loginAs('demo-resident-1')
    const setTitle = vi.spyOn(Taro, 'setNavigationBarTitle')
    const { items } = await api.data('me.votes', {}, token)
    setRouterParams({ kind: 'votes' })
    render(<RecordsPage />)

    expect(setTitle).toHaveBeenCalledWith({ title: '我的投票' })
    if (items.length === 0) {
      expect(await screen.findByText('还没有投过票')).toBeInTheDocument()
      return
    }
    const first = items[0]!
    expect(
      (await screen.findAllByText(`投给 ${first.candidateNumber}号 ${first.candidateName}家`))[0],
    ).toBeInTheDocument()
    expect(screen.getAllByText(first.campaignTitle)[0]).toBeInTheDocument()
  })

  it('我的提名 shows my nominations with their status', async () => {
    const token = await api.loginAs('demo-resident-1')
    const { items } = await api.data('me.nominations', {}, token)
    setRouterParams({ kind: 'nominations' })
    render(<RecordsPage />)

    if (items.length === 0) {
      expect(await screen.findByText('还没有提名记录')).toBeInTheDocument()
      return
    }
    expect((await screen.findAllByText(items[0]!.campaignTitle))[0]).toBeInTheDocument()
  })
})
