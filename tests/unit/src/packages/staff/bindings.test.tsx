import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import BindingsPage from '@/packages/staff/pages/bindings/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** A new user (by openid) asks to join the `index`-th household of 网格员 李红梅's grids. */
async function requestBinding(openid: string, nickname: string, index: number) {
  const token = await api.loginAs(openid)
  await api.data('me.updateProfile', { nickname }, token)
  const grid = await api.loginAs('demo-grid-1')
  const { items } = await api.data('households.list', { limit: index + 1 }, grid)
  const household = items[index]
  if (!household) throw new Error('the demo grid has too few households')
  await api.data(
    'bindings.request',
    {
      by: 'roster',
      villageId: household.village.id,
      headName: household.headName,
      houseNo: household.houseNo,
      relation: 'member',
    },
    token,
  )
  return { token, household }
}

const cardOf = (element: HTMLElement) =>
  element.closest<HTMLElement>('.staff-card') ?? document.body

describe('绑定审核', () => {
  it('shows a pending request and 通过 removes it and makes the user a resident', async () => {
    const { token, household } = await requestBinding('demo-visitor', '游客 小林', 0)
    render(<BindingsPage />)

    const card = cardOf(await screen.findByText('游客 小林'))
    expect(within(card).getByText(`户主 ${household.headName}`)).toBeInTheDocument()
    expect(
      within(card).getByText(
        `${household.village.name} ${household.group.name} ${household.houseNo}`,
      ),
    ).toBeInTheDocument()
    expect(within(card).getByText('家庭成员')).toBeInTheDocument()

    fireEvent.click(within(card).getByText('通过'))

    await waitFor(() => expect(screen.queryByText('游客 小林')).not.toBeInTheDocument())
    const { user } = await api.data('me.get', {}, token)
    expect(user?.role).toBe('resident')
    expect(user?.household?.houseNo).toBe(household.houseNo)
  })

  it('驳回 asks for a reason of at least 2 characters before rejecting', async () => {
    const { token } = await requestBinding('binding-visitor-2', '测试 王五', 1)
    render(<BindingsPage />)

    const card = cardOf(await screen.findByText('测试 王五'))
    fireEvent.click(within(card).getByText('驳回'))
    fireEvent.click(within(card).getByText('确认驳回'))
    expect(within(card).getByText('请填写驳回原因（至少 2 个字）')).toBeInTheDocument()

    const input = within(card).getByPlaceholderText('如：门牌号与户籍不符（至少 2 个字）')
    fireEvent.input(input, { target: { value: '门牌号不符' } })
    fireEvent.click(within(card).getByText('确认驳回'))

    await waitFor(() => expect(screen.queryByText('测试 王五')).not.toBeInTheDocument())
    const { user } = await api.data('me.get', {}, token)
    expect(user?.role).toBe('visitor')
    expect(user?.bindingRequest).toMatchObject({ status: 'rejected', reason: '门牌号不符' })
  })

  it('says so when nothing is waiting', async () => {
    await api.loginAs('demo-grid-2')
    render(<BindingsPage />)

    expect(await screen.findByText('没有待审核的绑定申请')).toBeInTheDocument()
  })
})
