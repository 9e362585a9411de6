import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { PageFrame } from '@/components/page-frame'
import { setElderMode } from '@/lib/elder-mode'
import StaffRolesPage from '@/packages/staff/pages/staff/index'
import { navigations } from '../../../helpers/taro-shim'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  setElderMode(false)
})

/** Pages open in the H5 router's stack (1: opened directly, by a link). */
const stackOf = (pages: number) =>
  vi
    .spyOn(Taro, 'getCurrentPages')
    .mockReturnValue(
      Array.from({ length: pages }, () => ({})) as ReturnType<typeof Taro.getCurrentPages>,
    )

describe('H5 title bar', () => {
  it('a page opened by a link shows its title and 回首页, which goes to 首页', async () => {
    stackOf(1)
    document.title = '公告详情'
    render(<PageFrame>正文</PageFrame>)
    expect(await screen.findByRole('heading', { name: '公告详情' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '返回上一页' })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '回首页' }))
    expect(navigations).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }])
  })

  it('a page opened from another shows 返回, which goes back', async () => {
    stackOf(2)
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    document.title = '红黑榜详情'
    render(<PageFrame>正文</PageFrame>)
    expect(await screen.findByRole('heading', { name: '红黑榜详情' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '回首页' })).not.toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '返回上一页' }))
    expect(back).toHaveBeenCalledTimes(1)
  })

  it('follows a title the page sets itself (Taro.setNavigationBarTitle)', async () => {
    stackOf(2)
    document.title = '发布公告'
    render(<PageFrame>正文</PageFrame>)
    expect(await screen.findByRole('heading', { name: '发布公告' })).toBeInTheDocument()
    act(() => {
      document.title = '编辑公告'
    })
    expect(await screen.findByRole('heading', { name: '编辑公告' })).toBeInTheDocument()
  })

  it('sits inside the page root, so 长辈模式 sizes it with the page', async () => {
    stackOf(1)
    setElderMode(true)
    const { container } = render(<PageFrame className='page page--padded-top'>正文</PageFrame>)
    const bar = await screen.findByRole('banner')
    expect(bar.parentElement).toBe(container.firstElementChild)
    expect(bar.parentElement).toHaveClass('page', 'page--padded-top', 'elder-mode')
  })

  it('every staff tool has it (one shared root), and the mini-program draws none', async () => {
    stackOf(1)
    const { unmount } = render(<StaffRolesPage />)
    expect(await screen.findByRole('button', { name: '回首页' })).toBeInTheDocument()
    unmount()
    vi.stubEnv('TARO_ENV', 'weapp')
    render(<PageFrame>正文</PageFrame>)
    expect(screen.queryByRole('banner')).not.toBeInTheDocument()
    expect(screen.getByText('正文')).toBeInTheDocument()
  })
})
