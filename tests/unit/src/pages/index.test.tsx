import { act, fireEvent, render, screen, within } from '@testing-library/react'
import IndexPage from '@/pages/index/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { navigations, pullDown, reachBottom } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

/** The row of column tabs at the top of 首页 (NutUI Tabs has no ARIA roles to find it by). */
async function columnTabs(): Promise<HTMLElement> {
  const all = await screen.findByText('全部')
  const row = all.closest<HTMLElement>('.nut-tabs-titles')
  if (!row) throw new Error('column tabs not found')
  return row
}

/** Asserts that the elements appear in this order in the document. */
function expectInOrder(elements: HTMLElement[]) {
  elements.slice(1).forEach((element, i) => {
    const before = elements[i] as HTMLElement
    expect(before.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })
}

describe('首页', () => {
  it('首页 shows 全部 and a tab for every column, in order', async () => {
    const columns = await api.data('columns.list')
    render(<IndexPage />)
    const tabs = within(await columnTabs())
    const shown = [await tabs.findByText('全部')]
    for (const column of columns) shown.push(await tabs.findByText(column.name))
    expectInOrder(shown)
    expect(tabs.getByText('党的二十大精神')).toBeInTheDocument()
    expect(tabs.getByText('通知公告')).toBeInTheDocument()
  })

  it('首页 lists the demo notices, newest first, ten at a time', async () => {
    const { items } = await api.data('notices.list', { limit: 10 })
    expect(items).toHaveLength(10)
    const times = items.map((n) => Date.parse(n.publishedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))

    render(<IndexPage />)
    await screen.findByText(items[0]?.title ?? '')
    expectInOrder(items.map((n) => screen.getByText(n.title)))
    expect(screen.getAllByText('置顶').length).toBe(items.filter((n) => n.pinned).length)
    expect(screen.getByText('加载更多')).toBeInTheDocument()
  })

  it('首页 shows the next notices when the reader scrolls to the bottom', async () => {
    const first = await api.data('notices.list', { limit: 10 })
    const next = await api.data('notices.list', { limit: 10, cursor: first.nextCursor ?? '' })
    render(<IndexPage />)
    await screen.findByText(first.items[0]?.title ?? '')
    expect(screen.queryByText(next.items[0]?.title ?? '')).not.toBeInTheDocument()

    act(() => reachBottom())

    expect(await screen.findByText(next.items[0]?.title ?? '')).toBeInTheDocument()
    expectInOrder([...first.items, ...next.items].map((n) => screen.getByText(n.title)))
  })

  it('pulling 首页 down shows a notice published meanwhile', async () => {
    const columns = await api.data('columns.list')
    const { items } = await api.data('notices.list', { limit: 1 })
    render(<IndexPage />)
    await screen.findByText(items[0]?.title ?? '')

    const title = '今晚村委会停电检修通知'
    // The admin publishes from elsewhere while the page stays open; act() lets the page's
    // own late answers (the column tabs) settle meanwhile.
    await act(async () => {
      const { token } = await api.data('auth.devLogin', { openid: 'demo-admin' })
      await api.data(
        'notices.create',
        {
          columnId: columns.find((c) => c.name === '通知公告')?.id ?? '',
          title,
          body: '今晚八点到十点村委会停电检修，请大家提前做好准备。',
          scope: { kind: 'township' },
        },
        token,
      )
    })
    expect(screen.queryByText(title)).not.toBeInTheDocument()

    act(() => pullDown())

    expect(await screen.findByText(title)).toBeInTheDocument()
    expectInOrder([screen.getByText(title), screen.getByText(items[0]?.title ?? '')])
  })

  it('choosing a column tab shows only that column’s notices', async () => {
    const columns = await api.data('columns.list')
    const congress = columns.find((c) => c.name === '党的二十大精神')
    const all = await api.data('notices.list', { limit: 50 })
    const inColumn = all.items.filter((n) => n.column.id === congress?.id)
    const elsewhere = all.items.filter((n) => n.column.id !== congress?.id)
    expect(inColumn.length).toBeGreaterThan(0)

    render(<IndexPage />)
    await screen.findByText(all.items[0]?.title ?? '')
    fireEvent.click(await within(await columnTabs()).findByText('党的二十大精神'))

    expect(await screen.findByText(inColumn[0]?.title ?? '')).toBeInTheDocument()
    for (const notice of inColumn) expect(screen.getByText(notice.title)).toBeInTheDocument()
    for (const notice of elsewhere) expect(screen.queryByText(notice.title)).not.toBeInTheDocument()
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
  })

  it('a column with nothing a visitor may see says so', async () => {
    const columns = await api.data('columns.list')
    const villageAffairs = columns.find((c) => c.name === '村务公开')
    const visible = await api.data('notices.list', { columnId: villageAffairs?.id })
    expect(visible.items).toEqual([])

    render(<IndexPage />)
    fireEvent.click(await within(await columnTabs()).findByText('村务公开'))

    expect(await screen.findByText('这个栏目还没有公告')).toBeInTheDocument()
  })

  it('tapping a notice opens its page', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    const notice = items[0]
    render(<IndexPage />)

    fireEvent.click(await screen.findByText(notice?.title ?? ''))

    expect(navigations).toEqual([
      { api: 'navigateTo', url: `/pages/notice/index?id=${encodeURIComponent(notice?.id ?? '')}` },
    ])
  })
})
