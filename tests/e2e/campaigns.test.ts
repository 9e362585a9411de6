// A whole campaign in Chromium at phone size: a resident nominates a neighbour with a photo; the
// grid worker approves; the admin closes nomination and review early, so voting opens; three
// residents vote; a fourth votes twice and the second vote is refused in plain words; the admin
// closes voting, and the 公示 page shows the winner. Phases move by the admin's "close early"
// (the browser suite runs the real server process, whose clock is the real one).
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { ActionOutput } from '@contract/index'
import { callApi, phoneSuite, WAIT_MS, type onPhone } from '../helpers/phone-page'

const suite = phoneSuite('campaigns')
const picture = path.resolve(__dirname, '../../src/assets/tab/campaigns-active.png')
const TITLE = '浏览器测试“好邻居”评选'
const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

type On = ReturnType<typeof onPhone>
type Household = ActionOutput<'households.list'>['items'][number]

async function token(openid: string): Promise<string> {
  return (await callApi(suite.server.url, 'auth.devLogin', { openid })).token
}

/** A township-wide campaign in its nomination phase: one vote a day, one winner. */
async function createCampaign(admin: string) {
  const now = Date.now()
  return callApi(
    suite.server.url,
    'campaigns.save',
    {
      type: 'goodNeighbor',
      title: TITLE,
      description: '浏览器测试用的评选。',
      villageId: null,
      nominationStartsAt: new Date(now - 60_000).toISOString(),
      reviewStartsAt: new Date(now + DAY).toISOString(),
      votingStartsAt: new Date(now + 2 * DAY).toISOString(),
      votingEndsAt: new Date(now + 3 * DAY).toISOString(),
      publicityEndsAt: new Date(now + 10 * DAY).toISOString(),
      rules: {
        nominators: 'residents',
        selfNomination: false,
        nominationsPerHousehold: 1,
        votesPerDay: 1,
        votesPerCandidatePerDay: 1,
        counting: 'perPerson',
        liveCounts: false,
        winners: 1,
      },
    },
    admin,
  )
}

/** Two 柳家村 households with heads' names unique in the village, not 张大爷's, not nominated yet. */
async function neighbours(admin: string): Promise<[Household, Household]> {
  const url = suite.server.url
  const village = (await callApi(url, 'villages.list', {})).find((v) => v.name === '柳家村')
  if (!village) throw new Error('the demo seed has no 柳家村')
  const { items } = await callApi(
    url,
    'households.list',
    { villageId: village.id, limit: 50 },
    admin,
  )
  const me = await callApi(url, 'me.get', {}, await token('demo-resident-1'))
  // Households nominated in the demo campaigns would show twice in 李红梅's review queue.
  const nominated = await callApi(url, 'campaigns.nominations', { limit: 50 }, admin)
  const taken = new Set([me.user?.household?.id, ...nominated.items.map((n) => n.household.id)])
  const unique = items.filter(
    (h) => !taken.has(h.id) && items.filter((o) => o.headName === h.headName).length === 1,
  )
  if (unique.length < 2) throw new Error('柳家村 has too few households with unique names')
  return [unique[0] as Household, unique[1] as Household]
}

async function openCampaign(on: On, page: Page) {
  await on.tapTab('评选')
  await (await on.see(TITLE)).tap()
  await page.waitForURL(/packages\/resident\/pages\/campaign\/index/, { timeout: WAIT_MS })
}

/** The admin ends the campaign's current phase from 评选活动管理. */
async function closeEarly(on: On, page: Page, phase: '提名' | '审核' | '投票') {
  await page.bringToFront()
  await on.button(`提前结束${phase}`).tap()
  await on.input('如：提名已足够（至少 2 个字）').fill('浏览器测试提前结束')
  await on.button(`提前结束${phase}`).tap()
  const next = { 提名: '审核中', 审核: '投票中', 投票: '公示中' }[phase]
  await on.see(next)
}

