import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import ColumnsPage from '@/packages/staff/pages/columns/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const rowOf = (element: HTMLElement) => element.closest<HTMLElement>('.column-row') ?? document.body

const homeColumns = async () => (await api.data('columns.list')).map((c) => c.name)

describe('栏目管理', () => {
  it('an admin moves a column down and hides another; 首页 follows', async () => {
    const token = await api.loginAs('demo-admin')
    const names = (await api.data('columns.manage', {}, token)).map((c) => c.name)
    const [first, second] = names
    const last = names.at(-1)
    render(<ColumnsPage />)

    const firstRow = rowOf(await screen.findByText(first as string))
    fireEvent.click(within(firstRow).getByText('下移'))
    await waitFor(async () => expect((await homeColumns()).slice(0, 2)).toEqual([second, first]))

    const lastRow = rowOf(screen.getByText(last as string))
    fireEvent.click(within(lastRow).getByText('隐藏'))
    expect(within(lastRow).getByText(/^隐藏「.+」？隐藏后首页不再显示这个栏目/)).toBeInTheDocument()
    fireEvent.click(within(lastRow).getByText('确认隐藏'))

    expect(await within(lastRow).findByText('已隐藏')).toBeInTheDocument()
    expect(within(lastRow).getByText('显示')).toBeInTheDocument()
    expect(await homeColumns()).not.toContain(last)
    // The page shows the new order too: the moved column is now second.
    const shown = Array.from(document.querySelectorAll('.column-row__name')).map((n) =>
      n.textContent?.replace('已隐藏', '').trim(),
    )
    expect(shown.slice(0, 2)).toEqual([second, first])
  })

  it('adds a column at the end after refusing an empty name, then renames it', async () => {
    await api.loginAs('demo-admin')
    render(<ColumnsPage />)

    fireEvent.click(await screen.findByText('新增栏目'))
    fireEvent.click(screen.getByText('新增栏目'))
    expect(screen.getByText('栏目名称不能为空')).toBeInTheDocument()
    fireEvent.input(screen.getByPlaceholderText('请输入栏目名称'), {
      target: { value: '乡村振兴' },
    })
    fireEvent.click(screen.getByText('新增栏目'))

    const row = rowOf(await screen.findByText('乡村振兴'))
    expect(within(row).getByText('0 条公告')).toBeInTheDocument()
    expect((await homeColumns()).at(-1)).toBe('乡村振兴')

    fireEvent.click(within(row).getByText('改名'))
    fireEvent.input(within(row).getByPlaceholderText('请输入栏目名称'), {
      target: { value: '乡村振兴专栏' },
    })
    fireEvent.click(within(row).getByText('保存'))
    expect(await within(row).findByText('乡村振兴专栏')).toBeInTheDocument()
    expect(await homeColumns()).toContain('乡村振兴专栏')
  })
})
