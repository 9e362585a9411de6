// Every page of src/app.config.ts, each opened by the demo account that reaches it, with ids
// from the demo data: what the 长辈模式 audit measures and `npm run screenshots` photographs.
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { callApi } from './phone-page'

/** The demo accounts the screens are opened as. */
export const AUDIT_ACCOUNTS = {
  村民: 'demo-resident-1',
  // A household with no appeal pending: its page shows the appeal form.
  村民二: 'demo-resident-2',
  游客: 'demo-visitor',
  网格员: 'demo-grid-1',
  管理员: 'demo-admin',
} as const

export type AuditAccount = keyof typeof AUDIT_ACCOUNTS

export interface Screen {
  /** The page's path in app.config.ts, with its query. */
  path: string
  as: AuditAccount
}

interface AppConfig {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  tabBar: { list: { pagePath: string }[] }
}

async function appConfig(): Promise<AppConfig> {
  // Taro's build supplies defineAppConfig as a global; outside it, it only returns its input.
  const global = globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }
  global.defineAppConfig ??= (config) => config
  return (await import('../../src/app.config')).default as unknown as AppConfig
}

/** Every page path app.config.ts declares, subpackages included. */
export async function configuredPages(): Promise<string[]> {
  const config = await appConfig()
  return [
    ...config.pages,
    ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
  ]
}

/** Signs every audit account in through the API; answers their tokens. */
export async function accountTokens(url: string): Promise<Record<AuditAccount, string>> {
  const entries = await Promise.all(
    Object.entries(AUDIT_ACCOUNTS).map(async ([name, openid]) => {
      const { token } = await callApi(url, 'auth.devLogin', { openid })
      return [name, token] as const
    }),
  )
  return Object.fromEntries(entries) as Record<AuditAccount, string>
}

/** The screens to open, with ids looked up in the demo data. */
export async function appScreens(
  url: string,
  tokens: Record<AuditAccount, string>,
): Promise<Screen[]> {
  const [notices, rounds, campaigns, me, second] = await Promise.all([
    callApi(url, 'notices.list', {}, tokens.村民),
    callApi(url, 'board.rounds', {}, tokens.管理员),
    callApi(url, 'campaigns.list', {}, tokens.管理员),
    callApi(url, 'me.get', {}, tokens.村民),
    callApi(url, 'me.get', {}, tokens.村民二),
  ])
  const notice = notices.items[0]?.id ?? ''
  const household = me.user?.household?.id ?? ''
  const published = rounds.items.find((r) => r.status === 'published')?.id ?? ''
  const inPublicity = rounds.items.find((r) => r.inPublicity)?.id ?? published
  const open = rounds.items.find((r) => r.status === 'open')?.id ?? published
  const inPhase = (...phases: string[]) =>
    campaigns.items.find((c) => phases.includes(c.phase))?.id ?? campaigns.items[0]?.id ?? ''
  const voting = inPhase('voting')
  const nominating = inPhase('nomination')
  const finished = inPhase('publicity', 'closed')
  const results = await callApi(url, 'campaigns.results', { campaignId: finished }, tokens.管理员)
  const winner = results.rows?.find((r) => r.winner)?.candidate.id ?? ''
  // A plate of the grid worker's group (a print answers the codes; printing twice is harmless).
  const home = await callApi(url, 'households.get', { id: household }, tokens.网格员)
  const plates = await callApi(
    url,
    'doorplates.print',
    { groupId: home.group.id, origin: url, limit: 8 },
    tokens.网格员,
  )
  const plate = plates.items.find((p) => p.householdId !== household)?.code ?? ''

  const staff = (page: string, query = '') => `packages/staff/pages/${page}/index${query}`
  const screens: Screen[] = [
    { path: 'pages/index/index', as: '村民' },
    { path: 'pages/board/index', as: '村民' },
    { path: 'pages/campaigns/index', as: '村民' },
    { path: 'pages/me/index', as: '村民' },
    { path: `packages/resident/pages/notice/index?id=${notice}`, as: '村民' },
    { path: 'packages/resident/pages/bind/index', as: '游客' },
    { path: 'packages/resident/pages/bind/index', as: '村民' },
    { path: 'packages/resident/pages/privacy/index', as: '村民' },
    { path: 'packages/resident/pages/records/index?kind=appeals', as: '村民' },
    { path: 'packages/resident/pages/records/index?kind=votes', as: '村民' },
    { path: 'packages/resident/pages/records/index?kind=nominations', as: '村民' },
    {
      path: `packages/resident/pages/board-household/index?roundId=${published}&householdId=${household}`,
      as: '村民',
    },
    { path: `packages/resident/pages/campaign/index?id=${voting}`, as: '村民' },
    { path: `packages/resident/pages/campaign/index?id=${nominating}`, as: '村民' },
    { path: `packages/resident/pages/nominate/index?campaignId=${nominating}`, as: '村民' },
    { path: `packages/resident/pages/results/index?id=${finished}`, as: '村民' },
    {
      path: `packages/resident/pages/board-household/index?roundId=${inPublicity}&householdId=${second.user?.household?.id ?? ''}`,
      as: '村民二',
    },
    { path: `packages/resident/pages/results/index?id=${finished}`, as: '村民二' },
    { path: 'packages/resident/pages/activities/index', as: '村民' },
    // Demo activities (server/seed/demo-activities.ts): one open to sign up, one full.
    { path: 'packages/resident/pages/activity/index?id=act-demo-family', as: '村民' },
    { path: 'packages/resident/pages/activity/index?id=act-demo-dance', as: '村民' },
    { path: 'packages/resident/pages/my-volunteer/index', as: '村民' },
    // A visitor at someone's door: the public card and 绑定.
    { path: `pages/door/index?code=${plate}`, as: '游客' },
    { path: 'packages/resident/pages/family/index', as: '村民' },
    { path: staff('tools'), as: '网格员' },
    { path: staff('bindings'), as: '网格员' },
    { path: staff('households'), as: '网格员' },
    { path: staff('household', `?id=${household}`), as: '网格员' },
    { path: staff('compose'), as: '网格员' },
    { path: staff('my-notices'), as: '网格员' },
    { path: staff('reach', `?noticeId=${notice}`), as: '网格员' },
    { path: staff('inspect'), as: '网格员' },
    { path: staff('inspect-form', `?roundId=${open}&householdId=${household}`), as: '网格员' },
    { path: staff('appeals'), as: '网格员' },
    { path: staff('doorplates', `?groupId=${home.group.id}`), as: '网格员' },
    { path: staff('broadcast-today'), as: '网格员' },
    { path: staff('broadcast', `?noticeId=${notice}`), as: '网格员' },
    { path: staff('broadcast', `?noticeId=${notice}`), as: '管理员' },
    { path: staff('review', `?campaignId=${nominating}`), as: '网格员' },
    { path: staff('assist', `?campaignId=${voting}`), as: '网格员' },
    { path: staff('activities'), as: '网格员' },
    { path: staff('activity-edit'), as: '网格员' },
    // Ended: the list with check-ins, hours to adjust and the notice draft.
    { path: staff('activity-admin', '?id=act-demo-cleanup'), as: '网格员' },
    { path: staff('tools'), as: '管理员' },
    { path: staff('volunteer-hours'), as: '管理员' },
    { path: staff('places'), as: '管理员' },
    { path: staff('roster'), as: '管理员' },
    { path: staff('staff'), as: '管理员' },
    { path: staff('columns'), as: '管理员' },
    { path: staff('filing'), as: '管理员' },
    { path: staff('words'), as: '管理员' },
    { path: staff('rounds'), as: '管理员' },
    { path: staff('rubric'), as: '管理员' },
    { path: staff('board-print', `?roundId=${published}`), as: '管理员' },
    { path: staff('campaigns'), as: '管理员' },
    { path: staff('campaign-edit'), as: '管理员' },
    { path: staff('campaign-admin', `?id=${voting}`), as: '管理员' },
    { path: staff('outbox'), as: '管理员' },
    { path: staff('media-review'), as: '管理员' },
    {
      path: staff('certificate', `?campaignId=${finished}&candidateId=${winner}`),
      as: '管理员',
    },
  ]
  return screens
}

