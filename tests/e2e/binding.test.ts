// A visitor asks to be bound to their household; the village's grid worker approves on the
// tools page; the visitor is then a resident of that household on 我的. Two phones at once.
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('binding')
const signedInAs = (label: string) => suite.signIn(label)

describe('binding a household in Chromium at phone size', () => {
  it('a visitor asks, the grid worker approves on the tools page, the visitor is a resident', async () => {
    // A real household of 柳家村 (served by 网格员 李红梅), looked up as an admin would.
    const admin = (await callApi(suite.server.url, 'auth.devLogin', { openid: 'demo-admin' })).token
    const village = (await callApi(suite.server.url, 'villages.list', {})).find(
      (v) => v.name === '柳家村',
    )
    const { items } = await callApi(
      suite.server.url,
      'households.list',
      { villageId: village?.id, limit: 50 },
      admin,
    )
    const household = items[30]
    expect(household, 'the demo seed has households in 柳家村').toBeDefined()
    if (!household) return

    const visitor = await signedInAs('游客 小林（游客）')
    await visitor.on.see('绑定我的家庭')
    await visitor.on.button('绑定我的家庭').tap()
    await visitor.page.waitForURL(/packages\/resident\/pages\/bind\/index/, { timeout: WAIT_MS })
    await (await visitor.on.see('柳家村')).tap()
    await visitor.on.input('例如：张建国').fill(household.headName)
    await visitor.on.input('例如：东街12号').fill(household.houseNo)
    await (await visitor.on.see('家庭成员')).tap()
    await (await visitor.on.see('我已阅读并同意')).tap()
    await visitor.on.screenshot('1-bind-form')
    await visitor.on.button('提交申请').tap()
    await visitor.on.see('申请已提交，等待网格员审核')
    await visitor.on.screenshot('2-me-pending')

    const worker = await signedInAs('网格员 李红梅（网格员）')
    await worker.on.see('网格员工具')
    await worker.on.cell('网格员工具').tap()
    await worker.on.see('绑定审核')
    await worker.on.cell('绑定审核').tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/bindings/, { timeout: WAIT_MS })
    const request = worker.on.rowWith('游客 小林', '通过')
    await request.waitFor({ timeout: WAIT_MS })
    await worker.on.see(household.houseNo, false)
    await worker.on.screenshot('3-review')
    await worker.on.buttonIn(request, '通过').tap()
    await expect.poll(() => worker.on.shown('游客 小林').count(), { timeout: WAIT_MS }).toBe(0)

    await visitor.page.bringToFront()
    await visitor.page.reload()
    await visitor.on.tapTab('我的')
    await visitor.on.see('村民')
    await visitor.on.see(household.houseNo, false)
    await visitor.on.see('柳家村', false)
    expect(await visitor.on.shown('绑定我的家庭').count()).toBe(0)
    await visitor.on.screenshot('4-me-resident')
  })
})
