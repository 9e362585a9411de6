/// <reference types="vite/client" />
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ComponentType } from 'react'
import { ELDER_CLASS, ELDER_STORAGE_KEY, initElderMode, setElderMode } from '@/lib/elder-mode'
import IndexPage from '@/pages/index/index'
import MePage from '@/pages/me/index'
import PrivacyPage from '@/packages/resident/pages/privacy/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { setRouterParams } from '../../../helpers/taro-shim'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

beforeEach(() => {
  // A fresh launch: storage was cleared by the setup, the state is read again.
  initElderMode()
})

/** The root <View className='page …'> of each page rendered so far, in order. */
const pageRoots = () => Array.from(document.querySelectorAll<HTMLElement>('.page'))

describe('长辈模式', () => {
  it('the switch on 我的 turns it on for 我的 and for every other open page', async () => {
    render(
      <>
        <MePage />
        <PrivacyPage />
      </>,
    )
    const toggle = await screen.findByRole('switch', { name: '长辈模式' })
    expect(screen.getByText('大字体、高对比度')).toBeInTheDocument()
    expect(toggle).toHaveAttribute('aria-checked', 'false')
    expect(screen.getByText('已关闭')).toBeInTheDocument()
    expect(pageRoots()).toHaveLength(2)
    for (const root of pageRoots()) expect(root).not.toHaveClass(ELDER_CLASS)

    fireEvent.click(toggle)

    expect(toggle).toHaveAttribute('aria-checked', 'true')
    expect(screen.getByText('已开启')).toBeInTheDocument()
    for (const root of pageRoots()) expect(root).toHaveClass('page', ELDER_CLASS)
    expect(Taro.getStorageSync(ELDER_STORAGE_KEY)).toBe('on')
  })

  it('the choice survives closing 我的 and launching the app again', async () => {
    const { unmount } = render(<MePage />)
    fireEvent.click(await screen.findByRole('switch', { name: '长辈模式' }))
    unmount()

    initElderMode()
    render(<MePage />)

    const toggle = await screen.findByRole('switch', { name: '长辈模式' })
    expect(toggle).toHaveAttribute('aria-checked', 'true')
    expect(pageRoots()[0]).toHaveClass(ELDER_CLASS)

    fireEvent.click(toggle)

    expect(toggle).toHaveAttribute('aria-checked', 'false')
    expect(pageRoots()[0]).not.toHaveClass(ELDER_CLASS)
    expect(Taro.getStorageSync(ELDER_STORAGE_KEY)).toBe('off')
  })

  it('首页 has its own 长辈模式 entry under the column tabs, driving the same state', async () => {
    render(<IndexPage />)
    const chip = screen.getByRole('switch', { name: '长辈模式' })
    const tabs = (await screen.findByText('全部')).closest('.nut-tabs')
    expect(tabs?.compareDocumentPosition(chip)).toBe(Node.DOCUMENT_POSITION_FOLLOWING)
    expect(chip).toHaveTextContent('关')

    fireEvent.click(chip)

    expect(chip).toHaveAttribute('aria-checked', 'true')
    expect(chip).toHaveTextContent('开')
    expect(pageRoots()[0]).toHaveClass(ELDER_CLASS)
    expect(Taro.getStorageSync(ELDER_STORAGE_KEY)).toBe('on')
  })

  it('is on at first launch when WeChat’s font is enlarged, and 我的 shows it on', async () => {
    // The mini-program reads WeChat's font size at launch; the page then renders as in H5.
    vi.stubEnv('TARO_ENV', 'weapp')
    vi.spyOn(Taro, 'getAppBaseInfo').mockReturnValue({
      fontSizeScaleFactor: 1.3,
    } as unknown as ReturnType<typeof Taro.getAppBaseInfo>)
    initElderMode()
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    render(<MePage />)

    expect(await screen.findByRole('switch', { name: '长辈模式' })).toHaveAttribute(
      'aria-checked',
      'true',
    )
    expect(pageRoots()[0]).toHaveClass(ELDER_CLASS, 'elder-scale-13')
  })

  it('a page already open follows a change made elsewhere', () => {
    render(<PrivacyPage />)
    expect(pageRoots()[0]).not.toHaveClass(ELDER_CLASS)

    act(() => setElderMode(true))

    expect(pageRoots()[0]).toHaveClass(ELDER_CLASS)
  })
})

// Every page module under src/pages, found by file name, so that a new page is checked too.
const pages = import.meta.glob<{ default: ComponentType }>('@/pages/*/index.tsx', { eager: true })

describe('长辈模式 on every page', () => {
  it.each(Object.keys(pages))('%s puts the class on its page root', async (file) => {
    const Page = pages[file]?.default
    if (!Page) throw new Error(`${file} has no default export`)
    setRouterParams({ id: 'missing', kind: 'votes' })
    setElderMode(true)
    const { container, unmount } = render(<Page />)

    const root = container.firstElementChild
    expect(root).toHaveClass('page', ELDER_CLASS)
    // Let the page's first requests settle before the next page starts.
    await waitFor(() => expect(container.querySelector('[aria-busy="true"]')).toBeNull())
    unmount()
  })
})
