import { fireEvent, render, screen, within } from '@testing-library/react'
import BoardPage from '@/pages/board/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

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
async function latestRanking(token?: string) {
  const rounds = await api.data('board.rounds', {}, token)
  const round = rounds.items.find((r) => r.status === 'published')
  if (!round) throw new Error('the demo seed has no published round')
  return api.data('board.ranking', { roundId: round.id }, token)
}

/** The tab bar of the red and black lists (NutUI Tabs has no ARIA roles to find it by). */
async function listTabs(): Promise<HTMLElement> {
  const red = await screen.findByText(/^红榜 \d+$/)
  const row = red.closest<HTMLElement>('.nut-tabs-titles')
  if (!row) throw new Error('list tabs not found')
  return row
}

describe('红黑榜', () => {
  it('红黑榜 opens on the latest published round and shows its red list with scores', async () => {
    const ranking = await latestRanking()
    expect(ranking.red.length).toBeGreaterThan(0)
    render(<BoardPage />)

    const month = await screen.findByRole('option', { name: monthLabel(ranking.round.month) })
    expect(month).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('option', { name: '全镇' })).toHaveAttribute('aria-selected', 'true')
    expect(
      await screen.findByText(`全镇 · 已检查 ${ranking.inspected} 户 · 平均 ${ranking.average} 分`),
    ).toBeInTheDocument()
    expect(within(await listTabs()).getByText(`红榜 ${ranking.red.length}`)).toBeInTheDocument()

    const first = ranking.red[0]
    expect(screen.getAllByText(first?.name ?? '').length).toBeGreaterThan(0)
    expect(screen.getAllByText(`${first?.score}分`).length).toBeGreaterThan(0)
    expect(
      screen.getAllByText(`${first?.villageName} · ${first?.groupName}`).length,
    ).toBeGreaterThan(0)
    // Long lists show 50 lines at a time.
    const shown = Math.min(50, ranking.red.length)
    expect(screen.getAllByText(/^\d+分$/)).toHaveLength(shown)
  })

  it('红黑榜 hides the black list from a visitor and says why', async () => {
    const ranking = await latestRanking()
    expect(ranking.black).toBeNull()
    render(<BoardPage />)

    fireEvent.click(within(await listTabs()).getByText('黑榜'))

    expect(
      await screen.findByText('黑榜仅向本村已绑定的村民公示，绑定家庭后可查看本村黑榜'),
    ).toBeInTheDocument()
    expect(screen.queryByText('本期没有上黑榜的家庭')).not.toBeInTheDocument()
  })

  it('红黑榜 shows 柳家村’s black list, names masked, to a bound resident of 柳家村', async () => {
    const token = await api.loginAs('demo-resident-1')
    const ranking = await latestRanking(token)
    const black = ranking.black ?? []
    expect(black.length).toBeGreaterThan(0)
    render(<BoardPage />)

    fireEvent.click(within(await listTabs()).getByText(`黑榜 ${black.length}`))

    for (const entry of black) {
      expect(entry.name).toContain('*')
      expect(entry.villageName).toBe('柳家村')
      expect(screen.getAllByText(entry.name).length).toBeGreaterThan(0)
      expect(screen.getAllByText(`${entry.score}分`).length).toBeGreaterThan(0)
    }
    // Every black line is from 柳家村; the red list beside it is township-wide.
    const redShown = ranking.red.slice(0, 50)
    const liujiaRed = redShown.filter((e) => e.villageName === '柳家村').length
    expect(screen.getAllByText(/^\d+分$/)).toHaveLength(redShown.length + black.length)
    expect(screen.getAllByText(/^柳家村 · \S+组$/)).toHaveLength(liujiaRed + black.length)
    expect(screen.queryByText(/^黑榜仅向本村已绑定的村民公示/)).not.toBeInTheDocument()
  })

  it('choosing a village shows that village’s lists', async () => {
    const villages = await api.data('villages.list')
    const village = villages.find((v) => v.name === '河湾村') ?? villages[0]
    const rounds = await api.data('board.rounds', {})
    const ranking = await api.data('board.ranking', {
      roundId: rounds.items[0]?.id ?? '',
      villageId: village?.id,
    })
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
    const shown = Math.min(50, ranking.red.length)
    expect(screen.getAllByText(/^\d+分$/)).toHaveLength(shown)
    expect(screen.getAllByText(new RegExp(`^${village?.name} · \\S+组$`))).toHaveLength(shown)
  })

  it('a long red list shows 50 households at a time, more on request', async () => {
    const ranking = await latestRanking()
    expect(ranking.red.length).toBeGreaterThan(50)
    const more = Math.min(50, ranking.red.length - 50)
    render(<BoardPage />)
    expect(await screen.findAllByText(/^\d+分$/)).toHaveLength(50)

    fireEvent.click(screen.getByText(`再显示 ${more} 户（共 ${ranking.red.length} 户）`))

    expect(screen.getAllByText(/^\d+分$/)).toHaveLength(50 + more)
  })
})
