// The admin's round card while a county's lists are published in chunks: 村 done / total, the
// publish button held, a failure's reason, and the card asking again for progress.
import { render, screen } from '@testing-library/react'
import type { Round } from '@contract/board'
import { PUBLISHING_POLL_MS, RoundCard } from '@/features/board/components/round-card'

const round: Round = {
  id: 'rnd-2026-11',
  month: '2026-11',
  title: '2026年11月人居环境检查',
  status: 'open',
  rubricId: 'rub-1',
  rubricVersion: 1,
  windowStart: '2026-10-31T16:00:00.000Z',
  windowEnd: '2026-11-30T15:59:59.000Z',
  publishedAt: null,
  publicityEndsAt: null,
  inPublicity: false,
  scope: 'village',
  redThreshold: 90,
  redTopN: null,
  blackThreshold: 60,
  blackBottomN: null,
  publicityDays: 7,
  rectificationDays: 15,
}

afterEach(() => {
  vi.useRealTimers()
})

describe('a round being published in chunks', () => {
  it('shows 正在发布：12/40 个村 and holds the publish button', async () => {
    const publishing = {
      villagesDone: 12,
      villagesTotal: 40,
      phase: 'write' as const,
      failed: null,
    }
    render(<RoundCard round={{ ...round, publishing }} onChanged={() => {}} />)
    expect(await screen.findByText('正在发布：12/40 个村，完成后榜单一起公示')).toBeInTheDocument()
    expect(screen.getByText('正在发布…').closest('.nut-button')).toHaveClass('nut-button-disabled')
  })

  it('says why a publication stopped and lets the admin publish again', async () => {
    const failed =
      '预览之后检查结果有变化（现在已检查 3001 户，红榜 500 户、黑榜 700 户），请重新预览后再发布'
    const publishing = { villagesDone: 0, villagesTotal: 40, phase: 'write' as const, failed }
    render(<RoundCard round={{ ...round, publishing }} onChanged={() => {}} />)
    expect(await screen.findByText(`发布没有完成：${failed}`)).toBeInTheDocument()
    expect(screen.getByText('发布并公示').closest('.nut-button')).not.toHaveClass(
      'nut-button-disabled',
    )
  })

  it('shows nothing of the kind for a round without a job', async () => {
    render(<RoundCard round={round} onChanged={() => {}} />)
    expect(await screen.findByText('发布并公示')).toBeInTheDocument()
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('asks for the progress again every 10 seconds while it runs, and not after', () => {
    vi.useFakeTimers()
    const onChanged = vi.fn()
    const publishing = { villagesDone: 3, villagesTotal: 40, phase: 'write' as const, failed: null }
    const { rerender } = render(
      <RoundCard round={{ ...round, publishing }} onChanged={onChanged} />,
    )
    vi.advanceTimersByTime(PUBLISHING_POLL_MS - 1)
    expect(onChanged).toHaveBeenCalledTimes(0)
    vi.advanceTimersByTime(1)
    expect(onChanged).toHaveBeenCalledTimes(1)
    rerender(<RoundCard round={{ ...round, status: 'published' }} onChanged={onChanged} />)
    vi.advanceTimersByTime(PUBLISHING_POLL_MS * 3)
    expect(onChanged).toHaveBeenCalledTimes(1)
  })
})
