// The built H5 app, served by the real local server over fresh demo data, used as a person
// would on a phone: tap the tab bar, read the text. Screenshots go to a temp directory.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { ActionInput, ActionName } from '@contract/index'
import { phaseNames } from '@/features/campaigns/labels'
import { richTextToPlain } from '@/lib/rich-text'
import { launchPhone, startServer, type Phone, type RunningServer } from '../helpers/browser'
import { callApi, onPhone, WAIT_MS } from '../helpers/phone-page'

let server: RunningServer
let phone: Phone
let page: Page
let screenshotDir: string
let on: ReturnType<typeof onPhone>

beforeAll(async () => {
  screenshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-e2e-screenshots-'))
  server = await startServer()
  phone = await launchPhone()
})

afterAll(async () => {
  try {
    await phone?.close()
  } finally {
    await server?.stop()
  }
})

beforeEach(async () => {
  page = await phone.open()
  on = onPhone(page, screenshotDir)
})

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await on.screenshot(`failed-${task.name.slice(0, 20)}`)
  await page.context().close()
})

const api = <A extends ActionName>(action: A, input: ActionInput<A>) =>
  callApi(server.url, action, input)
const see = (text: string | RegExp, exact = true) => on.see(text, exact)
const shown = (text: string | RegExp, exact = true) => on.shown(text, exact)
const tapTab = (label: string) => on.tapTab(label)
const screenshot = (name: string) => on.screenshot(name)

describe('H5 app in Chromium at phone size', () => {
  it('首页 shows the notices, and tapping one opens it', async () => {
    const { items } = await api('notices.list', {})
    const first = items[0]
    expect(first, 'the demo data has notices').toBeDefined()
    if (!first) return

    await page.goto(server.url)
    await page.locator('taro-tabbar').waitFor({ timeout: WAIT_MS })
    expect(await page.title()).toBe('和美村宣')
    const card = await see(first.title)
    // The pinned notices have their own block above the feed.
    await see('置顶公告')
    await screenshot('1-home')

    await card.tap()
    await page.waitForURL(/packages\/resident\/pages\/notice\/index/, { timeout: WAIT_MS })
    const { body } = await api('notices.get', { id: first.id })
    const firstParagraph = richTextToPlain(body).split('\n')[0] ?? ''
    await see(firstParagraph)
    await see('阅读', false)
    await screenshot('2-notice')

    await page.goBack()
    await page.waitForURL(/pages\/index\/index/, { timeout: WAIT_MS })
    await see(first.title)
  })

  it('首页 asks for its first notices from index.html, once, and shows those answers', async () => {
    const asked: string[] = []
    page.on('request', (r) => {
      const action = new URL(r.url()).pathname.match(/^\/api\/(.+)$/)?.[1]
      if (action) asked.push(`${action} ${r.postData() ?? ''}`)
    })
    const { items } = await api('notices.list', { pinned: false, limit: 10 })
    await page.goto(server.url)
    await see(items[0]?.title ?? '(no notice in the demo data)')
    await see('置顶公告')
    // The app took over index.html's three requests instead of sending its own.
    expect(asked.sort()).toEqual([
      'columns.list {}',
      'notices.list {"pinned":false,"limit":10}',
      'notices.list {"pinned":true,"limit":5}',
    ])
  })

  it('index.html sends 首页’s requests before the app’s code has arrived, and only on 首页', async () => {
    const asked: string[] = []
    page.on('request', (r) => {
      const action = new URL(r.url()).pathname.match(/^\/api\/(.+)$/)?.[1]
      if (action) asked.push(action)
    })
    // The app's own code never arrives: whatever is asked for, index.html asked.
    await page.route(/\/js\/app\.[0-9a-f]+\.js$/, (route) => route.abort())
    await page.goto(`${server.url}/#/pages/board/index`)
    await page.waitForLoadState('networkidle')
    expect(asked).toEqual([])
    await page.goto(server.url)
    await expect
      .poll(() => [...asked].sort(), { timeout: WAIT_MS })
      .toEqual(['columns.list', 'notices.list', 'notices.list'])
  })

  it('红黑榜 shows a visitor the red list of the latest round and hides the black list', async () => {
    const { items: rounds } = await api('board.rounds', {})
    const [year, month] = rounds[0]?.month.split('-') ?? []
    expect(year, 'the demo data has a published round').toBeDefined()

    await page.goto(server.url)
    await tapTab('红黑榜')
    await see(`${year}年${Number(month)}月`)
    await see(/^红榜 \d+\+?$/)
    await see(/^\d+(\.\d+)?分$/)
    await see(/红榜 ≥ \d+ 分/, false)
    await screenshot('3-board-visitor')

    await (await see(/^黑榜/)).tap()
    await see('黑榜仅向本村已绑定的村民公示，绑定家庭后可查看本村黑榜')
  })

  it('评选 shows the demo campaigns with their phase', async () => {
    const { items: campaigns } = await api('campaigns.list', {})
    expect(campaigns.length, 'the demo data has campaigns').toBeGreaterThan(0)

    await page.goto(server.url)
    await tapTab('评选')
    for (const campaign of campaigns.slice(0, 3)) {
      await see(campaign.title)
      await see(phaseNames[campaign.phase])
    }
    await see('投票中')
    await screenshot('4-campaigns')
  })

  it('我的 switches to a demo resident, who then sees the masked 黑榜 of the village', async () => {
    await page.goto(server.url)
    await tapTab('我的')
    await see('未登录')
    await see('演示账号（仅开发模式）')
    await screenshot('5-me-visitor')

    await on.buttonIn(on.rowWith('村民 张大爷（村民）', '切换'), '切换').tap()
    await see('村民 张大爷')
    await see('柳家村')
    await see('当前')
    expect(await shown('未登录').count()).toBe(0)
    await screenshot('6-me-resident')

    await tapTab('红黑榜')
    await see(/^红榜 \d+\+?$/)
    await (await see(/^黑榜 \d+\+?$/)).tap()
    await see(/\*/, false)
    expect(await shown(/黑榜仅/).count()).toBe(0)
    await screenshot('7-board-resident-black')
  })
})
