// index.html's inline script paints a preview of 首页's first notices before the app's code has
// arrived (config/h5-home-preview.ts). Taro loads the config without compiling src/, so it keeps
// its own copies of the app's names and of the cards' date label: these tests keep them equal,
// and run the script in a sandboxed page (its own jsdom window) as a browser would.
import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import { EARLY_REQUESTS_GLOBAL } from '../../../config/h5-early-requests'
import {
  ELDER_CLASS as configElderClass,
  ELDER_STORAGE_KEY as configElderKey,
  ENLARGED_FONT_SCALE as configEnlarged,
  FEED_CACHE_NAME as configFeedCache,
  FROM_NOW_SOURCE,
  HOME_PREVIEW_DONE_GLOBAL as configDone,
  HOME_PREVIEW_ID as configId,
  homePreviewScript,
  homePreviewStyle,
  NOTICE_PAGE_PATH,
  SHANGHAI_OFFSET_MINUTES as configOffset,
} from '../../../config/h5-home-preview'
import type { NoticeSummary } from '@contract/bulletin'
import { SHANGHAI_OFFSET_MINUTES } from '@contract/time'
import { FEED_CACHE_NAME } from '@/features/bulletin/hooks/use-notices'
import { fromNow } from '@/lib/dayjs'
import { ELDER_CLASS, ELDER_STORAGE_KEY, ENLARGED_FONT_SCALE } from '@/lib/elder-mode'
import { HOME_PREVIEW_DONE_GLOBAL, HOME_PREVIEW_ID } from '@/lib/home-preview'
import { residentUrl } from '@/lib/routes'

// 2026-11-26 10:00 in Asia/Shanghai.
const NOW = Date.parse('2026-11-26T02:00:00Z')

const notice = (over: Partial<NoticeSummary>): NoticeSummary => ({
  id: 'n1',
  title: '秋冬季防火提醒',
  summary: '请大家不烧荒、不焚烧秸秆。',
  column: { id: 'c1', name: '通知公告' },
  villages: [],
  pinned: false,
  publishedAt: '2026-11-20T02:00:00Z',
  viewCount: 212,
  authorName: '镇政府',
  cover: null,
  ...over,
})

const page = (items: NoticeSummary[]) => ({ items, nextCursor: null })
const ok = (data: unknown) => ({ ok: true, data })

interface Opened {
  window: JSDOM['window']
  document: Document
  /** Lets the script's answers settle. */
  settle(): Promise<void>
}

/**
 * A page at `hash` with `stored` in its localStorage (as Taro stores it: {"data": value}), the
 * early answers `answers` left by the request statements, running the preview script.
 */
function open(
  hash: string,
  stored: Record<string, unknown>,
  answers: { pinned: unknown; feed: unknown } | null,
): Opened {
  const dom = new JSDOM(
    '<!doctype html><html><head></head><body><div id="app"></div></body></html>',
    {
      url: `http://localhost/${hash}`,
      runScripts: 'outside-only',
    },
  )
  const { window } = dom
  for (const [key, value] of Object.entries(stored))
    window.localStorage.setItem(key, JSON.stringify({ data: value }))
  ;(window as unknown as { Date: { now(): number } }).Date.now = () => NOW
  if (answers) {
    const early = {
      columns: Promise.resolve(ok([])),
      pinned: Promise.resolve(answers.pinned),
      feed: Promise.resolve(answers.feed),
    }
    ;(window as unknown as Record<string, unknown>)[EARLY_REQUESTS_GLOBAL] = early
  }
  window.eval(homePreviewScript())
  return {
    window,
    document: window.document,
    settle: () => new Promise((resolve) => setTimeout(resolve, 0)),
  }
}

const preview = (d: Document) => d.getElementById(HOME_PREVIEW_ID)
const titles = (d: Document) =>
  [...d.querySelectorAll(`#${HOME_PREVIEW_ID} .notice-card__title > span`)].map(
    (n) => n.textContent,
  )

