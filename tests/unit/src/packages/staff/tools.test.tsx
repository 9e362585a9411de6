import { fireEvent, render, screen } from '@testing-library/react'
import ToolsPage from '@/packages/staff/pages/tools/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

const adminEntries = ['村组与网格', '花名册导入导出', '人员与角色']

describe('网格员工具 / 管理员工具', () => {
  it('shows an admin the daily entries and the admin entries, scoped to 全镇', async () => {
    await api.loginAs('demo-admin')
    render(<ToolsPage />)

    expect(await screen.findByText('管理员工具')).toBeInTheDocument()
    expect(screen.getByText('镇宣传办 王主任')).toBeInTheDocument()
    expect(screen.getByText('负责范围：全镇')).toBeInTheDocument()
    for (const title of ['绑定审核', '户籍管理', ...adminEntries]) {
      expect(screen.getByText(title)).toBeInTheDocument()
    }
  })

  it('shows a grid worker their village and the daily entries only, no admin entries', async () => {
    await api.loginAs('demo-grid-1')
    render(<ToolsPage />)

    expect(await screen.findByText('网格员工具')).toBeInTheDocument()
    expect(screen.getByText('负责范围：柳家村')).toBeInTheDocument()
    expect(screen.getByText('绑定审核')).toBeInTheDocument()
    expect(screen.getByText('户籍管理')).toBeInTheDocument()
    // The seed has no pending request.
    expect(await screen.findByText('暂无')).toBeInTheDocument()
    for (const title of adminEntries) {
      expect(screen.queryByText(title)).not.toBeInTheDocument()
    }
    expect(screen.queryByText('管理员工具')).not.toBeInTheDocument()
  })

  it('counts the requests waiting beside 绑定审核 and opens it on a tap', async () => {
    const visitor = await api.loginAs('tools-visitor')
    const grid = await api.loginAs('demo-grid-1')
    const [h] = (await api.data('households.list', { limit: 1 }, grid)).items
    await api.data(
      'bindings.request',
      {
        by: 'roster',
        villageId: h?.village.id ?? '',
        headName: h?.headName ?? '',
        houseNo: h?.houseNo ?? '',
        relation: 'member',
      },
      visitor,
    )
    render(<ToolsPage />)

    fireEvent.click(await screen.findByText('1 条待审核'))
    expect(navigations).toEqual([
      { api: 'navigateTo', url: '/packages/staff/pages/bindings/index' },
    ])
  })

  it('tells a resident the tools are for staff only', async () => {
    await api.loginAs('demo-resident-1')
    render(<ToolsPage />)

    expect(await screen.findByText('这里仅供网格员和镇管理员使用')).toBeInTheDocument()
    expect(screen.queryByText('绑定审核')).not.toBeInTheDocument()
  })
})
