import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HouseholdPage from '@/packages/staff/pages/household/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** A household of 网格员 李红梅's grids that has a phone number, opened as her. */
async function openHousehold() {
  const token = await api.loginAs('demo-grid-1')
  const { items } = await api.data('households.list', { limit: 20 }, token)
  const household = items.find((h) => h.phone !== null)
  if (!household) throw new Error('no demo household with a phone')
  setRouterParams({ id: household.id })
  render(<HouseholdPage />)
  await screen.findByText(household.houseNo)
  return { token, household }
}

describe('家庭详情', () => {
  it('shows the household’s place, head, size and phone, and 拨打 calls it', async () => {
    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    const { household: h } = await openHousehold()

    expect(screen.getByText(`${h.village.name} · ${h.group.name}`)).toBeInTheDocument()
    expect(screen.getByText(h.grid.name)).toBeInTheDocument()
    expect(screen.getByText(`${h.size} 人`)).toBeInTheDocument()
    expect(screen.getByText(h.phone ?? '')).toBeInTheDocument()

    fireEvent.click(screen.getByText('拨打'))
    expect(call).toHaveBeenCalledWith({ phoneNumber: h.phone })
    call.mockRestore()
  })

  it('生成邀请码 shows the 8-character code, its QR with a quiet zone and the expiry', async () => {
    const { token, household } = await openHousehold()
    // Another invite of the same length has a QR of the same size.
    const { qr } = await api.data('households.invite', { householdId: household.id }, token)

    fireEvent.click(screen.getByText('生成邀请码'))

    const code = await screen.findByLabelText('邀请码')
    expect(code.textContent).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    const image = screen.getByRole('img', { name: '邀请二维码' })
    expect(image.style.padding).toBe('20px')
    const rows = Array.from(image.children) as HTMLElement[]
    expect(rows).toHaveLength(qr.length)
    for (const row of rows) {
      const widths = (Array.from(row.children) as HTMLElement[]).map((m) => parseInt(m.style.width))
      expect(widths.reduce((a, b) => a + b, 0)).toBe(qr.length * 5)
    }
    expect(image.querySelectorAll('.qr-code__dark').length).toBeGreaterThan(qr.length)
    expect(
      screen.getByText(/^有效期至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，只能使用一次$/),
    ).toBeInTheDocument()
    expect(screen.getByText('重新生成邀请码')).toBeInTheDocument()
  })

  it('checks the edit form and saves the corrections', async () => {
    const { token, household } = await openHousehold()
    const size = screen.getByPlaceholderText('请输入家庭人口')
    const phone = screen.getByPlaceholderText('手机号或固定电话，可不填')

    fireEvent.input(size, { target: { value: '0' } })
    fireEvent.input(phone, { target: { value: '12345' } })
    fireEvent.click(screen.getByText('保存修改'))
    expect(screen.getByText('家庭人口须为 1 到 30 之间的整数')).toBeInTheDocument()
    expect(screen.getByText('请填写 11 位手机号或带区号的固定电话')).toBeInTheDocument()

    const nextSize = household.size === 7 ? 8 : 7
    fireEvent.input(size, { target: { value: String(nextSize) } })
    fireEvent.input(phone, { target: { value: '13800001111' } })
    fireEvent.click(screen.getByText('保存修改'))

    const details = screen.getByText('家庭信息').closest<HTMLElement>('.nut-cell-group')
    await waitFor(() =>
      expect(within(details ?? document.body).getByText(`${nextSize} 人`)).toBeInTheDocument(),
    )
    expect(within(details ?? document.body).getByText('13800001111')).toBeInTheDocument()
    const saved = await api.data('households.get', { id: household.id }, token)
    expect(saved).toMatchObject({ size: nextSize, phone: '13800001111' })
  })
})

describe('家庭成员', () => {
  it('an admin ends a member’s binding with a reason; the member then is a visitor', async () => {
    const resident = await api.tokenOf('demo-resident-1')
    const me = await api.data('me.get', {}, resident)
    const householdId = me.user?.household?.id ?? ''
    await api.loginAs('demo-admin')
    setRouterParams({ id: householdId })
    render(<HouseholdPage />)

    const row = (await screen.findByText('村民 张大爷')).closest('.nut-cell') as HTMLElement
    fireEvent.click(within(row).getByText('解除绑定'))
    fireEvent.click(await screen.findByText('确认解除'))
    expect(await screen.findByText('请填写原因（至少 2 个字）')).toBeInTheDocument()
    expect((await api.data('me.get', {}, resident)).user?.role).toBe('resident')

    fireEvent.input(screen.getByPlaceholderText('如：已迁出本村（至少 2 个字）'), {
      target: { value: '已迁出本村' },
    })
    fireEvent.click(screen.getByText('确认解除'))
    await waitFor(() => expect(screen.queryByText('村民 张大爷')).not.toBeInTheDocument())
    expect((await api.data('me.get', {}, resident)).user?.role).toBe('visitor')
  })

  it('a grid worker sees the members but cannot end a binding', async () => {
    const { household } = await openHousehold()
    expect(screen.getByText(`已绑定的成员（${household.members.length}）`)).toBeInTheDocument()
    expect(screen.queryByText('解除绑定')).not.toBeInTheDocument()
  })
})