describe('index.html’s preview of 首页', () => {
  it('uses the app’s own names, storage keys, classes and notice route', () => {
    expect(configId).toBe(HOME_PREVIEW_ID)
    expect(configDone).toBe(HOME_PREVIEW_DONE_GLOBAL)
    expect(configFeedCache).toBe(FEED_CACHE_NAME)
    expect(configElderKey).toBe(ELDER_STORAGE_KEY)
    expect(configElderClass).toBe(ELDER_CLASS)
    expect(configEnlarged).toBe(ENLARGED_FONT_SCALE)
    expect(configOffset).toBe(SHANGHAI_OFFSET_MINUTES)
    expect(NOTICE_PAGE_PATH).toBe(residentUrl('notice'))
  })

  it('labels dates exactly as the cards do, at every boundary and around the new year', () => {
    const label = new JSDOM('', { runScripts: 'outside-only' }).window.eval(
      `(${FROM_NOW_SOURCE})`,
    ) as (iso: string, now: number) => string
    const minute = 60_000
    const jan1 = Date.parse('2027-01-01T00:30:00+08:00')
    const cases: [number, number][] = []
    for (const now of [NOW, jan1]) {
      for (const ago of [
        0,
        59_999,
        minute,
        59 * minute + 59_999,
        60 * minute,
        1439 * minute + 59_999,
      ])
        cases.push([now - ago, now])
      for (const ago of [1440 * minute, 31 * minute, 40 * 1440 * minute, 400 * 1440 * minute])
        cases.push([now - ago, now])
    }
    // The last instant of 2026 in Shanghai and the first of 2027, seen from New Year's Day.
    cases.push([Date.parse('2026-12-31T15:59:59Z'), jan1 + 2 * 1440 * minute])
    cases.push([Date.parse('2026-12-31T16:00:00Z'), jan1 + 2 * 1440 * minute])
    for (const [at, now] of cases) {
      const iso = new Date(at).toISOString()
      expect([iso, label(iso, now)]).toEqual([iso, fromNow(iso, now)])
    }
    expect(label('2026-12-31T00:29:00+08:00', jan1)).toBe('2026年12月31日')
    expect(label('2026-12-31T23:59:00+08:00', jan1)).toBe('31分钟前')
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-01-01') }),
        fc.integer({ min: 0, max: 3 * 365 * 1440 * minute }),
        (at, ago) => {
          const iso = new Date(at).toISOString()
          return label(iso, at + ago) === fromNow(iso, at + ago)
        },
      ),
    )
  })

  it('paints the pinned and the feed notices from the early answers, each a link to it', async () => {
    const pinned = notice({ id: 'p/1', title: '置顶的通知', pinned: true })
    const feed = [
      notice({
        id: 'n2',
        title: '两会精神宣讲',
        column: { id: 'c2', name: '全国两会' },
        villages: [
          { id: 'v1', name: '柳家村' },
          { id: 'v2', name: '石桥村' },
        ],
        publishedAt: new Date(NOW - 3 * 3_600_000).toISOString(),
        viewCount: 5,
        cover: '/media/cover.jpg',
      }),
      notice({ id: 'n3', title: '志愿服务' }),
    ]
    const { document, settle } = open('', {}, { pinned: ok(page([pinned])), feed: ok(page(feed)) })
    expect(preview(document)).toBeNull()
    await settle()
    const root = preview(document)
    expect(root).not.toBeNull()
    expect(root?.parentElement).toBe(document.body)
    expect(document.getElementById('app')?.contains(root as Node)).toBe(false)
    expect(root?.className).toBe('')
    expect(root?.querySelector('.pinned-notices__heading')?.textContent).toBe('置顶公告')
    expect(root?.querySelectorAll('.pinned-notices .notice-card')).toHaveLength(1)
    expect(root?.querySelector('.pinned-notices .notice-card__pin')?.textContent).toBe('置顶')
    expect(titles(document)).toEqual(['置顶的通知', '两会精神宣讲', '志愿服务'])
    const cards = [
      ...document.querySelectorAll<HTMLAnchorElement>(`#${HOME_PREVIEW_ID} a.notice-card`),
    ]
    expect(cards.map((a) => a.getAttribute('href'))).toEqual([
      '#/packages/resident/pages/notice/index?id=p%2F1',
      '#/packages/resident/pages/notice/index?id=n2',
      '#/packages/resident/pages/notice/index?id=n3',
    ])
    const meta = [...(cards[1]?.querySelectorAll('.notice-card__meta > span') ?? [])]
    expect(meta.map((m) => m.textContent)).toEqual([
      '全国两会',
      '柳家村、石桥村',
      '3小时前',
      '阅读 5',
    ])
    expect(cards[1]?.querySelector('.notice-card__summary')?.textContent).toBe(
      '请大家不烧荒、不焚烧秸秆。',
    )
    expect(cards[1]?.querySelector('img.notice-card__cover')?.getAttribute('src')).toBe(
      '/media/cover.jpg',
    )
    expect(cards[2]?.querySelector('.notice-card__meta')?.textContent).toBe(
      '通知公告全镇11月20日阅读 212',
    )
    expect(cards[2]?.querySelector('img')).toBeNull()
  })

  it('shows markup in a title or summary as text, never as elements', async () => {
    const attack = '<img src=x onerror="window.hacked=1">'
    const { window, document, settle } = open(
      '#/pages/index/index',
      {},
      {
        pinned: ok(page([])),
        feed: ok(page([notice({ title: attack, summary: `<b>粗</b>${attack}` })])),
      },
    )
    await settle()
    expect(titles(document)).toEqual([attack])
    expect(document.querySelector(`#${HOME_PREVIEW_ID} .notice-card__summary`)?.textContent).toBe(
      `<b>粗</b>${attack}`,
    )
    expect(
      document.querySelectorAll(`#${HOME_PREVIEW_ID} img, #${HOME_PREVIEW_ID} b`),
    ).toHaveLength(0)
    expect((window as unknown as Record<string, unknown>).hacked).toBeUndefined()
    // No pinned notices: no pinned block.
    expect(document.querySelector('.pinned-notices')).toBeNull()
  })

  it('ends the pinned block with 更多置顶公告 when more than the first five are pinned', async () => {
    const five = [1, 2, 3, 4, 5].map((i) => notice({ id: `p${i}`, pinned: true }))
    const more = open(
      '',
      {},
      {
        pinned: ok({ items: five, nextCursor: 'p5' }),
        feed: ok(page([notice({})])),
      },
    )
    const all = open('', {}, { pinned: ok(page(five)), feed: ok(page([notice({})])) })
    await Promise.all([more.settle(), all.settle()])
    expect(more.document.querySelector('.pinned-notices__more')?.textContent).toBe('更多置顶公告')
    expect(all.document.querySelector('.pinned-notices')).not.toBeNull()
    expect(all.document.querySelector('.pinned-notices__more')).toBeNull()
  })

  it('paints nothing off 首页’s route, for an error answer, or once the app has taken over', async () => {
    const answers = { pinned: ok(page([])), feed: ok(page([notice({})])) }
    const elsewhere = open('#/pages/board/index', {}, answers)
    await elsewhere.settle()
    expect(preview(elsewhere.document)).toBeNull()

    const refused = open(
      '',
      {},
      {
        pinned: ok(page([])),
        feed: { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁' } },
      },
    )
    await refused.settle()
    expect(preview(refused.document)).toBeNull()
    const notJson = open('', {}, { pinned: null, feed: ok(page([notice({})])) })
    await notJson.settle()
    expect(preview(notJson.document)).toBeNull()

    const late = open('', {}, answers)
    ;(late.window as unknown as Record<string, unknown>)[HOME_PREVIEW_DONE_GLOBAL] = true
    await late.settle()
    expect(preview(late.document)).toBeNull()
  })

  it('paints the stored feed at once, then the fresh answer in its place', async () => {
    const stored = {
      [`${FEED_CACHE_NAME}:all`]: { data: page([notice({ title: '上次的公告' })]), savedAt: 'x' },
      [`${FEED_CACHE_NAME}:pinned`]: { data: page([]), savedAt: 'x' },
    }
    const { document, settle } = open('', stored, {
      pinned: ok(page([])),
      feed: ok(page([notice({ title: '新公告' })])),
    })
    expect(titles(document)).toEqual(['上次的公告'])
    await settle()
    expect(titles(document)).toEqual(['新公告'])
    expect(document.querySelectorAll(`#${HOME_PREVIEW_ID}`)).toHaveLength(1)
  })

  it('goes when the address leaves 首页 (a preview card tapped)', async () => {
    const { window, document, settle } = open(
      '',
      {},
      { pinned: ok(page([])), feed: ok(page([notice({})])) },
    )
    await settle()
    expect(preview(document)).not.toBeNull()
    window.location.hash = '#/packages/resident/pages/notice/index?id=n1'
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(preview(document)).toBeNull()
  })

  it('carries 长辈模式’s class when it was chosen, and not when it was turned off', async () => {
    const answers = { pinned: ok(page([])), feed: ok(page([notice({})])) }
    const on = open('', { [ELDER_STORAGE_KEY]: 'on' }, answers)
    const off = open('', { [ELDER_STORAGE_KEY]: 'off' }, answers)
    await Promise.all([on.settle(), off.settle()])
    expect(preview(on.document)?.classList.contains(ELDER_CLASS)).toBe(true)
    expect(preview(off.document)?.classList.contains(ELDER_CLASS)).toBe(false)
    // Its rules are scoped to the preview: nothing in the app is styled by them.
    const rules = homePreviewStyle().split('}').filter(Boolean)
    for (const rule of rules) expect(rule.startsWith(`#${HOME_PREVIEW_ID}`)).toBe(true)
  })
})
