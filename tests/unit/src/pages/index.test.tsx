import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { NoticeCard } from '@/features/bulletin/components/notice-card'
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

  it('首页 puts the pinned notices in their own block on top, then the feed ten at a time', async () => {
    const pinned = await api.data('notices.list', { pinned: true, limit: 5 })
    expect(pinned.items.length).toBeGreaterThan(0)
    const { items } = await api.data('notices.list', { pinned: false, limit: 10 })
    expect(items).toHaveLength(10)
    const times = items.map((n) => Date.parse(n.publishedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))

    render(<IndexPage />)
    const block = await screen.findByRole('region', { name: '置顶公告' })
    await screen.findByText(items[0]?.title ?? '')
    // Each pinned notice once, in the block, above the whole feed; the feed itself newest first.
    for (const n of pinned.items) {
      expect(screen.getAllByText(n.title)).toHaveLength(1)
      expect(within(block).getByText(n.title)).toBeInTheDocument()
    }
    expectInOrder([...pinned.items, ...items].map((n) => screen.getByText(n.title)))
    expect(within(block).getAllByText('置顶')).toHaveLength(pinned.items.length)
    expect(screen.getAllByText('置顶')).toHaveLength(pinned.items.length)
    expect(screen.getByText('加载更多')).toBeInTheDocument()
  })

  it('a column tab and a search show pinned notices in place, without the block', async () => {
    const [first] = (await api.data('notices.list', { pinned: true, limit: 1 })).items
    render(<IndexPage />)
    await screen.findByRole('region', { name: '置顶公告' })
    fireEvent.click(within(await columnTabs()).getByText(first?.column.name ?? ''))
    expect(await screen.findByText(first?.title ?? '')).toBeInTheDocument()
    expect(screen.queryByRole('region', { name: '置顶公告' })).not.toBeInTheDocument()
  })

  it('首页 shows the next notices when the reader scrolls to the bottom', async () => {
    const first = await api.data('notices.list', { pinned: false, limit: 10 })
    const next = await api.data('notices.list', {
      pinned: false,
      limit: 10,
      cursor: first.nextCursor ?? '',
    })
    render(<IndexPage />)
    await screen.findByText(first.items[0]?.title ?? '')
    expect(screen.queryByText(next.items[0]?.title ?? '')).not.toBeInTheDocument()

    act(() => reachBottom())

    expect(await screen.findByText(next.items[0]?.title ?? '')).toBeInTheDocument()
    expectInOrder([...first.items, ...next.items].map((n) => screen.getByText(n.title)))
  })

  it('pulling 首页 down shows a notice published meanwhile', async () => {
    const columns = await api.data('columns.list')
    const { items } = await api.data('notices.list', { pinned: false, limit: 1 })
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
      {
        api: 'navigateTo',
        url: `/packages/resident/pages/notice/index?id=${encodeURIComponent(notice?.id ?? '')}`,
      },
    ])
  })
})

describe('首页 search', () => {
  const searchBox = () => screen.getByPlaceholderText('搜索公告')
  const type = (value: string) => fireEvent.input(searchBox(), { target: { value } })

  it('narrows the feed to the notices matching the keyword, and clearing brings the feed back', async () => {
    const all = await api.data('notices.list', { limit: 50 })
    const keyword = '垃圾分类'
    const matches = (await api.data('notices.list', { keyword, limit: 50 })).items
    expect(matches.length).toBeGreaterThan(0)
    const others = all.items.filter((n) => !matches.some((m) => m.id === n.id))
    expect(others.length).toBeGreaterThan(0)
    render(<IndexPage />)
    await screen.findByText(all.items[0]?.title ?? '')

    type(keyword)

    // The results replace the feed: wait for the first of them, and for the feed to be gone.
    await screen.findByText(matches[0]?.title ?? '')
    await waitFor(() => expect(screen.queryByText(others[0]?.title ?? '')).not.toBeInTheDocument())
    for (const notice of matches.slice(0, 10)) {
      expect(await screen.findByText(notice.title)).toBeInTheDocument()
    }
    for (const notice of others) expect(screen.queryByText(notice.title)).not.toBeInTheDocument()

    type('')

    expect(await screen.findByText(all.items[0]?.title ?? '')).toBeInTheDocument()
    expect(screen.getByText('加载更多')).toBeInTheDocument()
  })

  it('says when nothing matches', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    render(<IndexPage />)
    await screen.findByText(items[0]?.title ?? '')

    type('火星移民')

    expect(await screen.findByText('没有找到“火星移民”相关的公告')).toBeInTheDocument()
    expect(screen.queryByText(items[0]?.title ?? '')).not.toBeInTheDocument()
  })

  it('searches within the chosen column', async () => {
    const columns = await api.data('columns.list')
    const keyword = '垃圾分类'
    const matches = (await api.data('notices.list', { keyword, limit: 50 })).items
    const home = columns.find((c) => c.id === matches[0]?.column.id)
    const other = columns.find((c) => !matches.some((m) => m.column.id === c.id))
    expect(home && other).toBeTruthy()
    render(<IndexPage />)
    const tabs = within(await columnTabs())

    fireEvent.click(await tabs.findByText(other?.name ?? ''))
    type(keyword)
    expect(await screen.findByText(`没有找到“${keyword}”相关的公告`)).toBeInTheDocument()

    fireEvent.click(tabs.getByText(home?.name ?? ''))
    expect(await screen.findByText(matches[0]?.title ?? '')).toBeInTheDocument()
    for (const notice of matches) {
      if (notice.column.id !== home?.id) {
        expect(screen.queryByText(notice.title)).not.toBeInTheDocument()
      }
    }
  })
})

