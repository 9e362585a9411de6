import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BindPage from '@/packages/resident/pages/bind/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

// taro-h5's page stack needs the H5 router, which a page rendered alone does not have:
// each test says what is behind the bind page (nothing, unless it says otherwise).
beforeEach(() => {
  vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** The bind page was opened from 我的: going back returns there. */
function openedFromMe() {
  vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as ReturnType<
    typeof Taro.getCurrentPages
  >)
  return vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
}

/** The tab titles of the two ways to bind. */
function wayTab(name: string): HTMLElement {
  const titles = document.querySelector<HTMLElement>('.nut-tabs-titles')
  if (!titles) throw new Error('tabs not found')
  return within(titles).getByText(name)
}

/** Counts the page's calls of one action (the fetch the harness routes to the real server). */
function watchCalls(action: string) {
  const spy = vi.spyOn(globalThis, 'fetch')
  return () =>
    spy.mock.calls.filter(
      ([input]) => String(input instanceof Request ? input.url : input) === `/api/${action}`,
    ).length
}

/** Types into the NutUI Input found by its placeholder. */
function type(placeholder: string, value: string) {
  fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } })
}

describe('绑定家庭', () => {
  it('submitting an empty form shows what is missing next to each field and sends nothing', async () => {
    await api.loginAs('bind-empty')
    const requests = watchCalls('bindings.request')
    render(<BindPage />)
    await screen.findByRole('option', { name: '柳家村' })

    fireEvent.click(screen.getByText('提交申请'))

    expect(await screen.findByText('请选择您所在的村')).toBeInTheDocument()
    expect(screen.getByText('请填写户主姓名')).toBeInTheDocument()
    expect(screen.getByText('请填写门牌号')).toBeInTheDocument()
    expect(screen.getByText('请选择您与户主的关系')).toBeInTheDocument()
    expect(screen.getByText('请先阅读并勾选同意《隐私保护指引》')).toBeInTheDocument()
    expect(requests()).toBe(0)
    expect(navigations).toEqual([])
  })

  it('a filled-in form by 户主 and 门牌号 creates a request that waits for the grid worker', async () => {
    const home = await api.demoHousehold('柳家村', 7)
    const token = await api.loginAs('bind-roster')
    const requests = watchCalls('bindings.request')
    render(<BindPage />)

    fireEvent.click(await screen.findByRole('option', { name: '柳家村' }))
    type('例如：张建国', home.headName)
    type('例如：东街12号', home.houseNo)
    fireEvent.click(screen.getByText('家庭成员'))
    fireEvent.click(screen.getByText('我已阅读并同意'))
    fireEvent.click(screen.getByText('提交申请'))

    // No page behind it here, so it goes to the 我的 tab, where the pending state shows.
    await waitFor(() => expect(navigations).toEqual([{ api: 'switchTab', url: '/pages/me/index' }]))
    expect(requests()).toBe(1)
    const { user } = await api.data('me.get', {}, token)
    expect(user?.household).toBeNull()
    expect(user?.bindingRequest).toMatchObject({
      status: 'pending',
      villageName: '柳家村',
      houseNo: home.houseNo,
    })
    const pending = await api.data(
      'bindings.pending',
      { limit: 50 },
      await api.tokenOf('demo-grid-1'),
    )
    expect(pending.items.find((r) => r.user.id === user?.id)).toMatchObject({
      relation: 'member',
      household: { id: home.id },
    })
    // The draft is gone: the form opens empty next time.
    cleanup()
    render(<BindPage />)
    expect(await screen.findByPlaceholderText('例如：张建国')).toHaveValue('')
  })

  it('an invite code binds at once and goes back to 我的', async () => {
    const home = await api.demoHousehold('柳家村', 12)
    const { code } = await api.data(
      'households.invite',
      { householdId: home.id },
      await api.tokenOf('demo-grid-1'),
    )
    const token = await api.loginAs('bind-invite')
    const back = openedFromMe()
    render(<BindPage />)
    await screen.findByRole('option', { name: '柳家村' })

    fireEvent.click(wayTab('邀请码'))
    type('8 位字母或数字', code.toLowerCase())
    fireEvent.click(screen.getByText('户主本人'))
    fireEvent.click(screen.getByText('我已阅读并同意'))
    fireEvent.click(screen.getByText('立即绑定'))

    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    expect(navigations).toEqual([])
    const { user } = await api.data('me.get', {}, token)
    expect(user?.household).toMatchObject({ id: home.id, relation: 'head' })
  })

  it('a refused request keeps what was typed and says why', async () => {
    const token = await api.loginAs('bind-unknown')
    render(<BindPage />)

    fireEvent.click(await screen.findByRole('option', { name: '柳家村' }))
    type('例如：张建国', '查无此人')
    type('例如：东街12号', '北街999号')
    fireEvent.click(screen.getByText('户主本人'))
    fireEvent.click(screen.getByText('我已阅读并同意'))
    fireEvent.click(screen.getByText('提交申请'))

    expect(
      await screen.findByText('没有找到这户，请核对户主姓名和门牌号，或请网格员出示邀请码'),
    ).toBeInTheDocument()
    expect(screen.getByPlaceholderText('例如：张建国')).toHaveValue('查无此人')
    expect(screen.getByPlaceholderText('例如：东街12号')).toHaveValue('北街999号')
    expect(screen.getByText('提交申请')).toBeInTheDocument()
    expect(navigations).toEqual([])
    const { user } = await api.data('me.get', {}, token)
    expect(user?.bindingRequest).toBeNull()
  })

  it('leaving the page and coming back keeps the draft', async () => {
    await api.loginAs('bind-draft')
    const { unmount } = render(<BindPage />)
    fireEvent.click(await screen.findByRole('option', { name: '河湾村' }))
    type('例如：张建国', '王秀英')
    type('例如：东街12号', '南街3号')
    fireEvent.click(screen.getByText('家庭成员'))
    unmount()

    render(<BindPage />)

    expect(await screen.findByRole('option', { name: '河湾村' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    expect(screen.getByPlaceholderText('例如：张建国')).toHaveValue('王秀英')
    expect(screen.getByPlaceholderText('例如：东街12号')).toHaveValue('南街3号')
  })

  it('the consent line opens the privacy guide', async () => {
    await api.loginAs('bind-consent')
    render(<BindPage />)

    fireEvent.click(await screen.findByText('《隐私保护指引》'))

    expect(navigations).toEqual([
      { api: 'navigateTo', url: '/packages/resident/pages/privacy/index' },
    ])
  })
})
