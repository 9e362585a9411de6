import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import FilingPage from '@/packages/staff/pages/filing/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** The 信息报送 table (the page also lists each village's broadcasts beside it). */
const filingTable = async () =>
  within(await waitFor(() => document.querySelector<HTMLElement>('.filing-table') ?? fail()))
const fail = (): never => {
  throw new Error('no filing table yet')
}

const rowOf = (element: HTMLElement) =>
  element.closest<HTMLElement>('.filing-table__row') ?? document.body

/** 发布数, 被采用, 得分 of a row as shown. */
const numbers = (row: HTMLElement) =>
  Array.from(row.querySelectorAll('.filing-table__num')).map((n) => Number(n.textContent))

describe('信息报送考核', () => {
  it('an admin marks a village’s notice adopted and raises the minimum', async () => {
    const token = await api.loginAs('demo-admin')
    const [village] = await api.data('villages.list')
    const [column] = await api.data('columns.list')
    if (!village || !column) throw new Error('the demo seed has no village or column')
    const created = await api.data(
      'notices.create',
      {
        columnId: column.id,
        title: '报送考核测试信息',
        body: '本村开展人居环境整治的动态信息。',
        scope: { kind: 'villages', villageIds: [village.id] },
      },
      token,
    )
    const tableRow = async () => {
      const table = await api.data('filing.table', {}, token)
      const row = table.rows.find((r) => r.village.id === village.id)
      if (!row) throw new Error('the village is missing from the table')
      return { month: table.month, row }
    }
    const before = (await tableRow()).row
    render(<FilingPage />)

    const row = rowOf(await (await filingTable()).findByText(village.name))
    expect(screen.getByText('发布数')).toBeInTheDocument()
    expect(numbers(row)).toEqual([before.count, before.adopted, before.score])
    fireEvent.click(row)

    const title = await screen.findByText('报送考核测试信息')
    const item = title.closest<HTMLElement>('.filing-notice') ?? document.body
    fireEvent.click(within(item).getByText('标记采用'))
    expect(await within(item).findByText('取消采用')).toBeInTheDocument()

    const { month, row: after } = await tableRow()
    expect(after.adopted).toBe(before.adopted + 1)
    const listed = await api.data('filing.notices', { month, villageId: village.id }, token)
    expect(listed.find((n) => n.id === created.id)?.adopted).toBe(true)
    await waitFor(async () =>
      expect(numbers(rowOf((await filingTable()).getByText(village.name)))).toEqual([
        after.count,
        after.adopted,
        after.score,
      ]),
    )

    fireEvent.input(screen.getByPlaceholderText('请输入每村每月最少篇数'), {
      target: { value: '31' },
    })
    fireEvent.click(screen.getByText('保存规则'))
    await waitFor(async () =>
      expect((await api.data('filing.settings', {}, token)).minimum).toBe(31),
    )
    // Every village (rows after the header) is now below the minimum.
    await waitFor(() =>
      expect(screen.getAllByText('未达标')).toHaveLength(
        document.querySelectorAll('.filing-table__row').length - 1,
      ),
    )
    expect(screen.getByText('导出 Excel')).toBeInTheDocument()
  })

  it('lists each village’s broadcasts of the month beside the table, as scheduled and played', async () => {
    const token = await api.loginAs('demo-admin')
    const table = await api.data('filing.table', {}, token)
    const counts = await api.data('broadcast.month', { month: table.month }, token)
    // The demo schedules a week of 柳家村's loudspeaker around its clock.
    const liujia = counts.find((r) => r.village.name === '柳家村')
    expect(liujia?.scheduled).toBeGreaterThan(0)
    render(<FilingPage />)
    const block = await waitFor(
      () => document.querySelector<HTMLElement>('.broadcast-month') ?? fail(),
    )
    const row = (await within(block).findByText('柳家村')).closest<HTMLElement>(
      '.broadcast-month__row',
    )
    expect(
      Array.from(row?.querySelectorAll('.broadcast-month__num') ?? []).map((n) =>
        Number(n.textContent),
      ),
    ).toEqual([liujia?.scheduled, liujia?.played])
  })
})