/** The browser's default font size at scale 1 (Chromium's "medium"). */
const DEFAULT_FONT_PX = 16

/**
 * Opens a phone context signed in as one account with 长辈模式 chosen on or off, and the
 * browser's default font size set to `scale` times the usual (setAuditMode).
 */
export async function openAuditContext(
  newContext: () => Promise<BrowserContext>,
  token: string,
  elder: boolean,
  scale: number,
): Promise<Page> {
  const context = await newContext()
  // Taro's H5 storage keeps each value as {"data": …} under its key. The mode comes with each
  // fresh load (showScreen), so that one context can serve every mode and scale.
  await context.addInitScript((session) => {
    localStorage.setItem('hemei.session-token', JSON.stringify({ data: session }))
    const mode = new URLSearchParams(location.search).get('elderMode')
    if (mode) localStorage.setItem('elderMode', JSON.stringify({ data: mode }))
  }, token)
  await context.addInitScript(watchFetches)
  const page = await context.newPage()
  await setAuditMode(page, elder, scale)
  await page.bringToFront()
  return page
}

/** Per page: 长辈模式 chosen on or off (sent with each fresh load), and its DevTools session. */
const modes = new WeakMap<Page, { elder: 'on' | 'off'; cdp: CDPSession }>()

/**
 * Chooses 长辈模式 on or off and sets the browser's default font size to `scale` times the
 * usual (the H5 twin of WeChat's font size setting), through the DevTools protocol as
 * Chromium's font settings would; the session stays open, or the setting would go with it.
 * The app reads both as it starts, so the next screen is a fresh load, and it starts as on a
 * new phone: what the app stored meanwhile (a draft, the feed) is cleared.
 */
