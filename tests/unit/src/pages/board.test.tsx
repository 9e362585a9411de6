import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import BoardPage from '@/pages/board/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import {
  demoHomeOf,
  demoRounds,
  demoTown,
  demoVillageBoard,
  demoVillageHouseholds,
  publishedScores,
  roundScores,
} from '../../../helpers/demo-facts'
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

/** A list's first page holds 20 lines; a tab says `20+` when there are more. */
const firstPage = (n: number) => `${Math.min(n, 20)}${n > 20 ? '+' : ''}`

/** The rows drawn of one list: score, and where the household lives. */
const rowsOf = (kind: 'red' | 'black' | 'progress') =>
  [...document.querySelectorAll<HTMLElement>(`.rank-list--${kind} .rank-list__row`)].map((row) => ({
    score: Number(/^(\d+)分/.exec(row.querySelector('.rank-list__score')?.textContent ?? '')?.[1]),
    where: row.querySelector('.rank-list__where')?.textContent ?? '',
    name: row.querySelector('.rank-list__name')?.textContent ?? '',
  }))

describe('红黑榜', () => {
  it('红黑榜 opens on the latest published round and shows its first red page with scores', async () => {
    // Demo facts: last month's round is published, every household inspected; red at 90 and
    // above, ranked per village, 柳家村 first.
    const { published } = demoRounds()
    // The average counts each household's latest score (a re-inspection during 公示 too).
    const latest = [...roundScores(published.id).values()]
    const average = Math.round((latest.reduce((a, b) => a + b, 0) / latest.length) * 10) / 10
    const redCount = [...publishedScores(published.id).values()].filter((s) => s >= 90).length
    const liujia = demoVillageBoard('柳家村')
    render(<BoardPage />)

    const month = await screen.findByRole('option', { name: monthLabel(published.month) })
    expect(month).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('option', { name: '全镇' })).toHaveAttribute('aria-selected', 'true')
    expect(
      await screen.findByText(
        `全镇 · 已检查 ${demoTown().households.length} 户 · 平均 ${average} 分`,
      ),
    ).toBeInTheDocument()
    expect(within(await listTabs()).getByText(`红榜 ${firstPage(redCount)}`)).toBeInTheDocument()
    const red = rowsOf('red')
    expect(red).toHaveLength(Math.min(redCount, 20))
    expect(red.every((r) => r.score >= 90)).toBe(true)
    // 柳家村's best household leads, with the village's best score.
    expect(red[0]?.where).toMatch(/^柳家村 · /)
    expect(red[0]?.score).toBe(Math.max(...liujia.red.map((r) => r.score)))
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
    // Demo facts: 张大爷's household and two neighbours scored below 60 last month.
    const black = demoVillageBoard('柳家村').black
    const home = demoHomeOf('demo-resident-1')
    expect(black.some((r) => r.household.id === home.id)).toBe(true)
    const history = await api.data('board.history', {}, token)
    render(<BoardPage />)

    fireEvent.click(within(await listTabs()).getByText(`黑榜 ${firstPage(black.length)}`))

    // Worst first; only the resident's own household is named in full, the rest are masked.
    await waitFor(() => expect(rowsOf('black')).toHaveLength(Math.min(black.length, 20)))
    const rows = rowsOf('black')
    expect(rows.map((r) => r.score)).toEqual(
      black
        .map((r) => r.score)
        .sort((a, b) => a - b)
        .slice(0, 20),
    )
    expect(rows.every((r) => r.where.startsWith('柳家村 · '))).toBe(true)
    expect(rows.filter((r) => r.name.startsWith(home.headName))).toHaveLength(1)
    expect(rows.filter((r) => !r.name.includes('*'))).toHaveLength(1)
    expect(screen.queryByRole('note')).not.toBeInTheDocument()
    expect(await screen.findByText('我家历次得分')).toBeInTheDocument()
    expect(screen.getAllByRole('listitem')).toHaveLength(history.items.length)
  })

  it('已整改 marks a black-listed household that a re-inspection lifted', async () => {
    await api.loginAs('demo-resident-1')
    render(<BoardPage />)
    await listTabs()

    // Demo fact: one of 柳家村's black-listed households was re-inspected during 公示.
    await waitFor(() => expect(rowsOf('black').length).toBeGreaterThan(0))
    expect(screen.queryAllByText('已整改')).toHaveLength(1)
  })

  it('choosing a village shows that village’s lists', async () => {
    const villages = await api.data('villages.list')
    const village = villages.find((v) => v.name === '河湾村')
    if (!village) throw new Error('the demo seed has no 河湾村')
    // Demo facts: every household inspected; red at 90 and above.
    const facts = demoVillageBoard('河湾村')
    const average = Math.round(
      ([...roundScores(demoRounds().published.id)]
        .filter(([id]) => demoVillageHouseholds('河湾村').some((h) => h.id === id))
        .reduce((sum, [, score]) => sum + score, 0) /
        facts.inspected) *
        10,
    )
    render(<BoardPage />)

    fireEvent.click(await screen.findByRole('option', { name: '河湾村' }))

    expect(
      await screen.findByText(
        `河湾村 · 已检查 ${demoVillageHouseholds('河湾村').length} 户 · 平均 ${average / 10} 分`,
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('option', { name: '河湾村' })).toHaveAttribute('aria-selected', 'true')
    await waitFor(() => expect(rowsOf('red')).toHaveLength(Math.min(facts.red.length, 20)))
    expect(rowsOf('red').every((r) => r.where.startsWith('河湾村 · ') && r.score >= 90)).toBe(true)
    expect(
      within(await listTabs()).getByText(`红榜 ${firstPage(facts.red.length)}`),
    ).toBeInTheDocument()
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
    // Demo facts: per village, up to 10 households that scored higher than the month before
    // and are not on the black list (below 60), best gain first; 柳家村 leads the township.
    const [before, last] = demoTown()
      .rounds.filter((r) => r.status === 'published')
      .slice(-2)
      .map((r) => publishedScores(r.id))
    const gainsIn = (village: string) =>
      demoVillageHouseholds(village).flatMap((h) => {
        const now = last?.get(h.id)
        const then = before?.get(h.id)
        return now !== undefined && then !== undefined && now > then && now >= 60
          ? [now - then]
          : []
      })
    const shown = demoTown().villages.reduce((n, v) => n + Math.min(10, gainsIn(v.name).length), 0)
    const liujia = gainsIn('柳家村')
    render(<BoardPage />)
    fireEvent.click(within(await listTabs()).getByText('进步榜'))

    await waitFor(() => expect(rowsOf('progress')).toHaveLength(Math.min(shown, 20)))
    expect(rowsOf('progress')[0]?.where).toMatch(/^柳家村 · /)
    const delta = document.querySelector('.rank-list--progress .rank-list__delta')
    expect(delta?.textContent).toBe(`↑${Math.max(...liujia)}`)
  })

  it('staff see each village’s average and coverage; a row opens the household’s breakdown', async () => {
    const token = await api.loginAs('demo-admin')
    // Staff open on the newest round, the one still being inspected.
    const [newest] = (await api.data('board.rounds', {}, token)).items
    const ranking = await api.data('board.ranking', { roundId: newest?.id ?? '' }, token)
    // Demo facts: this month's round has about 60 % of each village inspected so far.
    const open = demoRounds().open
    const expected = demoTown().villages.map((v) => {
      const households = demoVillageHouseholds(v.name)
      const scores = households.flatMap((h) => {
        const i = demoTown().inspections.find(
          (x) => x.roundId === open.id && x.householdId === h.id,
        )
        return i ? [i.total] : []
      })
      const average =
        scores.length === 0
          ? '—'
          : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10
      return `${v.name}（${scores.length}/${households.length}）· 平均 ${average} 分`
    })
    render(<BoardPage />)

    expect(
      await screen.findByText('各村平均分与检查覆盖率', {}, { timeout: 5000 }),
    ).toBeInTheDocument()
    await screen.findByText(/^红榜 \d+\+?$/)
    const rows = [...document.querySelectorAll('.village-stats__row')].map((row) =>
      `${row.querySelector('.village-stats__name')?.textContent}${row.querySelector('.village-stats__num')?.textContent}`.replace(
        /覆盖 [\d.]+%/,
        '',
      ),
    )
    expect(rows.map((r) => r.replace(/ · 红 \d+ 黑 \d+$/, ''))).toEqual(expected)

    const first = ranking.red[0]
    const redList = document.querySelector<HTMLElement>('.rank-list--red') ?? document.body
    fireEvent.click(within(redList).getAllByText(first?.name ?? '')[0] as HTMLElement)
    expect(navigations.at(-1)?.url).toBe(
      `/packages/resident/pages/board-household/index?roundId=${ranking.round.id}&householdId=${first?.householdId}`,
    )
  })
})
