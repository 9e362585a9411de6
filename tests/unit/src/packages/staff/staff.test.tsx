import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import StaffRolesPage from '@/packages/staff/pages/staff/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const cardOf = (element: HTMLElement) =>
  element.closest<HTMLElement>('.staff-card') ?? document.body

describe('人员与角色', () => {
  it('lists the staff, finds a user and appoints them grid worker after confirming', async () => {
    const token = await api.loginAs('demo-admin')
    render(<StaffRolesPage />)
    expect(await screen.findByText('现任管理员和网格员')).toBeInTheDocument()
    expect((await screen.findAllByText('网格员 李红梅')).length).toBeGreaterThan(0)

    fireEvent.input(screen.getByPlaceholderText('昵称、户主姓名或 openid'), {
      target: { value: '周小芳' },
    })
    await waitFor(() => expect(screen.getAllByText('村民 周小芳')).toHaveLength(1))
    const card = cardOf(screen.getByText('村民 周小芳'))
    fireEvent.click(within(card).getByText('任命为网格员'))
    expect(within(card).getByText(/^任命「村民 周小芳」为网格员？/)).toBeInTheDocument()
    fireEvent.click(within(card).getByText('确认任命'))

    // Now among the staff too.
    await waitFor(() => expect(screen.getAllByText('村民 周小芳')).toHaveLength(2))
    const staff = await api.data('staff.list', {}, token)
    expect(staff.find((u) => u.nickname === '村民 周小芳')?.role).toBe('gridWorker')
  })
})
