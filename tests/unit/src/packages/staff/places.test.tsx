import { fireEvent, render, screen, within } from '@testing-library/react'
import PlacesPage from '@/packages/staff/pages/places/index'
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

describe('村组与网格', () => {
  it('shows each village with its code and counts, and its grids with their workers', async () => {
    const token = await api.loginAs('demo-admin')
    const tree = await api.data('places.tree', {}, token)
    const liujia = tree.find((v) => v.name === '柳家村')
    render(<PlacesPage />)

    const card = cardOf(await screen.findByText('柳家村'))
    expect(
      within(card).getByText(
        `代码 ${liujia?.code} · ${liujia?.householdCount} 户 · ${liujia?.groups.length} 个小组 · ${liujia?.grids.length} 个网格`,
      ),
    ).toBeInTheDocument()
    fireEvent.click(within(card).getByText('展开小组和网格'))
    for (const grid of liujia?.grids ?? []) {
      expect(within(card).getByText(grid.name)).toBeInTheDocument()
    }
    expect(within(card).getAllByText('网格员 · 网格员 李红梅')).toHaveLength(
      liujia?.grids.length ?? 0,
    )
  })

  it('creates a group inline, refusing an empty name first', async () => {
    await api.loginAs('demo-admin')
    render(<PlacesPage />)
    const card = cardOf(await screen.findByText('石坪村'))
    fireEvent.click(within(card).getByText('展开小组和网格'))

    fireEvent.click(within(card).getByText('新增小组'))
    fireEvent.click(within(card).getByText('新增'))
    expect(within(card).getByText('名称不能为空')).toBeInTheDocument()
    fireEvent.input(within(card).getByPlaceholderText('请输入村民小组名称'), {
      target: { value: '九组' },
    })
    fireEvent.click(within(card).getByText('新增'))

    expect(await within(card).findByText('九组')).toBeInTheDocument()
  })

  it('removes a grid worker after an inline confirmation', async () => {
    await api.loginAs('demo-admin')
    render(<PlacesPage />)
    const card = cardOf(await screen.findByText('槐树村'))
    fireEvent.click(within(card).getByText('展开小组和网格'))
    const before = within(card).getAllByText(/^网格员 · /).length

    fireEvent.click(within(card).getAllByText('移除')[0] as HTMLElement)
    fireEvent.click(within(card).getByText('确认移除'))

    // The confirmation takes the worker's line's place until the tree reloads without it.
    expect(await within(card).findByText('还没有网格员')).toBeInTheDocument()
    expect(within(card).getAllByText(/^网格员 · /)).toHaveLength(before - 1)
  })
})
