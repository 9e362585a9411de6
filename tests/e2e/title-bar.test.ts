// H5 pages a villager can leave: a notice opened by its link (as from a chat) has 回首页; a page
// opened from another has 返回; both sit in a red title bar with the page's title, and with
// 长辈模式 on the button is at least 60×60 px with text of at least 18 px.
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('title-bar')

const bar = (page: import('playwright-core').Page) =>
  page.locator('.title-bar').filter({ visible: true }).first()

describe('H5 title bar in Chromium at phone size', () => {
  it('a notice opened by its link has its title and 回首页, which leads to 首页', async () => {
    const { items } = await callApi(suite.server.url, 'notices.list', {})
    const notice = items[0]
    if (!notice) throw new Error('the demo data has no notice')
    const page = await suite.phone.open()
    suite.pages.push(page)
    await page.bringToFront()
    await page.goto(
      `${suite.server.url}/#/packages/resident/pages/notice/index?id=${encodeURIComponent(notice.id)}`,
    )
    await page.getByText(notice.title, { exact: true }).filter({ visible: true }).first().waitFor({
      timeout: WAIT_MS,
    })
    await bar(page).getByRole('heading', { name: '公告详情' }).waitFor({ timeout: WAIT_MS })
    expect(await bar(page).getByRole('button', { name: '返回上一页' }).count()).toBe(0)

    await bar(page).getByRole('button', { name: '回首页' }).tap()
    await page.waitForURL(/#\/pages\/index\/index|\/#?$/, { timeout: WAIT_MS })
    await page.locator('taro-tabbar').filter({ visible: true }).waitFor({ timeout: WAIT_MS })
    // 首页 is a tab: no title bar of ours there, once reLaunch has unloaded the notice page.
    await expect
      .poll(() => page.locator('.title-bar').filter({ visible: true }).count(), {
        timeout: WAIT_MS,
      })
      .toBe(0)
  })

  it('a link shared before the resident subpackage opens the notice at its new path', async () => {
    const { items } = await callApi(suite.server.url, 'notices.list', {})
    const notice = items[0]
    if (!notice) throw new Error('the demo data has no notice')
    const page = await suite.phone.open()
    suite.pages.push(page)
    await page.bringToFront()
    await page.goto(`${suite.server.url}/#/pages/notice/index?id=${encodeURIComponent(notice.id)}`)
    // Taro's H5 router adds its own stamp to the new URL.
    await page.waitForURL(
      new RegExp(`/#/packages/resident/pages/notice/index\\?id=${notice.id}(&stamp=\\w+)?$`),
      { timeout: WAIT_MS },
    )
    await page.getByText(notice.title, { exact: true }).filter({ visible: true }).first().waitFor({
      timeout: WAIT_MS,
    })
  })

  it('a page opened from another goes back with 返回; in 长辈模式 the target is ≥ 60 px with large text', async () => {
    const { page, on } = await suite.signIn('村民 张大爷（村民）')
    await on.cell('隐私保护指引').tap()
    await page.waitForURL(/packages\/resident\/pages\/privacy/, { timeout: WAIT_MS })
    const back = bar(page).getByRole('button', { name: '返回上一页' })
    await back.waitFor({ timeout: WAIT_MS })
    expect(await bar(page).getByRole('button', { name: '回首页' }).count()).toBe(0)
    const normal = await back.boundingBox()
    expect(normal?.height).toBeGreaterThanOrEqual(44)
    await back.tap()
    await page.waitForURL(/pages\/me\/index/, { timeout: WAIT_MS })
    await on.see('演示账号（仅开发模式）')

    // 长辈模式 on, then the same page again.
    await page
      .getByRole('switch', { name: /长辈模式/ })
      .filter({ visible: true })
      .first()
      .tap()
    await page
      .locator('.page.elder-mode')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: WAIT_MS })
    await on.cell('隐私保护指引').tap()
    await page.waitForURL(/packages\/resident\/pages\/privacy/, { timeout: WAIT_MS })
    // Until the page it leaves is hidden, two title bars are on screen: wait for one.
    await expect
      .poll(() => page.locator('.title-bar').filter({ visible: true }).count(), {
        timeout: WAIT_MS,
      })
      .toBe(1)
    const elderBack = bar(page).getByRole('button', { name: '返回上一页' })
    await elderBack.waitFor({ timeout: WAIT_MS })
    // The page may still be arriving (the bar found, not yet laid out, the page it leaves still
    // on screen): wait for one reading of its box with both sides at 60 px or more.
    const box = async () => (await elderBack.boundingBox()) ?? { width: 0, height: 0 }
    await expect
      .poll(
        async () => {
          const { width, height } = await box()
          return Math.min(width, height)
        },
        { timeout: WAIT_MS },
      )
      .toBeGreaterThanOrEqual(60)
    const sizes = await bar(page).evaluate((el) =>
      [...el.querySelectorAll('*')]
        .filter(
          (e) =>
            e.childNodes.length > 0 &&
            [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()),
        )
        .map((e) => parseFloat(getComputedStyle(e).fontSize)),
    )
    expect(sizes.length).toBeGreaterThan(1)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18)
    await on.screenshot('elder-privacy-title-bar')
    await elderBack.tap()
    await page.waitForURL(/pages\/me\/index/, { timeout: WAIT_MS })
  })
})
