import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import RecordsPage from '@/pages/records/index'
import { setRouterParams } from '../../../helpers/taro-shim'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('我的记录', () => {
  it.each([
    ['nominations', '我的提名', '镇里发起评选活动后'],
    ['votes', '我的投票', '评选进入投票阶段后'],
    ['appeals', '我的申诉', '镇里公布红黑榜后'],
  ])('?kind=%s is titled %s and says it is empty until it opens', (kind, title, when) => {
    const setTitle = vi.spyOn(Taro, 'setNavigationBarTitle')
    setRouterParams({ kind })
    render(<RecordsPage />)

    expect(screen.getByText(title)).toBeInTheDocument()
    expect(screen.getByText('还没有记录')).toBeInTheDocument()
    expect(screen.getByText(new RegExp(`^${when}`))).toBeInTheDocument()
    expect(setTitle).toHaveBeenCalledWith({ title })
  })

  it('an unknown kind still reads 我的记录', () => {
    setRouterParams({ kind: 'other' })
    render(<RecordsPage />)

    expect(screen.getByText('我的记录')).toBeInTheDocument()
    expect(screen.getByText('还没有记录')).toBeInTheDocument()
  })
})
