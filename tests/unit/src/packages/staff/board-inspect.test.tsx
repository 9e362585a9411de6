import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import InspectPage from '@/packages/staff/pages/inspect/index'
import InspectFormPage from '@/packages/staff/pages/inspect-form/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { demoRounds, demoTown, demoVillageHouseholds } from '../../../../helpers/demo-facts'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

async function openRound(token: string) {
  const round = (await api.data('board.rounds', {}, token)).items.find((r) => r.status === 'open')
  if (!round) throw new Error('the demo seed has no open round')
  return round
}

const rowOf = (text: HTMLElement) =>
  text.closest<HTMLElement>('.inspect-list__row') ?? document.body

describe('入户检查', () => {
  it('the walk list shows my grid’s households with done and not-done marks', async () => {
    const token = await api.loginAs('demo-grid-1')
    const round = await openRound(token)
    const page = await api.data('board.inspectables', { roundId: round.id, limit: 30 }, token)
    // Demo facts: 李红梅 serves both grids of 柳家村; this month's round is partly inspected.
    const households = demoVillageHouseholds('柳家村')
    const done = households.filter((h) =>
      demoTown().inspections.some(
        (i) => i.roundId === demoRounds().open.id && i.householdId === h.id,
      ),
    ).length
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(households.length)
    render(<InspectPage />)

    expect(
      await screen.findByText(`已检查 ${done} / ${households.length} 户`, {}, { timeout: 5000 }),
    ).toBeInTheDocument()
    for (const item of page.items.slice(0, 5)) {
      const row = rowOf(screen.getByText(`${item.houseNo} ${item.headName}`))
      expect(
        within(row).getByText(item.done ? `已检查 ${item.score}分` : '未检查'),
      ).toBeInTheDocument()
    }

    fireEvent.click(screen.getByRole('option', { name: '未检查' }))
    await waitFor(() => expect(screen.queryAllByText(/^已检查 \d+分$/)).toHaveLength(0))
    // The first page of 30 of the households still to do, each marked so.
    const marks = () =>
      [...document.querySelectorAll('.inspect-list__row .inspect-list__mark')].map(
        (m) => m.textContent,
      )
    await waitFor(() => expect(marks()).toHaveLength(Math.min(30, households.length - done)))
    expect(new Set(marks())).toEqual(new Set(['未检查']))
  })

  it('an inspection saved without network waits as 待发送 and goes out when asked', async () => {
    const token = await api.loginAs('demo-grid-1')
    const round = await openRound(token)
    const { items } = await api.data(
      'board.inspectables',
      { roundId: round.id, done: false, limit: 1 },
      token,
    )
    const household = items[0]
    if (!household) throw new Error('no household left to inspect')
    const label = `${household.houseNo} ${household.headName}`
    setRouterParams({ roundId: round.id, householdId: household.householdId, name: label })
    const { unmount } = render(<InspectFormPage />)
    fireEvent.click(await screen.findByRole('button', { name: '庭院整洁发现问题加一' }))
    expect(screen.getByText('保存检查（合计 95 分）')).toBeInTheDocument()

    // The network goes: the API answers nothing.
    const online = globalThis.fetch
    globalThis.fetch = (input, init) =>
      String(input).startsWith('/api/')
        ? Promise.reject(new TypeError('offline'))
        : online(input, init)
    const slow = { timeout: 10_000 }
    try {
      fireEvent.click(screen.getByText('保存检查（合计 95 分）'))
      // The client sends the write again twice, with the same key, and says so.
      expect(await screen.findByText('正在重试…')).toBeInTheDocument()
      await waitFor(() => expect(screen.queryByText('正在保存…')).not.toBeInTheDocument(), slow)
      unmount()
      render(<InspectPage />)
      expect(await screen.findByText('1 份检查待发送 · 联网后自动发送')).toBeInTheDocument()
      const outbox = document.querySelector<HTMLElement>('.inspect-list--outbox') ?? document.body
      expect([...outbox.querySelectorAll('.inspect-list__name')].map((n) => n.textContent)).toEqual(
        [label],
      )
      // The list's own attempt to send fails too while offline; then it offers to send.
      expect(await screen.findByText('立即发送', {}, slow)).toBeInTheDocument()
    } finally {
      globalThis.fetch = online
    }

    fireEvent.click(screen.getByText('立即发送'))

    await waitFor(() => expect(screen.queryByText(/份检查待发送/)).not.toBeInTheDocument())
    const after = await api.data(
      'board.inspection',
      { roundId: round.id, householdId: household.householdId },
      token,
    )
    expect(after.latest?.total).toBe(95)
  })

  it('a household inspected again keeps its earlier version', async () => {
    const token = await api.loginAs('demo-grid-1')
    const round = await openRound(token)
    const { items } = await api.data(
      'board.inspectables',
      { roundId: round.id, done: true, limit: 1 },
      token,
    )
    const household = items[0]
    if (!household) throw new Error('no inspected household')
    setRouterParams({
      roundId: round.id,
      householdId: household.householdId,
      name: `${household.houseNo} ${household.headName}`,
    })
    render(<InspectFormPage />)

    expect(
      await screen.findByText(new RegExp(`上次 ${household.score} 分，本次保存为新的一次检查`)),
    ).toBeInTheDocument()
    fireEvent.click(screen.getByText(/^保存检查/))

    await waitFor(async () => {
      const after = await api.data(
        'board.inspection',
        { roundId: round.id, householdId: household.householdId },
        token,
      )
      expect(after.latest?.version).toBe((household.version ?? 0) + 1)
      expect(after.earlier.length).toBeGreaterThan(0)
    })
  })

  it('复查 opens at the saved score and clearing every problem gives 100 back', async () => {
    const token = await api.loginAs('demo-grid-1')
    const round = await openRound(token)
    const { items } = await api.data(
      'board.inspectables',
      { roundId: round.id, done: true, limit: 50 },
      token,
    )
    const household = items.find((h) => h.score !== null && h.score < 100)
    if (!household) throw new Error('no inspected household below full marks')
    const saved = await api.data(
      'board.inspection',
      { roundId: round.id, householdId: household.householdId },
      token,
    )
    const lost = saved.latest?.items.filter((i) => i.deductions > 0) ?? []
    // The seed records the problems behind every lost point.
    expect(lost.length).toBeGreaterThan(0)
    setRouterParams({
      roundId: round.id,
      householdId: household.householdId,
      name: `${household.houseNo} ${household.headName}`,
    })
    render(<InspectFormPage />)
    expect(await screen.findByText(`保存检查（合计 ${household.score} 分）`)).toBeInTheDocument()
    for (const item of lost) {
      for (let n = 0; n < item.deductions; n++) {
        fireEvent.click(screen.getByRole('button', { name: `${item.name}发现问题减一` }))
      }
    }
    // Every demo item counts problems: none left is the rubric's 100 points.
    expect(await screen.findByText('保存检查（合计 100 分）')).toBeInTheDocument()
  })
})
