// The walk without signal: the list kept on the phone while online opens offline with a banner
// saying how old it is, and a household on it is scored from the saved rubric into the outbox.
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import InspectPage from '@/packages/staff/pages/inspect/index'
import InspectFormPage from '@/packages/staff/pages/inspect-form/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations, setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const WALK_PREFIX = 'hemei.offline.walk:'
const slow = { timeout: 10_000 }

/** The network goes: the API answers nothing (the page's assets are already loaded). */
function goOffline(): () => void {
  const online = globalThis.fetch
  globalThis.fetch = (input, init) =>
    String(input).startsWith('/api/')
      ? Promise.reject(new TypeError('offline'))
      : online(input, init)
  return () => {
    globalThis.fetch = online
  }
}

describe('入户检查 without signal', () => {
  it('shows no saved list offline when none was kept', async () => {
    await api.loginAs('demo-grid-1')
    const online = goOffline()
    try {
      render(<InspectPage />)
      expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
      expect(screen.queryByText(/无网络，显示/)).not.toBeInTheDocument()
    } finally {
      online()
    }
  })

  it('keeps the walk list while online, opens it offline with its age, and scores a household into the outbox', async () => {
    const token = await api.loginAs('demo-grid-1')
    const round = (await api.data('board.rounds', {}, token)).items.find((r) => r.status === 'open')
    if (!round) throw new Error('the demo seed has no open round')
    const all = await api.data('board.inspectables', { roundId: round.id, limit: 50 }, token)
    const todo = all.items.filter((i) => !i.done)
    const household = todo[todo.length - 1]
    if (!household) throw new Error('no household left to inspect')
    const label = `${household.houseNo} ${household.headName}`

    // Online: the list shows, and the whole list goes on the phone.
    const first = render(<InspectPage />)
    expect(await screen.findByText(`已检查 ${all.doneCount} / ${all.total} 户`)).toBeInTheDocument()
    const key = `${WALK_PREFIX}${round.id}`
    await waitFor(() => expect(localStorage.getItem(key)).not.toBeNull(), slow)
    expect(screen.queryByText(/无网络，显示/)).not.toBeInTheDocument()
    first.unmount()
    // Saved three hours ago, as if the worker had left the office then (Taro's H5 storage
    // wraps each value as {data}).
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as { data: { savedAt: string } }
    stored.data.savedAt = new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString()
    localStorage.setItem(key, JSON.stringify(stored))

    const online = goOffline()
    try {
      const list = render(<InspectPage />)
      expect(await screen.findByText('无网络，显示 3 小时前保存的名单')).toBeInTheDocument()
      expect(screen.getByText(`已检查 ${all.doneCount} / ${all.total} 户`)).toBeInTheDocument()
      // Filters work on the saved list: 未检查 only.
      fireEvent.click(screen.getByRole('option', { name: '未检查' }))
      await waitFor(() => expect(screen.queryAllByText(/^已检查 \d+分$/)).toHaveLength(0))
      list.unmount()

      // The form opens from the saved rubric and household, and saves into the outbox.
      setRouterParams({ roundId: round.id, householdId: household.householdId, name: label })
      const form = render(<InspectFormPage />)
      expect(
        await screen.findByText(/无网络：用手机上保存的评分标准从满分打分/),
      ).toBeInTheDocument()
      fireEvent.click(await screen.findByRole('button', { name: '庭院整洁发现问题加一' }))
      fireEvent.click(screen.getByText('保存检查（合计 95 分）'))
      await waitFor(() => expect(navigations.length).toBeGreaterThan(0), slow)
      form.unmount()

      render(<InspectPage />)
      expect(await screen.findByText('1 份检查待发送 · 联网后自动发送')).toBeInTheDocument()
      expect(await screen.findByText('立即发送', {}, slow)).toBeInTheDocument()
    } finally {
      online()
    }

    fireEvent.click(screen.getByText('立即发送'))
    await waitFor(() => expect(screen.queryByText(/份检查待发送/)).not.toBeInTheDocument(), slow)
    const after = await api.data(
      'board.inspection',
      { roundId: round.id, householdId: household.householdId },
      token,
    )
    expect(after.latest?.total).toBe(95)
    expect(after.latest?.version).toBe(1)
    expect(after.earlier).toHaveLength(0)
  })
})
