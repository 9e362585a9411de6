// The built H5 app, served by the real local server over fresh demo data, used as a person
// would on a phone: tap the tab bar, read the text. Screenshots go to a temp directory.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { ActionInput, ActionName, ActionOutput, Envelope } from '@contract/index'
import { phaseNames } from '@/features/campaigns/labels'
import { launchPhone, startServer, type Phone, type RunningServer } from '../helpers/browser'

const WAIT_MS = 10_000

let server: RunningServer
let phone: Phone
let page: Page
let screenshotDir: string

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
})

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await screenshot(`failed-${task.name.slice(0, 20)}`)
  await page.context().close()
})

/** Calls the API as an anonymous visitor, to know what the app should show. */
async function api<A extends ActionName>(action: A, input: ActionInput<A>) {
  const res = await fetch(`${server.url}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const envelope = (await res.json()) as Envelope<ActionOutput<A>>
  if (!envelope.ok) throw new Error(`${action} 失败：${envelope.error.message}`)
  return envelope.data
}

/**
 * Text the person can see. Taro keeps every opened page in the DOM and only hides the
 * inactive ones, so text is looked for among visible elements only.
 */
function shown(text: string | RegExp, exact = true): Locator {
  return page.getByText(text, { exact }).filter({ visible: true }).first()
}

async function see(text: string | RegExp, exact = true): Promise<Locator> {
  const found = shown(text, exact)
  await found.waitFor({ state: 'visible', timeout: WAIT_MS })
  return found
}

/** Taps an item of the bottom tab bar (each is a link named by its label). */
async function tapTab(label: string) {
  await page.locator('taro-tabbar').getByRole('link', { name: label, exact: true }).tap()
}

/**
 * Taro's <Button> renders as <taro-button-core> without a button role, and its inner text
 * element does not take taps itself: find the element by tag and label.
 */
function buttonIn(row: Locator, label: string): Locator {
  return row.locator('taro-button-core', { hasText: label })
}

/** One row of a list: the innermost visible element holding both texts. */
function rowWith(text: string, other: string): Locator {
  return page
    .locator('*', { has: page.getByText(text, { exact: true }), hasText: other })
    .filter({ visible: true })
    .last()
}

/** Saves what the phone shows, with finished transitions (NutUI Tabs slide for 300 ms). */
async function screenshot(name: string) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' })
}

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
    await see('置顶')
    await screenshot('1-home')

    await card.tap()
    await page.waitForURL(/pages\/notice\/index/, { timeout: WAIT_MS })
    const { body } = await api('notices.get', { id: first.id })
    const firstParagraph = body.split(/\n\s*\n/)[0]?.trim() ?? ''
    await see(firstParagraph)
    await see('阅读', false)
    await screenshot('2-notice')

    await page.goBack()
    await page.waitForURL(/pages\/index\/index/, { timeout: WAIT_MS })
    await see(first.title)
  })

  it('红黑榜 shows a visitor the red list of the latest round and hides the black list', async () => {
    const { items: rounds } = await api('board.rounds', {})
    const [year, month] = rounds[0]?.month.split('-') ?? []
    expect(year, 'the demo data has a published round').toBeDefined()

    await page.goto(server.url)
    await tapTab('红黑榜')
    await see(`${year}年${Number(month)}月`)
    await see(/^红榜 \d+$/)
    await see(/^\d+(\.\d+)?分$/)
    await see(/^红榜 ≥ \d+ 分/)
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

    await buttonIn(rowWith('村民 张大爷（村民）', '切换'), '切换').tap()
    await see('村民 张大爷')
    await see('柳家村')
    await see('当前')
    expect(await shown('未登录').count()).toBe(0)
    await screenshot('6-me-resident')

    await tapTab('红黑榜')
    await see(/^红榜 \d+$/)
    await (await see(/^黑榜 \d+$/)).tap()
    await see(/\*/, false)
    expect(await shown(/黑榜仅/).count()).toBe(0)
    await screenshot('7-board-resident-black')
  })
})