export async function setAuditMode(page: Page, elder: boolean, scale: number): Promise<void> {
  const cdp = modes.get(page)?.cdp ?? (await page.context().newCDPSession(page))
  await cdp.send('Page.setFontSizes', {
    fontSizes: {
      standard: Math.round(DEFAULT_FONT_PX * scale),
      fixed: Math.round(13 * scale),
    },
  })
  modes.set(page, { elder: elder ? 'on' : 'off', cdp })
  if (shown.delete(page)) await page.evaluate(() => localStorage.clear())
}

let visits = 0

/** The page's own count of fetches under way (app-screens' init script keeps it). */
interface FetchWatch {
  __auditFetches?: { count: number; lastChange: number }
}

/**
 * Installed before the app's scripts: counts the fetches under way (the app's every request goes
 * through fetch, Taro's H5 request included) until their bodies have arrived, and when that count
 * last changed. Counted in the page, so a wait needs no round trip to the test per check.
 */
function watchFetches() {
  const w = window as Window & FetchWatch
  if (w.__auditFetches) return
  const state = { count: 0, lastChange: performance.now() }
  w.__auditFetches = state
  const change = (by: number) => {
    state.count += by
    state.lastChange = performance.now()
  }
  const fetch = window.fetch.bind(window)
  window.fetch = (...args: Parameters<typeof window.fetch>) => {
    change(1)
    return fetch(...args).then(
      (response) => {
        response
          .clone()
          .arrayBuffer()
          .catch(() => undefined)
          .finally(() => change(-1))
        return response
      },
      (error: unknown) => {
        change(-1)
        throw error
      },
    )
  }
}

/**
 * A screen has loaded what it shows when no fetch has been under way for this long, nothing
 * says it is busy (aria-busy, a skeleton) and every image is in. Checked on animation frames,
 * which a busy page delays, so a render still under way cannot pass for quiet.
 */
const QUIET_MS = 100

function loaded(quietMs: number): boolean {
  const fetches = (window as Window & FetchWatch).__auditFetches
  if (!fetches || fetches.count > 0 || performance.now() - fetches.lastChange < quietMs)
    return false
  const busy = [...document.querySelectorAll('[aria-busy="true"], .nut-skeleton')].some(
    (e) => e instanceof HTMLElement && e.offsetParent !== null,
  )
  return !busy && [...document.images].every((image) => image.complete)
}

/** The screen each page shows now, as showScreen opened it. */
const shown = new WeakMap<Page, string>()
const pathOf = (screen: string) => screen.split('?')[0] ?? screen

/**
 * Opens one screen and waits until it has loaded what it shows. After another screen, and when
 * neither is a tab page, it is opened inside the app, as its router does on a changed hash: it
 * unloads the page shown and loads the new one, so the document holds that page alone, as after
 * a fresh load, at about a third of a fresh load's CPU in Chromium (the app starting again:
 * 0.35 CPU-s; the audit's four passes went from 114 to 69 CPU-s, their tables the same to the
 * last figure). Otherwise a fresh load: the first screen of a browser page, a tab page (the
 * router keeps the tab pages it leaves, hidden), and the page shown again with another query
 * (the router sees the same path and stays).
 */
export async function showScreen(page: Page, url: string, path: string): Promise<void> {
  const before = shown.get(page)
  const tabs = new Set((await appConfig()).tabBar.list.map((t) => t.pagePath))
  const inApp =
    before !== undefined &&
    pathOf(before) !== pathOf(path) &&
    !tabs.has(pathOf(before)) &&
    !tabs.has(pathOf(path))
  shown.delete(page)
  if (inApp) await switchInApp(page, path)
  else {
    const mode = modes.get(page)?.elder
    await page.goto(`${url}/?visit=${++visits}${mode ? `&elderMode=${mode}` : ''}#/${path}`)
    await page.locator('.taro_page').first().waitFor({ timeout: 10_000 })
  }
  await page
    .waitForFunction(loaded, QUIET_MS, { polling: 'raf', timeout: 10_000 })
    .catch((error: unknown) => {
      throw new Error(`${path} 在 10 秒内没有加载完`, { cause: error })
    })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  shown.set(page, path)
}

/** The app's router to `path`; resolves once the page left is gone and the new one shown. */
async function switchInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((next) => {
    for (const el of document.querySelectorAll('.taro_page')) el.setAttribute('data-left', '')
    location.hash = `#/${next}`
  }, path)
  await page
    .waitForFunction(
      () => {
        const pages = [...document.querySelectorAll('.taro_page')]
        const left = pages.filter((p) => p.hasAttribute('data-left'))
        return pages.length > left.length && left.every((p) => !p.checkVisibility())
      },
      undefined,
      { polling: 'raf', timeout: 10_000 },
    )
    .catch((error: unknown) => {
      throw new Error(`${path} 在 10 秒内没有打开`, { cause: error })
    })
  // The quiet is counted from the new page's arrival: its requests start once it has mounted.
  await page.evaluate(() => {
    const fetches = (window as Window & FetchWatch).__auditFetches
    if (fetches) fetches.lastChange = performance.now()
  })
}
