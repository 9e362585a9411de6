import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import BoardHouseholdPage from '@/pages/board-household/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { setRouterParams } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** The round in 公示 (published, appeals open) of the demo seed. */
async function publicRound() {
  const rounds = await api.data('board.rounds', {})
  const round = rounds.items.find((r) => r.inPublicity)
  if (!round) throw new Error('the demo seed has no round in 公示')
  return round
}

describe('检查详情', () => {
  it('a resident sees their own household’s full breakdown, notes and history', async () => {
    const round = await publicRound()
    const token = await api.loginAs('demo-resident-1')
    const home = (await api.data('me.get', {}, token)).user?.household
    const result = await api.data(
      'board.inspection',
      { roundId: round.id, householdId: home?.id ?? '' },
      token,
    )
    expect(result.fullDetail).toBe(true)
    setRouterParams({ roundId: round.id, householdId: home?.id ?? '' })
    render(<BoardHouseholdPage />)

    expect(await screen.findByText(result.household.name)).toBeInTheDocument()
    expect(screen.getByText(`${result.latest?.total}分`)).toBeInTheDocument()
    for (const item of result.latest?.items ?? []) {
      expect(screen.getByText(`${item.category} · ${item.name}`)).toBeInTheDocument()
    }
    expect(await screen.findByText('历次得分')).toBeInTheDocument()
    expect(screen.queryByText(/^只有本户/)).not.toBeInTheDocument()
    // The seed's pending appeal of this household is listed; a second one is not offered.
    expect(screen.getAllByText(/^待处理 · /).length).toBe(
      result.appeals.filter((a) => a.status === 'pending').length,
    )
    expect(screen.queryByText('提交申诉') !== null).toBe(result.canAppeal)
  })

  it('a visitor sees a listed household’s scores but no notes, photos or house number', async () => {
    const round = await publicRound()
    const ranking = await api.data('board.ranking', { roundId: round.id })
    const entry = ranking.red[0]
    setRouterParams({ roundId: round.id, householdId: entry?.householdId ?? '' })
    render(<BoardHouseholdPage />)

    expect(await screen.findByText(entry?.name ?? '')).toBeInTheDocument()
    expect(
      screen.getByText('只有本户、负责的网格员和镇管理员能看到检查备注和照片'),
    ).toBeInTheDocument()
    expect(screen.getByText(`${entry?.score}分`)).toBeInTheDocument()
    expect(document.querySelectorAll('.score-breakdown__image')).toHaveLength(0)
    expect(screen.queryByText('提交申诉')).not.toBeInTheDocument()
  })

  it('a bound resident without a pending appeal appeals during 公示 and sees it listed', async () => {
    const round = await publicRound()
    // Demo facts: every household was inspected in a published round, and the seed's only
    // appeal is demo-resident-1's; 刘阿姨 (demo-resident-2) lives in 柳家村 in another household.
    const token = await api.loginAs('demo-resident-2')
    const householdId = (await api.data('me.get', {}, token)).user?.household?.id ?? ''
    const before = await api.data('board.inspection', { roundId: round.id, householdId }, token)
    expect(before.canAppeal).toBe(true)
    expect(before.appeals).toEqual([])
    setRouterParams({ roundId: round.id, householdId })
    render(<BoardHouseholdPage />)

    fireEvent.click(await screen.findByText('提交申诉'))
    const box = await waitFor(() => {
      const area = document.querySelector<HTMLTextAreaElement>('textarea')
      expect(area).not.toBeNull()
      return area as HTMLTextAreaElement
    })
    fireEvent.input(box, {
      target: { value: '院子上周已经全部清理干净，请复查' },
    })
    fireEvent.click(screen.getByText('提交申诉'))

    expect(await screen.findByText('院子上周已经全部清理干净，请复查')).toBeInTheDocument()
    const after = await api.data('board.inspection', { roundId: round.id, householdId }, token)
    expect(after.appeals.some((a) => a.status === 'pending')).toBe(true)
  })
})
