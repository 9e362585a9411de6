import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { householdPageUrl } from '@/features/board/labels'
import RecordsPage from '@/packages/resident/pages/records/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations, setRouterParams } from '../../../../helpers/taro-shim'

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
  it('我的申诉 lists the household’s appeals with their state and round, each opening the scores', async () => {
    const token = await api.loginAs('demo-resident-1')
    const worker = await api.tokenOf('demo-grid-1')
    const { user } = await api.data('me.get', {}, token)
    const { items: rounds } = await api.data('board.rounds', {}, token)
    const round = rounds.find((r) => r.inPublicity)
    expect(round, 'the demo data has a round in 公示').toBeDefined()
    if (!round || !user?.household) return
    // The demo household has an appeal pending: the grid worker rejects it, and it appeals again.
    const demo = await api.data('board.myAppeals', {}, token)
    const pending = demo.items.find((a) => a.status === 'pending' && a.roundId === round.id)
    expect(pending, 'the demo household has an appeal pending').toBeDefined()
    if (!pending) return
    await api.data(
      'board.decideAppeal',
      { id: pending.id, decision: 'reject', reason: '复查时杂物仍在' },
      worker,
    )
    await api.data('board.appeal', { roundId: round.id, text: '杂物已经全部搬走了' }, token)
    const setTitle = vi.spyOn(Taro, 'setNavigationBarTitle')
    setRouterParams({ kind: 'appeals' })
    render(<RecordsPage />)

    expect(setTitle).toHaveBeenCalledWith({ title: '我的申诉' })
    expect(await screen.findByText('杂物已经全部搬走了')).toBeInTheDocument()
    expect(screen.getByText('待处理')).toBeInTheDocument()
    expect(screen.getByText('已驳回')).toBeInTheDocument()
    expect(screen.getByText('驳回理由：复查时杂物仍在')).toBeInTheDocument()
    expect(screen.getAllByText(round.title).length).toBeGreaterThanOrEqual(2)
    expect(screen.queryByText('还没有申诉过')).not.toBeInTheDocument()

    fireEvent.click(screen.getByText(pending.text))
    expect(navigations.at(-1)).toEqual({
      api: 'navigateTo',
      url: householdPageUrl(round.id, user.household.id),
    })
  })

  it('我的申诉 says so when the household has not appealed', async () => {
    await api.loginAs('demo-resident-3')
    setRouterParams({ kind: 'appeals' })
    render(<RecordsPage />)

    expect(await screen.findByText('还没有申诉过')).toBeInTheDocument()
  })

  it('an unknown kind reads 我的记录', () => {
    setRouterParams({ kind: 'other' })
    render(<RecordsPage />)

    expect(screen.getByText('没有这类记录')).toBeInTheDocument()
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
