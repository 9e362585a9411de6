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

/** Signs the page in as a new user who asked to be bound to `household` by 户主 + 门牌号. */
async function newUserWithRequest(openid: string, index: number) {
  const home = await api.demoHousehold('柳家村', index)
  const token = await api.loginAs(openid)
  const request = await api.data(
    'bindings.request',
    {
      by: 'roster',
      villageId: home.village.id,
      headName: home.headName,
      houseNo: home.houseNo,
      relation: 'member',
    },
    token,
  )
  return { home, token, request }
}

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
    // The demo accounts (server/seed/demo-accounts.ts) and what each may do, row by row.
    const rows = [...document.querySelectorAll('.nut-cell')].filter((cell) =>
      cell.textContent?.includes('切换'),
    )
    expect(rows.map((row) => row.textContent?.replace('切换', ''))).toEqual([
      '镇宣传办 王主任（镇管理员）镇管理员：管理全镇内容、评选与红黑榜',
      '网格员 李红梅（网格员）网格员：负责柳家村，可发布本村公告',
      '网格员 赵建国（网格员）网格员：负责石坪村，可发布本村公告',
      '村民 张大爷（村民）柳家村村民（已绑定户），户主本人（张德顺）：可提名、投票，可设置红榜是否显示户主全名',
      '村民 刘阿姨（村民）柳家村村民（已绑定户），家庭成员（户主 张德顺）：可提名、投票；红榜是否显示户主全名由户主设置',
      '村民 陈师傅（村民）石坪村村民（已绑定户），户主本人（陈国强）：可提名、投票，可设置红榜是否显示户主全名',
      '村民 周小芳（村民）槐树村村民（已绑定户），家庭成员：可提名、投票；红榜是否显示户主全名由户主设置',
      '游客 小林（游客）游客（未绑定）：只能浏览全镇公开内容',
    ])
    expect(accounts).toHaveLength(8)
    expect(screen.getAllByText('切换')).toHaveLength(8)
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
    // 李红梅 serves both grids of 柳家村 and no other village.
    const grids = screen.getByText('负责网格').closest<HTMLElement>('.nut-cell')
    expect(grids?.textContent).toBe('负责网格柳家村')
  })

  it('退出登录 ends the session on the server and reopens 我的', async () => {
    const token = await api.loginAs('demo-resident-2')
    const { unmount } = render(<MePage />)

    fireEvent.click(await screen.findByText('退出登录'))

    await waitFor(() => expect(navigations).toEqual([{ api: 'reLaunch', url: '/pages/me/index' }]))
    unmount()
    render(<MePage />)
    expect(await screen.findByText('未登录')).toBeInTheDocument()
    // The token itself stopped working, not only the page's copy of it.
    const again = await fetch(`${api.url}/api/me.get`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(again.status).toBe(401)
  })

  it('a signed-in user who is not bound sees 绑定我的家庭 and why, and it opens the form', async () => {
    await api.loginAs('me-unbound')
    render(<MePage />)

    fireEvent.click(await screen.findByText('绑定我的家庭'))

    expect(screen.getByText('绑定后才能提名、投票和申诉')).toBeInTheDocument()
    expect(navigations).toEqual([{ api: 'navigateTo', url: '/packages/resident/pages/bind/index' }])
    expect(screen.queryByText('解除绑定')).not.toBeInTheDocument()
  })

  it('after a binding request 我的 shows 等待网格员审核, and 撤回申请 withdraws it', async () => {
    const { home, token } = await newUserWithRequest('me-pending', 3)
    render(<MePage />)

    expect(await screen.findByText('申请已提交，等待网格员审核')).toBeInTheDocument()
    expect(screen.getByText(`柳家村 ${home.houseNo}`)).toBeInTheDocument()
    expect(screen.queryByText('绑定我的家庭')).not.toBeInTheDocument()

    fireEvent.click(screen.getByText('撤回申请'))

    expect(await screen.findByText('绑定我的家庭')).toBeInTheDocument()
    expect(screen.queryByText('申请已提交，等待网格员审核')).not.toBeInTheDocument()
    const { user } = await api.data('me.get', {}, token)
    expect(user?.bindingRequest).toBeNull()
  })

  it('a refused request shows the grid worker’s reason and offers 重新申请', async () => {
    const { request } = await newUserWithRequest('me-rejected', 4)
    await api.data(
      'bindings.reject',
      { id: request.id, reason: '门牌号与户主不符' },
      await api.tokenOf('demo-grid-1'),
    )
    render(<MePage />)

    expect(await screen.findByText('原因：门牌号与户主不符')).toBeInTheDocument()
    fireEvent.click(screen.getByText('重新申请'))
    expect(navigations).toEqual([{ api: 'navigateTo', url: '/packages/resident/pages/bind/index' }])
  })

  it('a bound resident sees their household and the entries to their records', async () => {
    const token = await api.loginAs('demo-resident-2')
    const { user } = await api.data('me.get', {}, token)
    const h = user?.household
    render(<MePage />)

    expect(
      await screen.findByText(`${h?.groupName} ${h?.houseNo} · 户主 ${h?.headName}`),
    ).toBeInTheDocument()
    expect(screen.getByText('解除绑定')).toBeInTheDocument()
    expect(screen.queryByText('绑定我的家庭')).not.toBeInTheDocument()
    expect(screen.queryByText('网格员工具')).not.toBeInTheDocument()
    for (const [title, kind] of [
      ['我的提名', 'nominations'],
      ['我的投票', 'votes'],
      ['我的申诉', 'appeals'],
    ]) {
      navigations.length = 0
      fireEvent.click(screen.getByText(title ?? ''))
      expect(navigations).toEqual([
        { api: 'navigateTo', url: `/packages/resident/pages/records/index?kind=${kind}` },
      ])
    }
    navigations.length = 0
    fireEvent.click(screen.getByText('隐私保护指引'))
    expect(navigations).toEqual([
      { api: 'navigateTo', url: '/packages/resident/pages/privacy/index' },
    ])
  })

  it('解除绑定 asks on the page first, and only 确认解除 unbinds', async () => {
    const home = await api.demoHousehold('柳家村', 5)
    const { code } = await api.data(
      'households.invite',
      { householdId: home.id },
      await api.tokenOf('demo-grid-1'),
    )
    const token = await api.loginAs('me-unbind')
    await api.data('bindings.request', { by: 'invite', code, relation: 'head' }, token)
    render(<MePage />)

    fireEvent.click(await screen.findByText('解除绑定'))

    expect(screen.getByText(/^解除后不能再提名、投票和申诉/)).toBeInTheDocument()
    expect((await api.data('me.get', {}, token)).user?.household?.id).toBe(home.id)
    fireEvent.click(screen.getByText('不解除'))
    expect(screen.queryByText('确认解除')).not.toBeInTheDocument()

    fireEvent.click(screen.getByText('解除绑定'))
    fireEvent.click(screen.getByText('确认解除'))

    expect(await screen.findByText('绑定我的家庭')).toBeInTheDocument()
    expect((await api.data('me.get', {}, token)).user?.household).toBeNull()
  })

  it('a grid worker sees 网格员工具, an admin 管理员工具', async () => {
    await api.loginAs('demo-grid-1')
    const { unmount } = render(<MePage />)

    fireEvent.click(await screen.findByText('网格员工具'))

    expect(navigations).toEqual([{ api: 'navigateTo', url: '/packages/staff/pages/tools/index' }])
    expect(screen.queryByText('管理员工具')).not.toBeInTheDocument()
    unmount()

    await api.loginAs('demo-admin')
    render(<MePage />)
    expect(await screen.findByText('管理员工具')).toBeInTheDocument()
    expect(screen.queryByText('网格员工具')).not.toBeInTheDocument()
  })

  it('nobody is offered 初始化管理员 once the township has an admin', async () => {
    await api.loginAs('me-setup')
    render(<MePage />)

    expect(await screen.findByText('绑定我的家庭')).toBeInTheDocument()
    expect(screen.queryByText('初始化管理员')).not.toBeInTheDocument()
  })

  it('the householder turns on the full name on the red list (红榜显示户主全名)', async () => {
    // 陈师傅 is bound as 户主本人 (户主 陈国强).
    const token = await api.loginAs('demo-resident-3')
    const before = await api.data('board.consent', {}, token)
    render(<MePage />)

    const toggle = await screen.findByRole('switch', { name: '红榜显示我家户主全名' })
    expect(toggle).toHaveAttribute('aria-checked', String(before.showNameOnRed))
    fireEvent.click(toggle)

    await waitFor(() =>
      expect(toggle).toHaveAttribute('aria-checked', String(!before.showNameOnRed)),
    )
    expect((await api.data('board.consent', {}, token)).showNameOnRed).toBe(!before.showNameOnRed)
  })

  it('a family member sees the consent read-only, with who set it and when', async () => {
    // 张大爷 (户主 张德顺) turns it on; 刘阿姨 is a member of the same household.
    const head = await api.loginAs('demo-resident-1')
    await api.data('board.setConsent', { showNameOnRed: true }, head)
    await api.loginAs('demo-resident-2')
    render(<MePage />)

    expect(await screen.findByText('红榜显示户主全名：显示')).toBeInTheDocument()
    expect(screen.getByText(/^村民 张大爷 于 .+ 设置。只有户主本人可以更改。$/)).toBeInTheDocument()
    expect(screen.queryByRole('switch', { name: '红榜显示我家户主全名' })).not.toBeInTheDocument()
  })

  it('no consent switch for someone without a household', async () => {
    await api.loginAs('me-no-household')
    render(<MePage />)
    expect(await screen.findByText('绑定我的家庭')).toBeInTheDocument()
    expect(screen.queryByRole('switch', { name: '红榜显示我家户主全名' })).not.toBeInTheDocument()
  })
})
