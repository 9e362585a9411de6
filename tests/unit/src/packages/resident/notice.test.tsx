import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Notice } from '@contract/bulletin'
import { NoticeBody } from '@/features/bulletin/components/notice-body'
import { speechPieces } from '@/features/bulletin/components/read-aloud'
import NoticePage from '@/packages/resident/pages/notice/index'
import { startTestApi, type PageTestApi } from '../../../../helpers/api-server'
import { navigations, setRouterParams, shareAppMessage } from '../../../../helpers/taro-shim'
import { richTextToPlain } from '@/lib/rich-text'

let api: PageTestApi

beforeAll(async () => {
  api = await startTestApi()
})

afterAll(async () => {
  await api.close()
})

describe('公告详情', () => {
  it('公告详情 shows the notice named by ?id= with its byline and rich-text paragraphs', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    const id = items[0]?.id ?? ''
    const notice = await api.data('notices.get', { id })
    const paragraphs = richTextToPlain(notice.body).split('\n')
    expect(paragraphs.length).toBeGreaterThan(1)
    setRouterParams({ id })
    render(<NoticePage />)

    expect(await screen.findByText(notice.title)).toBeInTheDocument()
    expect(screen.getByText(notice.column.name)).toBeInTheDocument()
    expect(screen.getByText(notice.authorName)).toBeInTheDocument()
    // RichText is Taro's web component, which jsdom does not run: the sanitised body must
    // reach it whole (the browser test reads the rendered paragraphs).
    const rich = document.querySelector('.notice-body__rich') as
      (Element & { nodes?: unknown }) | null
    expect(rich?.nodes ?? rich?.getAttribute('nodes')).toBe(notice.body)
    expect(paragraphs.length).toBeGreaterThan(1)
    // Opening the page counts one more view than the call above.
    expect(screen.getByText(`阅读 ${notice.viewCount + 1}`)).toBeInTheDocument()
  })

  it('公告详情 says when a notice does not exist', async () => {
    setRouterParams({ id: 'ntc-missing' })
    render(<NoticePage />)

    expect(await screen.findByText('这条公告不存在或已下线')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})

/** A browser's speech synthesis, recording what it was asked to say. */
function mockSpeech() {
  const spoken: SpeechSynthesisUtterance[] = []
  const synth = {
    speak: vi.fn((u: SpeechSynthesisUtterance) => spoken.push(u)),
    cancel: vi.fn(),
    getVoices: () => [
      { lang: 'en-US', name: 'English' },
      { lang: 'zh-CN', name: '普通话' },
    ],
  }
  class Utterance {
    lang = ''
    rate = 1
    voice: unknown = null
    onend: (() => void) | null = null
    onerror: ((event: SpeechSynthesisErrorEvent) => void) | null = null
    constructor(public text: string) {}
  }
  vi.stubGlobal('speechSynthesis', synth)
  vi.stubGlobal('SpeechSynthesisUtterance', Utterance)
  return { synth, spoken }
}

/** The text without spaces and punctuation: what a listener hears, whatever the pauses. */
const heard = (text: string) => text.replace(/[\s。，、！？；：,.!?;:“”"]/g, '')

describe('公告详情 朗读', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  async function openFirstNotice() {
    const { items } = await api.data('notices.list', { limit: 1 })
    const notice = await api.data('notices.get', { id: items[0]?.id ?? '' })
    setRouterParams({ id: notice.id })
    render(<NoticePage />)
    await screen.findByText(notice.title)
    return notice
  }

  it('朗读 reads the title and the whole notice in Mandarin, a little slowly; 停止 ends it', async () => {
    const { synth, spoken } = mockSpeech()
    const notice = await openFirstNotice()

    fireEvent.click(screen.getByText('朗读'))

    expect(synth.speak).toHaveBeenCalled()
    expect(heard(spoken.map((u) => u.text).join(''))).toBe(
      heard(notice.title + richTextToPlain(notice.body)),
    )
    for (const u of spoken) {
      expect(u.lang).toBe('zh-CN')
      expect(u.rate).toBe(0.9)
      expect(u.voice).toEqual({ lang: 'zh-CN', name: '普通话' })
    }
    expect(screen.getByText('正在朗读…')).toBeInTheDocument()

    fireEvent.click(screen.getByText('停止'))

    expect(synth.cancel).toHaveBeenCalled()
    expect(screen.getByText('朗读')).toBeInTheDocument()
    expect(screen.queryByText('停止')).not.toBeInTheDocument()
  })

  it('goes back to 朗读 when the last piece has been read', async () => {
    const { spoken } = mockSpeech()
    await openFirstNotice()
    fireEvent.click(screen.getByText('朗读'))
    expect(screen.getByText('停止')).toBeInTheDocument()

    act(() => spoken.at(-1)?.onend?.(new Event('end') as SpeechSynthesisEvent))

    expect(screen.getByText('朗读')).toBeInTheDocument()
  })

  it('says so when the phone cannot speak (no voice), and offers 朗读 again', async () => {
    const { spoken } = mockSpeech()
    await openFirstNotice()
    fireEvent.click(screen.getByText('朗读'))

    act(() => spoken[0]?.onerror?.({ error: 'synthesis-failed' } as SpeechSynthesisErrorEvent))

    expect(screen.getByText('这台手机暂时不能朗读')).toBeInTheDocument()
    expect(screen.getByText('朗读')).toBeInTheDocument()
  })

  it('offers no 朗读 where the browser cannot speak', async () => {
    expect('speechSynthesis' in window).toBe(false)
    await openFirstNotice()

    expect(screen.queryByText('朗读')).not.toBeInTheDocument()
  })

  it('offers no 朗读 in the mini-program, which has no speechSynthesis to read with', async () => {
    mockSpeech()
    const { items } = await api.data('notices.list', { limit: 1 })
    const notice = await api.data('notices.get', { id: items[0]?.id ?? '' })
    // The notice itself, not the page: the page would fetch it through WeChat's cloud.
    process.env.TARO_ENV = 'weapp'
    try {
      render(<NoticeBody notice={notice} />)
      expect(screen.getByText(notice.title)).toBeInTheDocument()
      expect(screen.queryByText('朗读')).not.toBeInTheDocument()
    } finally {
      process.env.TARO_ENV = 'h5'
    }
  })

  it('reads in short pieces, each ending on a pause (Chrome cuts long ones off)', () => {
    const body = `${'村里开会。'.repeat(30)}\n没有句号的一行\n${'长'.repeat(250)}`
    const pieces = speechPieces(body)

    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(100)
    expect(pieces.join('')).toContain('没有句号的一行。')
    expect(heard(pieces.join(''))).toBe(heard(body))
  })
})

describe('公告详情 pictures and video', () => {
  beforeAll(() => {
    // jsdom cannot load media; Taro's Video (a web component) asks it to once it has mounted,
    // which may be after this block's tests: the no-op stays for the rest of the file.
    HTMLMediaElement.prototype.load = () => undefined
  })

  beforeEach(() => {
    // Taro's lazy Image waits for the picture to come into view; jsdom has no observer.
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    )
  })

  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  async function withMedia(): Promise<Notice> {
    const { items } = await api.data('notices.list', { limit: 1 })
    const notice = await api.data('notices.get', { id: items[0]?.id ?? '' })
    return {
      ...notice,
      images: ['/media/a.jpg', '/media/b.jpg', '/media/c.jpg'],
      video: '/media/meeting.mp4',
    }
  }

  it('shows the gallery below the body; a tap opens that picture full screen among the others', async () => {
    const preview = vi.spyOn(Taro, 'previewImage').mockResolvedValue({ errMsg: 'previewImage:ok' })
    const notice = await withMedia()
    render(<NoticeBody notice={notice} />)

    const thumbs = Array.from(document.querySelectorAll<HTMLElement>('.notice-media__thumb'))
    expect(thumbs).toHaveLength(3)
    const rich = document.querySelector('.notice-body__rich') as Element
    expect(
      rich.compareDocumentPosition(thumbs[0] as Element) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy()

    fireEvent.click(thumbs[1] as HTMLElement)

    expect(preview).toHaveBeenCalledWith({ current: '/media/b.jpg', urls: notice.images })
  })

  it('plays the video with Taro’s Video, and shows neither without media', async () => {
    const notice = await withMedia()
    const { unmount } = render(<NoticeBody notice={notice} />)
    const video = document.querySelector('.notice-media__video') as
      (Element & { src?: unknown }) | null
    expect(video?.src ?? video?.getAttribute('src')).toBe('/media/meeting.mp4')
    unmount()

    render(<NoticeBody notice={{ ...notice, images: [], video: null }} />)
    expect(document.querySelector('.notice-media')).toBeNull()
  })
})

describe('公告详情 sharing and staff links', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    api.logout()
  })

  async function openFirst() {
    const { items } = await api.data('notices.list', { limit: 1 })
    const id = items[0]?.id ?? ''
    setRouterParams({ id })
    render(<NoticePage />)
    await screen.findByText(items[0]?.title ?? '')
    return { id, title: items[0]?.title ?? '' }
  }

  it('shares the notice by its title and link; 转发给家人 in a browser without a share sheet copies the link and says so', async () => {
    const copy = vi
      .spyOn(Taro, 'setClipboardData')
      .mockResolvedValue({ data: window.location.href, errMsg: 'ok' })
    const toast = vi.spyOn(Taro, 'showToast')
    const { id, title } = await openFirst()

    expect(shareAppMessage()).toEqual({
      title,
      path: `/packages/resident/pages/notice/index?id=${id}`,
    })

    expect(navigator.share).toBeUndefined()
    fireEvent.click(screen.getByText('转发给家人'))
    expect(copy).toHaveBeenCalledWith({ data: window.location.href })
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '链接已复制，粘贴到微信发给家人' }),
      ),
    )
    toast.mockRestore()
    // Plain sharing: nothing is promised for it.
    expect(document.body.textContent).not.toMatch(/分享.*(得|领|奖|积分)/)
  })

  it('offers a visitor no staff links', async () => {
    await openFirst()
    expect(screen.queryByText('未读家庭')).not.toBeInTheDocument()
    expect(screen.queryByText('编辑')).not.toBeInTheDocument()
  })

  it('offers staff 未读家庭 and 编辑 for the notice', async () => {
    await api.loginAs('demo-grid-1')
    const { id } = await openFirst()

    fireEvent.click(await screen.findByText('未读家庭'))
    fireEvent.click(screen.getByText('编辑'))

    expect(navigations).toEqual([
      { api: 'navigateTo', url: `/packages/staff/pages/reach/index?noticeId=${id}` },
      { api: 'navigateTo', url: `/packages/staff/pages/compose/index?id=${id}` },
    ])
  })
})