describe('a campaign in Chromium at phone size', () => {
  it('goes from a nomination with a photo to a winner on the 公示 page', async () => {
    const admin = await token('demo-admin')
    const campaign = await createCampaign(admin)
    const [nominee, other] = await neighbours(admin)

    // 张大爷 nominates a neighbour, photo and all.
    const resident = await suite.signIn('村民 张大爷（村民）')
    await openCampaign(resident.on, resident.page)
    await resident.on.see('评选规则')
    await resident.on.button('我要提名').tap()
    await resident.page.waitForURL(/packages\/resident\/pages\/nominate\/index/, {
      timeout: WAIT_MS,
    })
    await resident.on.input('输入户主姓名').fill(nominee.headName)
    await resident.on.button('查找').tap()
    await (await resident.on.see(new RegExp(`^${nominee.headName}家 · 柳家村`), false)).tap()
    await resident.on.see(new RegExp(`^已选：${nominee.headName}家`), false)
    await resident.page
      .locator('textarea[placeholder="请写下推荐理由和具体事迹"]')
      .fill('他家常年照顾隔壁独居的老人，天天送饭，下雨天帮着收衣服，是村里公认的好邻居。')
    const chooser = resident.page.waitForEvent('filechooser', { timeout: WAIT_MS })
    await resident.on.button('添加照片').tap()
    await (await chooser).setFiles(picture)
    await resident.page
      .locator('.nominate-thumb img')
      .first()
      .waitFor({ state: 'attached', timeout: WAIT_MS })
    await resident.on.screenshot('1-nominate')
    await resident.on.button('提交提名').tap()
    await resident.page.waitForURL(/packages\/resident\/pages\/campaign\/index/, {
      timeout: WAIT_MS,
    })

    // A second nomination through the API, so that the ranking has something to rank: by the
    // township's admin (刘阿姨 shares 张大爷's household, which has nominated already).
    const nominator = admin
    await callApi(
      suite.server.url,
      'campaigns.nominate',
      {
        campaignId: campaign.id,
        householdId: other.id,
        story: '他家主动让出自家门前的地方给全组修了晒谷场，邻里有事总是第一个到。',
        photos: [],
      },
      nominator,
    )

    // 李红梅 approves both from 评选审核.
    const worker = await suite.signIn('网格员 李红梅（网格员）')
    await worker.on.cell('网格员工具').tap()
    await worker.on.cell('评选审核').tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/review/, { timeout: WAIT_MS })
    for (const household of [nominee, other]) {
      const card = worker.on.rowWith(`${household.headName}家`, '通过')
      // Exactly 通过: the card's other button reads 不通过.
      await card.locator('taro-button-core', { hasText: /^\s*通过\s*$/ }).tap()
      await expect
        .poll(() => worker.on.shown(`${household.headName}家`).count(), { timeout: WAIT_MS })
        .toBe(0)
    }
    await worker.on.screenshot('2-reviewed')

    // The admin opens voting by ending nomination and review early.
    const office = await suite.signIn('镇宣传办 王主任（镇管理员）')
    await office.on.cell('管理员工具').tap()
    await office.on.cell('评选管理').tap()
    await (await office.on.see(TITLE)).tap()
    await office.page.waitForURL(/packages\/staff\/pages\/campaign-admin/, { timeout: WAIT_MS })
    await closeEarly(office.on, office.page, '提名')
    await closeEarly(office.on, office.page, '审核')

    // Three residents vote for the first nominee (1号); 周小芳 votes for 2号, then once more.
    const candidates = await callApi(suite.server.url, 'campaigns.candidates', {
      campaignId: campaign.id,
    })
    const first = candidates.items.find((c) => c.household.id === nominee.id)
    const second = candidates.items.find((c) => c.household.id === other.id)
    if (!first || !second) throw new Error('both nominations should be candidates now')
    await resident.page.bringToFront()
    await resident.page.reload()
    await resident.on.see('投票中')
    for (const [voter, number] of [
      [resident, first.number],
      [await suite.signIn('村民 刘阿姨（村民）'), first.number],
      [await suite.signIn('村民 陈师傅（村民）'), first.number],
    ] as const) {
      if (voter !== resident) await openCampaign(voter.on, voter.page)
      await voter.on.see('今天还可以投 1 票')
      await voter.on.button(`投票给 ${number} 号`).tap()
      await voter.on.see('今天还可以投 0 票')
    }
    await resident.on.screenshot('3-voted')

    const fourth = await suite.signIn('村民 周小芳（村民）')
    await openCampaign(fourth.on, fourth.page)
    await fourth.on.button(`投票给 ${second.number} 号`).tap()
    await fourth.on.see('今天还可以投 0 票')
    await fourth.on.button('投票（今天的票已投完）').tap()
    await fourth.on.see('投票没有成功：今天的票已经投完了，明天再来')
    await fourth.on.screenshot('4-refused')
    const votes = await callApi(
      suite.server.url,
      'campaigns.votes',
      { campaignId: campaign.id },
      admin,
    )
    expect(votes.items).toHaveLength(4)

    // At close, the 公示 page shows the winner.
    await closeEarly(office.on, office.page, '投票')
    await fourth.page.bringToFront()
    await fourth.page.reload()
    await fourth.on.button('查看结果公示').tap()
    await fourth.page.waitForURL(/packages\/resident\/pages\/results\/index/, { timeout: WAIT_MS })
    await fourth.on.see('获评家庭')
    const winner = fourth.page.locator('.result-winner').filter({ visible: true })
    await expect.poll(() => winner.count(), { timeout: WAIT_MS }).toBe(1)
    expect(await winner.textContent()).toContain(`${nominee.headName}家`)
    expect(await winner.textContent()).toContain('3 票')
    await fourth.on.see(/^公示期：/, false)
    await fourth.on.see('提出异议')
    await fourth.on.screenshot('5-publicity')
  }, 240_000)
})
