// 首页 on a weak signal: index.html paints the first notices from its early answers before the
// app's code has arrived (config/h5-home-preview.ts), as links that work before the app does,
// drawn where and as the app's own cards are, and gone once the app shows its list.
import type { Page, Route } from 'playwright-core'
import { homeFeedInput, homePinnedInput } from '@/features/bulletin/api/home-requests'
import { HOME_PREVIEW_ID } from '@/lib/home-preview'
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('home-preview')
const APP_JS = /\/js\/app\.[0-9a-f]+\.js$/
const PREVIEW = `#${HOME_PREVIEW_ID}`

/** A fresh phone whose app.js is held back until `release()` (never, unless called). */
async function phoneWithAppHeld(elder = false) {
  const page = await suite.phone.open()
  suite.pages.push(page)
  await page.bringToFront()
  if (elder) await page.addInitScript(`localStorage.setItem('elderMode','{"data":"on"}')`)
  let release = () => undefined as void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(APP_JS, async (route: Route) => {
    await released
    await route.continue()
  })
  return { page, release }
}

/** The notices 首页 shows first, asked of the API directly: pinned, then the feed. */
async function firstNotices() {
  const [pinned, feed] = await Promise.all([
    callApi(suite.server.url, 'notices.list', homePinnedInput),
    callApi(suite.server.url, 'notices.list', homeFeedInput),
  ])
  return [...pinned.items, ...feed.items]
}

/** Each card's box and its title's, as "x,y w×h" (rounded), in the order shown. */
function boxesOf(page: Page, scope: string) {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(
    `${scope} .notice-card, ${scope} .notice-card__title, ${scope} .pinned-notices__heading`,
  )})].slice(0, 9).map(function (n) {
    var r = n.getBoundingClientRect()
    return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)].join(',')
  })`) as Promise<string[]>
}

describe('首页’s preview of its first notices in Chromium at phone size', () => {
  it('shows the notices before the app’s code arrives, each a link that opens it', async () => {
    const notices = await firstNotices()
    expect(notices.length).toBeGreaterThan(2)
    const { page, release } = await phoneWithAppHeld()
    await page.goto(suite.server.url, { waitUntil: 'commit' })
    const titles = page.locator(`${PREVIEW} .notice-card__title`)
    await titles.first().waitFor({ timeout: WAIT_MS })
    // Nothing of the app has run: Taro's #app is still empty.
    expect(await page.locator('#app').innerHTML()).toBe('')
    expect(await titles.allTextContents()).toEqual(
      notices.map((n) => (n.pinned ? '置顶' : '') + n.title),
    )
    const links = page.locator(`${PREVIEW} a.notice-card`)
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
      notices.map((n) => `#/packages/resident/pages/notice/index?id=${encodeURIComponent(n.id)}`),
    )
    // A tap before the app has arrived: the app opens on that notice when it does.
    const third = notices[2]
    await links.nth(2).tap()
    await page.waitForURL(/packages\/resident\/pages\/notice\/index/, {
      timeout: WAIT_MS,
      waitUntil: 'commit',
    })
    // Leaving 首页's address takes the preview away (its hashchange listener, a task after the
    // address changes).
    await page.locator(PREVIEW).waitFor({ state: 'detached', timeout: WAIT_MS })
    release()
    await page
      .locator('.taro_page')
      .filter({ visible: true })
      .getByText(third?.title ?? '')
      .first()
      .waitFor({ timeout: WAIT_MS })
    expect(page.url()).toContain(`id=${encodeURIComponent(third?.id ?? '')}`)
  })

  it('is gone once the app shows its own list, which shows each notice once', async () => {
    const notices = await firstNotices()
    const { page, release } = await phoneWithAppHeld()
    await page.goto(suite.server.url, { waitUntil: 'commit' })
    await page.locator(`${PREVIEW} .notice-card`).first().waitFor({ timeout: WAIT_MS })
    release()
    await page.locator('#app .notice-card').first().waitFor({ timeout: WAIT_MS })
    // The pinned block may show a render before the feed, which takes the preview away.
    await page.locator(PREVIEW).waitFor({ state: 'detached', timeout: WAIT_MS })
    const shown = await page
      .locator('.notice-card__title')
      .filter({ visible: true })
      .allTextContents()
    const first = notices[0]?.title ?? ''
    expect(shown.filter((t) => t.endsWith(first))).toHaveLength(1)
    expect(new Set(shown).size).toBe(shown.length)
  })

  it('shows the feed stored by the last visit at once, with neither the app nor an answer', async () => {
    const { page, release } = await phoneWithAppHeld()
    release()
    await page.goto(suite.server.url)
    const first = page.locator('#app .notice-card__title').filter({ visible: true }).first()
    await first.waitFor({ timeout: WAIT_MS })
    const stored = await page
      .locator('#app .notice-card__title')
      .filter({ visible: true })
      .allTextContents()
    // The same phone again, on a signal that brings neither the app's code nor an answer.
    const again = await page.context().newPage()
    await again.route(APP_JS, (route) => route.abort())
    await again.route(/\/api\//, (route) => route.abort())
    await again.goto(suite.server.url, { waitUntil: 'commit' })
    const titles = again.locator(`${PREVIEW} .notice-card__title`)
    await titles.first().waitFor({ timeout: WAIT_MS })
    expect((await titles.allTextContents()).slice(0, stored.length)).toEqual(stored)
  })

  for (const elder of [false, true]) {
    it(`draws the cards where and as large as the app’s own${elder ? ', in 长辈模式' : ''}`, async () => {
      const held = await phoneWithAppHeld(elder)
      await held.page.goto(suite.server.url, { waitUntil: 'commit' })
      await held.page.locator(`${PREVIEW} .notice-card`).first().waitFor({ timeout: WAIT_MS })
      const preview = await boxesOf(held.page, PREVIEW)
      if (elder) expect(await held.page.locator(`${PREVIEW}.elder-mode`).count()).toBe(1)

      const app = await phoneWithAppHeld(elder)
      app.release()
      await app.page.goto(suite.server.url)
      await app.page.locator('#app .notice-card').nth(3).waitFor({ timeout: WAIT_MS })
      if (elder) await app.page.locator('.page.elder-mode').first().waitFor({ timeout: WAIT_MS })
      const real = await boxesOf(app.page, '#app')
      expect(preview).toHaveLength(9)
      expect(preview).toEqual(real)
    })
  }
})
