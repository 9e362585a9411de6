// A grid worker writes a notice with a picture for their village and publishes it; a resident
// of that village sees it first on 首页 and opens it; a resident of another village never sees
// it; the grid worker's 未读家庭 count shows the first household reached. Then all again with
// 长辈模式 on for everyone.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { noisyPng, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('bulletin')
const picture = path.resolve(__dirname, '../../src/assets/tab/home-active.png')

async function signedInAs(label: string, elder: boolean) {
  const { page, on } = await suite.signIn(label)
  if (elder) {
    await on.tapTab('首页')
    await page
      .getByRole('switch', { name: /长辈模式/ })
      .first()
      .tap()
    await page
      .locator('.page.elder-mode')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: WAIT_MS })
  }
  return { page, on }
}

/** The newest notice of the feed: the first card below the 置顶公告 block. */
const firstCardTitle = (page: Page) =>
  page
    .locator('.notice-card:not(.pinned-notices .notice-card) .notice-card__title')
    .filter({ visible: true })
    .first()

for (const elder of [false, true]) {
  describe(`publishing a village notice in Chromium at phone size${elder ? ', 长辈模式' : ''}`, () => {
    it('reaches the village resident and nobody outside the village', async () => {
      const title = elder ? '柳家村周六义诊（长辈模式）' : '柳家村周六上午义诊'
      const worker = await signedInAs('网格员 李红梅（网格员）', elder)
      await worker.on.tapTab('我的')
      await worker.on.see('网格员工具')
      await worker.on.cell('网格员工具').tap()
      await worker.on.see('发布公告')
      await worker.on.cell('发布公告').tap()
      await worker.page.waitForURL(/packages\/staff\/pages\/compose/, { timeout: WAIT_MS })

      await worker.on.input('2 到 30 个字').fill(title)
      await (await worker.on.see('通知公告')).tap()
      // A grid worker's own village comes preselected.
      const village = worker.page.getByRole('option', { name: '柳家村' })
      if ((await village.getAttribute('aria-selected')) !== 'true') await village.tap()
      await worker.page
        .locator('textarea[placeholder="请输入正文，至少 10 个字"]')
        .fill('本周六上午八点到十一点，县医院医生在村委会免费义诊，请带上医保卡。')
      const chooser = worker.page.waitForEvent('filechooser', { timeout: WAIT_MS })
      await worker.on.button('添加图片').tap()
      await (await chooser).setFiles(picture)
      await worker.on.see('设为封面')
      await worker.on.screenshot(`${elder ? 'elder-' : ''}1-compose`)
      await worker.page
        .locator('.compose-form__actions taro-button-core', { hasText: /^发布$/ })
        .filter({ visible: true })
        .tap()
      await worker.page
        .waitForURL(/packages\/staff\/pages\/my-notices/, { timeout: WAIT_MS })
        .catch(async (error: unknown) => {
          const alerts = await worker.page.getByRole('alert').allTextContents()
          throw new Error(`publishing failed: ${alerts.join(' / ')} (${String(error)})`)
          throw error
        })
      await worker.on.see(title)

      const resident = await signedInAs('村民 张大爷（村民）', elder)
      await resident.on.tapTab('首页')
      await expect
        .poll(() => firstCardTitle(resident.page).textContent(), { timeout: WAIT_MS })
        .toContain(title)
      await resident.on.screenshot(`${elder ? 'elder-' : ''}2-resident-home`)
      await firstCardTitle(resident.page).tap()
      await resident.page.waitForURL(/packages\/resident\/pages\/notice\/index/, {
        timeout: WAIT_MS,
      })
      await resident.on.see('县医院医生在村委会免费义诊', false)
      // The uploaded picture is really served and decoded, not just a grey box.
      const photo = resident.page.locator('.notice-media img').filter({ visible: true }).first()
      await photo.scrollIntoViewIfNeeded()
      await expect
        .poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), {
          timeout: WAIT_MS,
        })
        .toBeGreaterThan(0)
      await resident.on.screenshot(`${elder ? 'elder-' : ''}3-resident-notice`)

      const outsider = await signedInAs('村民 陈师傅（村民）', elder)
      await outsider.on.tapTab('首页')
      await firstCardTitle(outsider.page).waitFor({ timeout: WAIT_MS })
      expect(await outsider.on.shown(title).count()).toBe(0)

      await worker.page.bringToFront()
      const card = worker.on.rowWith(title, '未读家庭')
      await worker.on.buttonIn(card, '未读家庭').tap()
      await worker.page.waitForURL(/packages\/staff\/pages\/reach/, { timeout: WAIT_MS })
      await worker.on.see(/已有 1 户打开过这条公告/, false)
      await worker.on.screenshot(`${elder ? 'elder-' : ''}4-unreached`)
    })
  })
}

describe('pictures in Chromium at phone size', () => {
  it('a large photo is compressed on the phone before it is uploaded', async () => {
    const big = path.join(suite.screenshotDir, 'big-photo.png')
    const original = noisyPng(big, 1000, 800)
    expect(original, 'the photo is over the 2 MB limit as it is').toBeGreaterThan(2 * 1024 * 1024)

    const worker = await signedInAs('网格员 李红梅（网格员）', false)
    await worker.on.cell('网格员工具').tap()
    await worker.on.see('发布公告')
    await worker.on.cell('发布公告').tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/compose/, { timeout: WAIT_MS })
    const chooser = worker.page.waitForEvent('filechooser', { timeout: WAIT_MS })
    await worker.on.button('添加图片').tap()
    await (await chooser).setFiles(big)
    await worker.on.see('设为封面')
    const src = await worker.page
      .locator('.compose-form__thumb-image img')
      .first()
      .getAttribute('src')
    expect(src).toMatch(/^\/media\/[\w-]+\.jpg$/)
    const uploaded = await (await fetch(`${suite.server.url}${src}`)).arrayBuffer()
    expect(uploaded.byteLength).toBeLessThan(original / 2)
  })
})
