import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import MePage from '@/pages/me/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { navigations } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('我的', () => {
  it('我的 shows 未登录 when nobody is signed in', async () => {
    render(<MePage />)

    expect(await screen.findByText('未登录')).toBeInTheDocument()
    expect(screen.getByText('可以浏览全镇公开的公告、红榜与评选')).toBeInTheDocument()
    expect(screen.queryByText('所在村')).not.toBeInTheDocument()
    expect(screen.queryByText('退出登录')).not.toBeInTheDocument()
  })

  it('我的 lists the demo accounts to switch to in dev mode (演示账号)', async () => {
    const accounts = await api.data('auth.devAccounts')
    render(<MePage />)

    expect(await screen.findByText('演示账号（仅开发模式）')).toBeInTheDocument()
    expect(await screen.findByText('村民 张大爷（村民）')).toBeInTheDocument()
    for (const account of accounts) {
      expect(screen.getByText(`${account.label}（`, { exact: false })).toBeInTheDocument()
      expect(screen.getAllByText(account.description).length).toBeGreaterThan(0)
    }
    expect(screen.getAllByText('切换')).toHaveLength(accounts.length)
  })

  it('我的 shows a signed-in resident’s name, role, village and household', async () => {
    const token = await api.loginAs('demo-resident-1')
    const { user } = await api.data('me.get', {}, token)
    const household = user?.household
    expect(household).toBeTruthy()
    render(<MePage />)

    expect(await screen.findByText('村民 张大爷')).toBeInTheDocument()
    // The role as a tag beside the name and again in the 身份 line.
    expect(screen.getAllByText('村民')).toHaveLength(2)
    expect(screen.getByText('所在村')).toBeInTheDocument()
    expect(screen.getByText('柳家村')).toBeInTheDocument()
    expect(
      screen.getByText(
        `${household?.groupName} ${household?.houseNo} · 户主 ${household?.headName}`,
      ),
    ).toBeInTheDocument()
    expect(screen.queryByText('未登录')).not.toBeInTheDocument()
  })

  it('the demo-account list marks the signed-in account 当前 and offers 退出登录', async () => {
    await api.loginAs('demo-resident-1')
    render(<MePage />)

    const row = (await screen.findByText('村民 张大爷（村民）')).closest<HTMLElement>('.nut-cell')
    expect(within(row ?? document.body).getByText('当前')).toBeInTheDocument()
    expect(screen.getAllByText('当前')).toHaveLength(1)
    expect(screen.getByText('退出登录')).toBeInTheDocument()
  })

  it('tapping 切换 signs in as that demo account and reopens 我的', async () => {
    const { unmount } = render(<MePage />)
    const row = (await screen.findByText('网格员 李红梅（网格员）')).closest<HTMLElement>(
      '.nut-cell',
    )

    fireEvent.click(within(row ?? document.body).getByText('切换'))

    await waitFor(() => expect(navigations).toEqual([{ api: 'reLaunch', url: '/pages/me/index' }]))
    unmount()
    render(<MePage />)
    expect(await screen.findByText('网格员 李红梅')).toBeInTheDocument()
    expect(screen.getByText('负责网格')).toBeInTheDocument()
    expect(screen.getAllByText('柳家村').length).toBeGreaterThan(0)
  })

  it('退出登录 signs out and reopens 我的', async () => {
    await api.loginAs('demo-resident-1')
    const { unmount } = render(<MePage />)

    fireEvent.click(await screen.findByText('退出登录'))

    expect(navigations).toEqual([{ api: 'reLaunch', url: '/pages/me/index' }])
    unmount()
    render(<MePage />)
    expect(await screen.findByText('未登录')).toBeInTheDocument()
  })
})
