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
    // The demo's admin and its two grid workers, each listed once.
    for (const nickname of ['镇宣传办 王主任', '网格员 李红梅', '网格员 赵建国']) {
      expect(await screen.findAllByText(nickname)).toHaveLength(1)
    }

    fireEvent.input(screen.getByPlaceholderText('昵称、户主姓名或 openid'), {
      target: { value: '周小芳' },
    })
    await waitFor(() => expect(screen.getAllByText('村民 周小芳')).toHaveLength(1))
    const card = cardOf(screen.getByText('村民 周小芳'))
    // Village, 门牌号, 户主 and the household's phone as the server masked it.
    const found = await api.data('users.search', { keyword: '周小芳' }, token)
    const home = found.items[0]?.household
    if (!home) throw new Error('周小芳 is bound to a household in the demo')
    const full = (
      await api.data('households.list', { keyword: home.houseNo, limit: 50 }, token)
    ).items.find((h) => h.headName === home.headName)?.phone
    expect(full).toMatch(/^1\d{10}$/)
    const masked = `${full?.slice(0, 3)}****${full?.slice(7)}`
    expect(
      within(card).getByText(
        `${home.villageName} ${home.houseNo} · 户主 ${home.headName} · ${masked}`,
      ),
    ).toBeInTheDocument()
    expect(card.textContent).not.toContain(full)
    fireEvent.click(within(card).getByText('任命为网格员'))
    expect(within(card).getByText(/^任命「村民 周小芳」为网格员？/)).toBeInTheDocument()
    fireEvent.click(within(card).getByText('确认任命'))

    // Now among the staff too.
    await waitFor(() => expect(screen.getAllByText('村民 周小芳')).toHaveLength(2))
    const staff = await api.data('staff.list', {}, token)
    expect(staff.find((u) => u.nickname === '村民 周小芳')?.role).toBe('gridWorker')
  })

  it('退出其所有登录 signs a user out on every device after confirming (a lost phone)', async () => {
    const lost = await api.tokenOf('demo-resident-3')
    await api.loginAs('demo-admin')
    render(<StaffRolesPage />)
    fireEvent.input(await screen.findByPlaceholderText('昵称、户主姓名或 openid'), {
      target: { value: '陈师傅' },
    })
    await waitFor(() => expect(screen.getAllByText('村民 陈师傅')).toHaveLength(1))
    const card = cardOf(screen.getByText('村民 陈师傅'))
    expect((await api.data('me.get', {}, lost)).user?.nickname).toBe('村民 陈师傅')

    fireEvent.click(within(card).getByText('退出其所有登录'))
    expect(within(card).getByText(/^让「村民 陈师傅」在所有设备上退出登录？/)).toBeInTheDocument()
    fireEvent.click(within(card).getByText('确认退出'))

    await waitFor(() => expect(within(card).queryByText('确认退出')).not.toBeInTheDocument())
    const res = await fetch(`${api.url}/api/me.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lost}` },
    })
    expect(res.status).toBe(401)
  })
})
