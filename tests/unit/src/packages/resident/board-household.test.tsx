import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import BoardHouseholdPage from '@/packages/resident/pages/board-household/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { DEMO_RUBRIC } from '../../../../../server/seed/demo-content'
import {
  demoHomeOf,
  demoRounds,
  demoVillageBoard,
  publishedScores,
} from '../../../../helpers/demo-facts'
import { setRouterParams } from '../../../../helpers/taro-shim'

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
    await api.loginAs('demo-resident-1')
    // Demo facts: 张大爷's household, its score last month (below 60), the rubric's items, and
    // the seed's one appeal, still pending.
    const home = demoHomeOf('demo-resident-1')
    const score = publishedScores(demoRounds().published.id).get(home.id)
    expect(score).toBeLessThan(60)
    setRouterParams({ roundId: round.id, householdId: home.id })
    render(<BoardHouseholdPage />)

    expect(await screen.findByText(home.headName)).toBeInTheDocument()
    expect(screen.getByText(`${score}分`)).toBeInTheDocument()
    for (const item of DEMO_RUBRIC) {
      expect(screen.getByText(`${item.category} · ${item.name}`)).toBeInTheDocument()
    }
    expect(await screen.findByText('历次得分')).toBeInTheDocument()
    expect(screen.queryByText(/^只有本户/)).not.toBeInTheDocument()
    // The pending appeal is listed; a second one is not offered.
    expect(screen.getAllByText(/^待处理 · /)).toHaveLength(1)
    expect(screen.queryByText('提交申诉')).not.toBeInTheDocument()
  })

  it('a visitor sees a listed household’s scores but no notes, photos or house number', async () => {
    api.logout()
    const round = await publicRound()
    // Demo facts: a household of 柳家村's red list whose head agreed to be named there.
    const entry = demoVillageBoard('柳家村').red.find((r) => r.household.showNameOnRed)
    if (!entry) throw new Error('柳家村 has no named household on its red list')
    // The public opens a line by its id on the list (never the household's own id).
    const ranking = await api.data('board.ranking', { roundId: round.id })
    const line = ranking.red.find((e) => e.name === entry.household.headName)
    setRouterParams({ roundId: round.id, householdId: line?.householdId ?? '' })
    render(<BoardHouseholdPage />)

    expect(await screen.findByText(entry.household.headName)).toBeInTheDocument()
    expect(
      screen.getByText('只有本户、负责的网格员和镇管理员能看到检查备注和照片'),
    ).toBeInTheDocument()
    expect(screen.getByText(`${entry.score}分`)).toBeInTheDocument()
    expect(document.querySelectorAll('.score-breakdown__image')).toHaveLength(0)
    expect(screen.queryByText('提交申诉')).not.toBeInTheDocument()
  })

  it('a bound resident without a pending appeal appeals during 公示 and sees it listed', async () => {
    const round = await publicRound()
    // Demo facts: every household was inspected in a published round, and the seed's only
    // appeal is demo-resident-1's household (张德顺's, which 刘阿姨 shares); 陈师傅
    // (demo-resident-3) is 户主 陈国强 of 石坪村, another household.
    const token = await api.loginAs('demo-resident-3')
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
