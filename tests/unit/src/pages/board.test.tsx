import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import BoardPage from '@/pages/board/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { navigations } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const monthLabel = (month: string) => {
  const [year, m] = month.split('-')
  return `${year}年${Number(m)}月`
}

/** The latest published round and its township-wide lists, as `token`'s user may see them. */
async function latestRanking(token?: string, villageId?: string) {
  const rounds = await api.data('board.rounds', {}, token)
  const round = rounds.items.find((r) => r.status === 'published')
  if (!round) throw new Error('the demo seed has no published round')
  return api.data('board.ranking', { roundId: round.id, villageId }, token)
}

/** The tab bar of the lists (NutUI Tabs has no ARIA roles to find it by). */
async function listTabs(): Promise<HTMLElement> {
  const red = await screen.findByText(/^红榜 \d+\+?$/)
  const row = red.closest<HTMLElement>('.nut-tabs-titles')
  if (!row) throw new Error('list tabs not found')
  return row
}

const count = (n: number, more: string | null) => `${n}${more ? '+' : ''}`

describe('红黑榜', () => {
  it('红黑榜 opens on the latest published round and shows its first red page with scores', async () => {
    const ranking = await latestRanking()
    expect(ranking.red.length).toBeGreaterThan(0)
    render(<BoardPage />)

    const month = await screen.findByRole('option', { name: monthLabel(ranking.round.month) })
    expect(month).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('option', { name: '全镇' })).toHaveAttribute('aria-selected', 'true')
    expect(
      await screen.findByText(`全镇 · 已检查 ${ranking.inspected} 户 · 平均 ${ranking.average} 分`),
    ).toBeInTheDocument()
    expect(
      within(await listTabs()).getByText(`红榜 ${count(ranking.red.length, ranking.redNext)}`),
    ).toBeInTheDocument()
    const first = ranking.red[0]
    expect(screen.getAllByText(first?.name ?? '').length).toBeGreaterThan(0)
    expect(
      screen.getAllByText(`${first?.villageName} · ${first?.groupName}`).length,
    ).toBeGreaterThan(0)
    // The red tab and the 进步榜 tab are drawn; the visitor's black tab holds a message.
    expect(screen.getAllByText(/^\d+分$/)).toHaveLength(
      ranking.red.length + ranking.progress.length,
    )
  })

  it('红黑榜 hides the black list from a visitor and says why', async () => {
    const ranking = await latestRanking()
    expect(ranking.black).toBeNull()
    render(<BoardPage />)

    fireEvent.click(within(await listTabs()).getByText('黑榜'))

    expect(await screen.findByRole('note')).toHaveTextContent(ranking.blackHiddenReason ?? '—')
    expect(screen.queryByText('本期没有上黑榜的家庭')).not.toBeInTheDocument()
    expect(screen.queryByText('我家历次得分')).not.toBeInTheDocument()
    expect(screen.queryByText('各村平均分与检查覆盖率')).not.toBeInTheDocument()
  })

  it('红黑榜 shows 柳家村’s black list, names masked, to a bound resident of 柳家村, and their history', async () => {
    const token = await api.loginAs('demo-resident-1')
    const ranking = await latestRanking(token)
    const black = ranking.black ?? []
    expect(black.length).toBeGreaterThan(0)
    const history = await api.data('board.history', {}, token)
    render(<BoardPage />)

    fireEvent.click(
      within(await listTabs()).getByText(`黑榜 ${count(black.length, ranking.blackNext)}`),
    )

    // Only the resident's own household is named in full; the rest of the village is masked.
    for (const entry of black) {
      if (!entry.fullDetail) expect(entry.name).toContain('*')
      expect(entry.villageName).toBe('柳家村')
      expect(screen.getAllByText(entry.name).length).toBeGreaterThan(0)
    }
    expect(screen.queryByRole('note')).not.toBeInTheDocument()
    expect(await screen.findByText('我家历次得分')).toBeInTheDocument()
    expect(screen.getAllByRole('listitem')).toHaveLength(history.items.length)
  })

  it('已整改 marks a black-listed household that a re-inspection lifted', async () => {
    const token = await api.loginAs('demo-resident-1')
    const black = (await latestRanking(token)).black ?? []
    const fixed = black.filter((e) => e.rectified)
    render(<BoardPage />)
    await listTabs()

    expect(screen.queryAllByText('已整改')).toHaveLength(fixed.length)
  })

  it('choosing a village shows that village’s lists', async () => {
    const villages = await api.data('villages.list')
    const village = villages.find((v) => v.name === '河湾村') ?? villages[0]
    const ranking = await latestRanking(undefined, village?.id)
    render(<BoardPage />)

    fireEvent.click(await screen.findByRole('option', { name: village?.name }))

    expect(
      await screen.findByText(
        `${village?.name} · 已检查 ${ranking.inspected} 户 · 平均 ${ranking.average} 分`,
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('option', { name: village?.name })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    expect(screen.getAllByText(new RegExp(`^${village?.name} · \\S+组`)).length).toBe(
      ranking.red.length + ranking.progress.length,
    )
  })

  it('a long red list loads its next page on request', async () => {
    const ranking = await latestRanking()
    expect(ranking.redNext).not.toBeNull()
    const next = await api.data('board.list', {
      roundId: ranking.round.id,
      list: 'red',
      cursor: ranking.redNext ?? undefined,
      limit: 50,
    })
    render(<BoardPage />)
    await listTabs()

    fireEvent.click(screen.getAllByText('加载更多')[0] as HTMLElement)

    const shown = ranking.red.length + next.items.length
    await waitFor(() =>
      expect(
        screen.getByText(new RegExp(`^红榜 ${shown}${next.nextCursor ? '\\+' : ''}$`)),
      ).toBeInTheDocument(),
    )
  })

  it('进步榜 lists the most improved households with how much they gained', async () => {
    const ranking = await latestRanking()
    render(<BoardPage />)
    fireEvent.click(within(await listTabs()).getByText('进步榜'))

    if (ranking.progress.length === 0) {
      expect(screen.getByText('和上期相比还没有进步的家庭')).toBeInTheDocument()
      return
    }
    const top = ranking.progress[0]
    expect(screen.getAllByText(`↑${top?.delta}`).length).toBeGreaterThan(0)
  })

  it('staff see each village’s average and coverage; a row opens the household’s breakdown', async () => {
    const token = await api.loginAs('demo-admin')
    // Staff open on the newest round, the one still being inspected.
    const [newest] = (await api.data('board.rounds', {}, token)).items
    const ranking = await api.data('board.ranking', { roundId: newest?.id ?? '' }, token)
    const stats = await api.data('board.villages', { roundId: ranking.round.id }, token)
    render(<BoardPage />)

    expect(
      await screen.findByText('各村平均分与检查覆盖率', {}, { timeout: 5000 }),
    ).toBeInTheDocument()
    await screen.findByText(/^红榜 \d+\+?$/)
    for (const s of stats) expect(screen.getAllByText(s.village.name).length).toBeGreaterThan(0)

    const first = ranking.red[0]
    const redList = document.querySelector<HTMLElement>('.rank-list--red') ?? document.body
    fireEvent.click(within(redList).getAllByText(first?.name ?? '')[0] as HTMLElement)
    expect(navigations.at(-1)?.url).toBe(
      `/pages/board-household/index?roundId=${ranking.round.id}&householdId=${first?.householdId}`,
    )
  })
})
