import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import AppealsPage from '@/packages/staff/pages/appeals/index'
import RoundsPage from '@/packages/staff/pages/rounds/index'
import RubricPage from '@/packages/staff/pages/rubric/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** Types into the NutUI input showing `value` (the first one). */
function retype(value: string, next: string) {
  const input = screen.getAllByDisplayValue(value)[0] as HTMLInputElement
  fireEvent.input(input, { target: { value: next } })
}

describe('评分标准', () => {
  it('the total must be 100: the server’s reason shows, and a fixed rubric saves as a new version', async () => {
    const token = await api.loginAs('demo-admin')
    const before = await api.data('rubrics.current', {}, token)
    const first = before?.criteria[0]
    render(<RubricPage />)

    expect(
      await screen.findByText(`当前第 ${before?.version} 版；`, { exact: false }),
    ).toBeInTheDocument()
    expect(screen.getByText('合计 100 分')).toBeInTheDocument()
    retype(String(first?.maxPoints), String((first?.maxPoints ?? 0) - 5))
    expect(screen.getByText('合计 95 分（须为 100 分）')).toBeInTheDocument()
    fireEvent.click(screen.getByText('保存为新版本'))
    expect(await screen.findByRole('alert')).toBeInTheDocument()
    expect((await api.data('rubrics.current', {}, token))?.version).toBe(before?.version)

    fireEvent.click(screen.getByText('添加检查项'))
    const rows = screen.getAllByLabelText(/^第 \d+ 项$/)
    const added = rows[rows.length - 1] as HTMLElement
    const inputs = added.querySelectorAll('input')
    fireEvent.input(inputs[0] as HTMLInputElement, { target: { value: '绿化' } })
    fireEvent.input(inputs[1] as HTMLInputElement, { target: { value: '房前屋后绿化' } })
    fireEvent.input(inputs[2] as HTMLInputElement, { target: { value: '5' } })
    expect(screen.getByText('合计 100 分')).toBeInTheDocument()
    fireEvent.click(screen.getByText('保存为新版本'))

    await waitFor(async () => {
      const after = await api.data('rubrics.current', {}, token)
      expect(after?.version).toBe((before?.version ?? 0) + 1)
      expect(after?.criteria.map((c) => c.name)).toContain('房前屋后绿化')
    })
  })
})

describe('红黑榜轮次与发布', () => {
  it('an admin reviews the open round’s lists and publishes it', async () => {
    const token = await api.loginAs('demo-admin')
    const open = (await api.data('board.rounds', {}, token)).items.find((r) => r.status === 'open')
    render(<RoundsPage />)

    const card = await screen.findByLabelText(open?.title ?? '')
    fireEvent.click(within(card).getByText('审核榜单'))
    expect(await within(card).findByText(/^已检查 \d+\/\d+ 户/)).toBeInTheDocument()
    expect(within(card).getByText('各村平均分与检查覆盖率')).toBeInTheDocument()

    // 发布并公示 first shows what will become public; nothing is published yet.
    const villages = await api.data('board.villages', { roundId: open?.id ?? '' }, token)
    const liujia = villages.find((v) => v.village.name === '柳家村')
    if (!liujia) throw new Error('no 柳家村 in the demo')
    fireEvent.click(within(card).getByText('发布并公示'))
    const left = liujia.households - liujia.inspected
    expect(
      await within(card).findByText(
        `柳家村 ${liujia.inspected}/${liujia.households} 户已检查，${left} 户未检查，不上榜`,
      ),
    ).toBeInTheDocument()
    expect(within(card).getByText(/^公示期：/)).toBeInTheDocument()
    expect((await api.data('board.round', { id: open?.id ?? '' }, token)).status).toBe('open')

    // The second, explicit confirmation names the lists' sizes.
    fireEvent.click(within(card).getByText(/^确认发布：红榜 \d+ 户、黑榜 \d+ 户$/))
    await waitFor(async () => {
      const round = await api.data('board.round', { id: open?.id ?? '' }, token)
      expect(round.status).toBe('published')
    })
    const published = await screen.findByLabelText(open?.title ?? '')
    expect(await within(published).findByText('导出 Excel')).toBeInTheDocument()
    fireEvent.click(within(published).getByText('打印榜单'))
    expect(navigations.at(-1)?.url).toBe(
      `/packages/staff/pages/board-print/index?roundId=${open?.id}`,
    )
  })

  it('an admin withdraws a publication during 公示 with a reason', async () => {
    const token = await api.loginAs('demo-admin')
    const round = (await api.data('board.rounds', {}, token)).items.find((r) => r.inPublicity)
    if (!round) throw new Error('the demo has a round in 公示')
    render(<RoundsPage />)

    const card = await screen.findByLabelText(round.title)
    fireEvent.click(within(card).getByText('撤回公示'))
    const reason = within(card).getByPlaceholderText('撤回理由（收到通知的家庭会看到）')
    fireEvent.input(reason, { target: { value: '错' } })
    fireEvent.click(within(card).getByText('确认撤回'))
    expect(await within(card).findByRole('alert')).toHaveTextContent(
      '请写明撤回理由（至少 5 个字）',
    )

    fireEvent.input(reason, { target: { value: '两户的分数录错了，核对后重新公示' } })
    fireEvent.click(within(card).getByText('确认撤回'))
    await waitFor(async () => {
      expect((await api.data('board.round', { id: round.id }, token)).status).toBe('open')
    })
    const reopened = await screen.findByLabelText(round.title)
    expect(await within(reopened).findByText('发布并公示')).toBeInTheDocument()
  })

  it('opening a month that already has a round shows why', async () => {
    await api.loginAs('demo-admin')
    render(<RoundsPage />)
    fireEvent.click(await screen.findByText('开启检查'))
    expect(await screen.findByRole('alert')).toHaveTextContent(/.+/)
  })
})

describe('红黑榜申诉', () => {
  it('the grid worker rejects a pending appeal with a reason', async () => {
    const token = await api.loginAs('demo-grid-1')
    const { items } = await api.data('board.appeals', { status: 'pending' }, token)
    const appeal = items[0]
    expect(appeal, 'the demo seed has an appeal waiting for demo-grid-1').toBeDefined()
    render(<AppealsPage />)

    const card = await screen.findByLabelText(`${appeal?.household.headName}的申诉`)
    expect(within(card).getByText(appeal?.text ?? '')).toBeInTheDocument()
    fireEvent.click(within(card).getByText('驳回'))
    fireEvent.input(card.querySelector('input') as HTMLInputElement, {
      target: { value: '复查照片显示院内仍有杂物' },
    })
    fireEvent.click(within(card).getByText('确认驳回'))

    await waitFor(async () => {
      const decided = await api.data('board.appeals', { status: 'decided' }, token)
      const found = decided.items.find((a) => a.id === appeal?.id)
      expect(found?.status).toBe('rejected')
      expect(found?.reason).toBe('复查照片显示院内仍有杂物')
    })
  })

  it('复查打分 opens the scoring form for the appeal', async () => {
    const token = await api.loginAs('demo-admin')
    const { items } = await api.data('board.appeals', { status: 'pending' }, token)
    render(<AppealsPage />)
    if (items.length === 0) {
      expect(await screen.findByText('没有待处理的申诉')).toBeInTheDocument()
      return
    }
    fireEvent.click((await screen.findAllByText('复查打分'))[0] as HTMLElement)
    expect(navigations.at(-1)?.url).toContain(`appealId=${items[0]?.id}`)
  })
})
