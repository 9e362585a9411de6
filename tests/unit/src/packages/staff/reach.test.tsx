import { render, screen, waitFor } from '@testing-library/react'
import ReachPage from '@/packages/staff/pages/reach/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { demoVillageHouseholds } from '../../../../helpers/demo-facts'
import { setRouterParams } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('未读家庭', () => {
  it("lists the grid worker's households that have not opened a notice, and drops one once it does", async () => {
    const notices = await api.data('notices.list', { limit: 1 })
    const noticeId = notices.items[0]?.id ?? ''
    const resident = await api.tokenOf('demo-resident-1')
    const household = (await api.data('me.get', {}, resident)).user?.household
    expect(household, 'demo-resident-1 is bound in 柳家村').toBeTruthy()

    await api.loginAs('demo-grid-1')
    setRouterParams({ noticeId })
    const { unmount } = render(<ReachPage />)
    // Demo facts: the newest notice reaches 柳家村, whose households are all in 李红梅's grids;
    // nobody has opened it yet, and the list's first page holds 20.
    const inScope = demoVillageHouseholds('柳家村').length
    const hint = await screen.findByText(/已有 0 户打开过这条公告/)
    expect(hint.textContent).toContain(`您负责的 ${inScope} 户中`)
    await waitFor(() => expect(screen.getAllByText(/^户主 /)).toHaveLength(20))
    unmount()

    await api.data('notices.open', { id: noticeId }, resident)
    render(<ReachPage />)
    await screen.findByText(/已有 1 户打开过这条公告/)
    await waitFor(() =>
      expect(screen.queryByText(`户主 ${household?.headName}`)).not.toBeInTheDocument(),
    )
  })
})
