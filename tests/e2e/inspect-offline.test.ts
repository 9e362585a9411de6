// Inspecting without signal from the start of the walk: the grid worker opens 入户检查 once
// online (the walk list goes on the phone), loses the network, opens the list from the phone
// with its banner, scores a household, reloads the page (the queue is still there), and once
// the server is reachable again the inspection arrives once — a resend whose answer was lost
// goes under the same idempotency key and writes nothing twice.
import type { Request } from 'playwright-core'
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('inspect-offline')

describe('入户检查 without signal in Chromium at phone size', () => {
  it('open the walk list offline → score → reload → back online → delivered once', async () => {
    const url = suite.server.url
    const token = (await callApi(url, 'auth.devLogin', { openid: 'demo-grid-1' })).token
    const rounds = await callApi(url, 'board.rounds', {}, token)
    const round = rounds.items.find((r) => r.status === 'open' || r.inPublicity)
    if (!round) throw new Error('the demo seed has no open round')
    const todo = await callApi(
      url,
      'board.inspectables',
      { roundId: round.id, done: false, limit: 1 },
      token,
    )
    const household = todo.items[0]
    if (!household) throw new Error('no household left to inspect')
    const label = `${household.houseNo} ${household.headName}`

    const { page, on } = await suite.signIn('网格员 李红梅（网格员）')
    const context = page.context()
    await on.cell('网格员工具').tap()
    await on.cell('入户检查').tap()
    await page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: WAIT_MS })
    await on.see(/^已检查 \d+ \/ \d+ 户$/)
    // The whole list is kept on the phone.
    await expect
      .poll(
        () =>
          page.evaluate((k) => localStorage.getItem(k) !== null, `hemei.offline.walk:${round.id}`),
        {
          timeout: WAIT_MS,
        },
      )
      .toBe(true)
    // The form's code is loaded once while online (a mini-program downloads the whole
    // subpackage; the H5 build loads each page's code when first opened).
    await (await on.see(label)).tap()
    await page.waitForURL(/packages\/staff\/pages\/inspect-form/, { timeout: WAIT_MS })
    await on.see(/^保存检查/, false)
    await page
      .locator('.title-bar')
      .filter({ visible: true })
      .getByRole('button', { name: '返回上一页' })
      .tap()
    await page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: WAIT_MS })

    // No signal. The list comes from the phone, with a banner saying so.
    await context.setOffline(true)
    await page.getByRole('option', { name: '未检查' }).filter({ visible: true }).first().tap()
    await on.see('无网络，显示刚刚保存的名单')
    await on.screenshot('1-walk-offline')
    await (await on.see(label)).tap()
    await page.waitForURL(/packages\/staff\/pages\/inspect-form/, { timeout: WAIT_MS })
    await on.see(/无网络：/, false)
    await page.getByRole('button', { name: '庭院整洁发现问题加一' }).filter({ visible: true }).tap()
    await on.button('保存检查（合计 95 分）').tap()
    await page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: 20_000 })
    await on.see('1 份检查待发送 · 联网后自动发送')
    await on.screenshot('2-queued-offline')

    // The page is reloaded (the app closed and opened again) while the server is still out of
    // reach: the network is back for the page itself, not for the API. The first resend
    // reaches the server but its answer is lost.
    const keys: string[] = []
    page.on('request', (request: Request) => {
      if (request.url().endsWith('/api/board.inspect'))
        keys.push(request.headers()['idempotency-key'] ?? '')
    })
    let inspects = 0
    await page.route('**/api/**', async (route) => {
      if (route.request().url().endsWith('/api/board.inspect') && inspects++ === 0) {
        await route.fetch()
        return route.abort('connectionreset')
      }
      return route.abort('internetdisconnected')
    })
    await context.setOffline(false)
    await page.reload()
    await on.see('1 份检查待发送 · 联网后自动发送')
    await on.see(label)
    await on.see('立即发送')
    const written = await callApi(
      url,
      'board.inspection',
      { roundId: round.id, householdId: household.householdId },
      token,
    )
    expect(written.latest?.total, 'the lost answer’s write reached the server').toBe(95)

    // Reachable again: what waits is delivered, and nothing is written twice.
    await page.unroute('**/api/**')
    await on.button('立即发送').tap()
    await expect.poll(() => on.shown(/份检查待发送/, false).count(), { timeout: 20_000 }).toBe(0)
    await on.screenshot('3-delivered')
    const after = await callApi(
      url,
      'board.inspection',
      { roundId: round.id, householdId: household.householdId },
      token,
    )
    expect(after.latest?.total).toBe(95)
    expect(after.latest?.version).toBe(1)
    expect(after.earlier).toHaveLength(0)
    expect(keys.length).toBeGreaterThanOrEqual(2)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^inspect-c/)
  })
})