describe('首页 offline', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  /** The network stops answering: every request the page sends fails. */
  const goOffline = () =>
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'))

  it('shows the feed saved last time, says so, and 重试 loads it again once back online', async () => {
    const { items } = await api.data('notices.list', { limit: 10 })
    render(<IndexPage />)
    await screen.findByText(items[0]?.title ?? '')
    expect(screen.queryByText(/^离线/)).not.toBeInTheDocument()
    cleanup()

    const offline = goOffline()
    render(<IndexPage />)

    const bar = await screen.findByText(/^离线 · 显示的是 \d+月\d+日 \d\d:\d\d 保存的内容$/)
    expect(bar).toBeInTheDocument()
    for (const notice of items) expect(screen.getByText(notice.title)).toBeInTheDocument()

    offline.mockRestore()
    fireEvent.click(within(bar.closest('.offline-bar') as HTMLElement).getByText('重试'))

    await waitFor(() => expect(screen.queryByText(/^离线/)).not.toBeInTheDocument())
    expect(screen.getByText(items[0]?.title ?? '')).toBeInTheDocument()
  })

  it('shows the feed saved last time from the first paint while it loads again, then the fresh one', async () => {
    const columns = await api.data('columns.list')
    const { items } = await api.data('notices.list', { pinned: false, limit: 10 })
    render(<IndexPage />)
    await screen.findByText(items[0]?.title ?? '')
    cleanup()

    const title = '明早八点村口集中收运大件垃圾'
    const { token } = await api.data('auth.devLogin', { openid: 'demo-admin' })
    await api.data(
      'notices.create',
      {
        columnId: columns.find((c) => c.name === '人居环境')?.id ?? '',
        title,
        body: '明早八点在村口集中收运大件垃圾，请提前把旧家具放到路边。',
        scope: { kind: 'township' },
      },
      token,
    )
    // The server's answers are held back until released: a slow signal.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const realFetch = globalThis.fetch
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args) => {
      await held
      return realFetch(...args)
    })
    render(<IndexPage />)
    // Synchronously, before any answer: the saved feed, without the offline bar.
    for (const notice of items) expect(screen.getByText(notice.title)).toBeInTheDocument()
    expect(screen.queryByText(title)).not.toBeInTheDocument()
    expect(screen.queryByText(/^离线/)).not.toBeInTheDocument()

    release()
    expect(await screen.findByText(title)).toBeInTheDocument()
    expectInOrder([screen.getByText(title), screen.getByText(items[0]?.title ?? '')])
    expect(screen.queryByText(/^离线/)).not.toBeInTheDocument()
  })

  it('without a saved copy, says the network is down and offers 重试', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    const offline = goOffline()
    render(<IndexPage />)

    expect(await screen.findByText('网络连接不上')).toBeInTheDocument()

    offline.mockRestore()
    fireEvent.click(screen.getByText('重试'))

    expect(await screen.findByText(items[0]?.title ?? '')).toBeInTheDocument()
  })
})

describe('notice card', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('shows the cover as a thumbnail, cropped to fill and loaded lazily; none without one', async () => {
    // Taro's lazy Image waits for the picture to come into view; jsdom has no observer.
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    )
    const { items } = await api.data('notices.list', { limit: 1 })
    const notice = { ...(items[0] as (typeof items)[number]), cover: '/media/cover.jpg' }
    const { unmount } = render(<NoticeCard notice={notice} />)
    const cover = document.querySelector('.notice-card__cover')
    expect(cover).not.toBeNull()
    // Lazy: the picture is fetched once the card scrolls into view.
    expect(cover?.querySelector('img')?.getAttribute('data-src')).toBe('/media/cover.jpg')
    unmount()

    render(<NoticeCard notice={{ ...notice, cover: null }} />)
    expect(document.querySelector('.notice-card__cover')).toBeNull()
  })
})
