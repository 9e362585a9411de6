import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '@/pages/me/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

afterEach(() => api.logout())

describe('我的 · 评选通知', () => {
  it('a bound resident subscribes to every campaign in their scope with one switch', async () => {
    const token = await api.loginAs('demo-resident-1')
    render(<MePage />)

    const row = await screen.findByRole('switch', { name: '评选通知' })
    expect(row).toHaveAttribute('aria-checked', 'false')
    expect(row).toHaveTextContent('本村和全镇的评选投票开始、结果公布时提醒我')
    await act(async () => {
      fireEvent.click(row)
    })
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: '评选通知' })).toHaveAttribute(
        'aria-checked',
        'true',
      ),
    )
    expect(await api.data('campaigns.subscription', {}, token)).toEqual({ all: true })
    const { items } = await api.data('campaigns.list', {}, token)
    const voting = items.find((c) => c.phase === 'voting')
    const detail = await api.data('campaigns.get', { id: voting?.id ?? '' }, token)
    expect(detail.me.subscribed).toBe(true)
  })

  it('is not offered to a visitor or to staff', async () => {
    await api.loginAs('demo-grid-1')
    render(<MePage />)

    expect(await screen.findByText('网格员工具')).toBeInTheDocument()
    expect(screen.queryByRole('switch', { name: '评选通知' })).not.toBeInTheDocument()
  })
})
