import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import HouseholdsPage from '@/packages/staff/pages/households/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { demoVillageHouseholds } from '../../../../helpers/demo-facts'
import { navigations } from '../../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** The "village · group · grid" line of every household card shown. */
const placeLines = () => screen.queryAllByText(/^\S+村 · .+ · .+网格$/).map((e) => e.textContent)

describe('户籍管理', () => {
  it('shows a grid worker only the households of their own village', async () => {
    await api.loginAs('demo-grid-1')
    render(<HouseholdsPage />)

    await waitFor(() => expect(placeLines()).toHaveLength(20))
    expect(placeLines().every((line) => line?.startsWith('柳家村 · '))).toBe(true)
    expect(screen.queryByText(/石坪村/)).not.toBeInTheDocument()
    // A grid worker has no village filter: their list is their grids already.
    expect(screen.queryByText('全部村')).not.toBeInTheDocument()
  })

  it('narrows the list to the households matching the search box', async () => {
    await api.loginAs('demo-grid-1')
    // Demo facts: the households of 柳家村 (李红梅's grids) whose head is called so.
    const households = demoVillageHouseholds('柳家村')
    const name = households[7]?.headName ?? ''
    const matches = households.filter((h) => h.headName.includes(name) || h.houseNo.includes(name))
    expect(matches.length).toBeLessThan(20)
    render(<HouseholdsPage />)
    await waitFor(() => expect(placeLines()).toHaveLength(20))

    fireEvent.input(screen.getByPlaceholderText('搜索户主姓名或门牌号'), {
      target: { value: name },
    })

    await waitFor(() => expect(placeLines()).toHaveLength(matches.length))
    expect(
      screen
        .getAllByText(/^户主 /)
        .map((e) => e.textContent)
        .sort(),
    ).toEqual(matches.map((h) => `户主 ${h.headName}`).sort())
  })

  it('lets an admin filter by village, and a tap opens the household', async () => {
    const token = await api.loginAs('demo-admin')
    const village = (await api.data('villages.list')).find((v) => v.name === '石坪村')
    const [first] = (await api.data('households.list', { villageId: village?.id }, token)).items
    render(<HouseholdsPage />)

    fireEvent.click(await screen.findByText('石坪村'))

    // 石坪村 has more than a page (20) of households, every one of them 石坪村's.
    await waitFor(() =>
      expect(placeLines().filter((l) => l?.startsWith('石坪村 · '))).toHaveLength(20),
    )
    expect(placeLines()).toHaveLength(20)
    fireEvent.click(screen.getAllByText(`户主 ${first?.headName}`)[0] as HTMLElement)
    expect(navigations).toEqual([
      {
        api: 'navigateTo',
        url: `/packages/staff/pages/household/index?id=${encodeURIComponent(first?.id ?? '')}`,
      },
    ])
  })
})