describe('公告详情 offline', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  const goOffline = () =>
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'))

  it('shows a notice opened before as saved, says so, and 重试 loads it once back online', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    const id = items[0]?.id ?? ''
    setRouterParams({ id })
    render(<NoticePage />)
    const title = (await screen.findByText(items[0]?.title ?? '')).textContent
    cleanup()

    const offline = goOffline()
    render(<NoticePage />)

    const bar = await screen.findByText(/^离线 · 显示的是 \d+月\d+日 \d\d:\d\d 保存的内容$/)
    expect(screen.getByText(title ?? '')).toBeInTheDocument()

    offline.mockRestore()
    fireEvent.click(within(bar.closest('.offline-bar') as HTMLElement).getByText('重试'))

    await waitFor(() => expect(screen.queryByText(/^离线/)).not.toBeInTheDocument())
    expect(screen.getByText(title ?? '')).toBeInTheDocument()
  })

  it('without a saved copy, says the network is down and offers 重试', async () => {
    const { items } = await api.data('notices.list', { limit: 1 })
    setRouterParams({ id: items[0]?.id ?? '' })
    goOffline()
    render(<NoticePage />)

    expect(await screen.findByText('网络连接不上')).toBeInTheDocument()
    expect(screen.getByText('重试')).toBeInTheDocument()
  })
})
