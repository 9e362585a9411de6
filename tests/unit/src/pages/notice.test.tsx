import { act, fireEvent, render, screen } from '@testing-library/react'
import { NoticeBody } from '@/features/bulletin/components/notice-body'
import { speechPieces } from '@/features/bulletin/components/read-aloud'
import NoticePage from '@/pages/notice/index'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'
import { setRouterParams } from '../../../helpers/taro-shim'
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
