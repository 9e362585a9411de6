// A grid worker scores a household of 柳家村 on the spot with a photo, low enough for the
// black list; the admin publishes the month's round; a resident of 柳家村 sees the black list
// masked and their own household's full breakdown with the photo; a resident of another
// village sees nothing of 柳家村's black list.
import path from 'node:path'
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('board')
const picture = path.resolve(__dirname, '../../src/assets/tab/board-active.png')

describe('红黑榜 in Chromium at phone size', () => {
  it('an inspection with a photo reaches the published lists, masked for the village and hidden outside it', async () => {
    const url = suite.server.url
    const residentToken = (await callApi(url, 'auth.devLogin', { openid: 'demo-resident-1' })).token
    const home = (await callApi(url, 'me.get', {}, residentToken)).user?.household
    expect(home, 'demo-resident-1 is bound to a household of 柳家村').toBeTruthy()
    if (!home) return
    const rowLabel = `${home.houseNo} ${home.headName}`

    // The grid worker finds the household by 门牌号 and scores it again: 5 more problems with
    // the yard, 4 with rubbish sorting (5 points each) — under the black-list line of 60.
    const worker = await suite.signIn('网格员 李红梅（网格员）')
    await worker.on.cell('网格员工具').tap()
    await worker.on.cell('入户检查').tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: WAIT_MS })
    const search = worker.on.input('搜索户主姓名或门牌号')
    await search.fill(home.houseNo)
    await search.press('Enter')
    await (await worker.on.see(rowLabel)).tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/inspect-form/, { timeout: WAIT_MS })
    const more = (name: string) =>
      worker.page.getByRole('button', { name: `${name}发现问题加一` }).filter({ visible: true })
    for (let i = 0; i < 5; i++) await more('庭院整洁').tap()
    for (let i = 0; i < 4; i++) await more('垃圾分类').tap()
    await worker.on.input('庭院整洁备注（可不填）').fill('院内杂物堆放，鸡鸭散养')
    const chooser = worker.page.waitForEvent('filechooser', { timeout: WAIT_MS })
    await worker.on.button('拍照').tap()
    await (await chooser).setFiles(picture)
    await worker.on.see('删除')
    await worker.on.screenshot('1-inspect-form')
    const save = worker.on.button('保存检查')
    const total = Number(/合计 (\d+) 分/.exec((await save.textContent()) ?? '')?.[1])
    expect(total).toBeLessThan(60)
    await save.tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: WAIT_MS })
    await worker.on.see(`已检查 ${total}分`)
    await worker.on.screenshot('2-inspect-list')

    // The admin publishes the month's round.
    const admin = await suite.signIn('镇宣传办 王主任（镇管理员）')
    await admin.on.cell('管理员工具').tap()
    await admin.on.cell('红黑榜轮次与发布').tap()
    await admin.page.waitForURL(/packages\/staff\/pages\/rounds/, { timeout: WAIT_MS })
    await admin.on.button('发布并公示').tap()
    // The preview first: 柳家村's coverage this month, then the second, explicit confirmation.
    await admin.on.see(/^柳家村 \d+\/\d+ 户已检查/)
    await admin.on.button('确认发布').tap()
    await admin.on.see('打印榜单')
    await admin.on.screenshot('3-published')

    // A resident of 柳家村: the black list, masked but for their own household.
    const resident = await suite.signIn('村民 张大爷（村民）')
    await resident.on.tapTab('红黑榜')
    const tabs = resident.page.locator('.nut-tabs-titles').filter({ visible: true }).first()
    await tabs.getByText(/^黑榜/).tap()
    const blackList = resident.page.locator('.rank-list--black').filter({ visible: true })
    await blackList.waitFor({ timeout: WAIT_MS })
    await expect
      .poll(() => blackList.getByText(/\*/).count(), { timeout: WAIT_MS })
      .toBeGreaterThan(0)
    expect(await blackList.getByText(/^柳家村 · /).count()).toBe(
      await blackList.locator('.rank-list__row').count(),
    )
    await resident.on.screenshot('4-resident-black-list')
    await blackList.getByText(home.headName, { exact: true }).tap()
    await resident.page.waitForURL(/packages\/resident\/pages\/board-household/, {
      timeout: WAIT_MS,
    })
    await resident.on.see(`${total}分`)
    await resident.on.see(/处问题：院内杂物堆放，鸡鸭散养$/, false)
    const photo = resident.page.locator('.score-breakdown__image img').filter({ visible: true })
    await expect
      .poll(() => photo.first().evaluate((img: HTMLImageElement) => img.naturalWidth), {
        timeout: WAIT_MS,
      })
      .toBeGreaterThan(0)
    await resident.on.screenshot('5-resident-breakdown')

    // A resident of another village sees no black list of 柳家村, nor the household.
    const outsider = await suite.signIn('村民 陈师傅（村民）')
    await outsider.on.tapTab('红黑榜')
    await (await outsider.on.see('柳家村')).tap()
    const outsiderTabs = outsider.page.locator('.nut-tabs-titles').filter({ visible: true }).first()
    await outsiderTabs.getByText(/^黑榜/).tap()
    await outsider.page
      .getByRole('note')
      .filter({ visible: true })
      .first()
      .waitFor({ timeout: WAIT_MS })
    expect(await outsider.page.locator('.rank-list--black').filter({ visible: true }).count()).toBe(
      0,
    )
    expect(await outsider.on.shown(home.headName).count()).toBe(0)
    await outsider.on.screenshot('6-outsider')
  })
})
