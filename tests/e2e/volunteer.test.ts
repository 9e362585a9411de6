// 新时代文明实践 in Chromium at phone size: 张大爷 signs up for the demo 好家风故事会 on 活动详情;
// on the evening, 李红梅 types his 志愿码 on 活动管理 and checks him in; the activity ends and
// the timer credits the hours; 张大爷 opens 我的 → 我的志愿 and sees 1.5 hours for it and 6 in
// all (4.5 from the demo's past activities). The server runs in this process so that the test
// can move its clock to the evening and run the timer, as the 5-minute interval would.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { createLogger } from '../../server/logger'
import { launchPhone, type Phone } from '../helpers/browser'
import { callApi, signedInPhone, WAIT_MS } from '../helpers/phone-page'
import { TEST_NOW } from '../helpers/test-clock'

const HOUR = 3_600_000
const ACTIVITY = 'act-demo-family'
const TITLE = '道德讲堂：好家风故事会'

describe('志愿活动: sign up, check in, hours on 我的', () => {
  let app: LocalApp
  let phone: Phone
  let now = TEST_NOW
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-e2e-volunteer-'))
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-e2e-volunteer-shots-'))
  const pages: Page[] = []

  beforeAll(async () => {
    app = await startLocalApp(
      {
        port: 0,
        host: '127.0.0.1',
        dataDir,
        devMode: true,
        adminOpenids: [],
        clockStart: null,
      },
      {
        clock: () => now,
        logger: createLogger({ silent: true }),
        staticRoot: path.resolve(__dirname, '../../dist-h5'),
      },
    )
    phone = await launchPhone()
  })
  afterAll(async () => {
    for (const page of pages) await page.context().close()
    await phone?.close()
    await app?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const signIn = async (label: string) => {
    const signedIn = await signedInPhone(phone, app.url, label, shots)
    pages.push(signedIn.page)
    return signedIn
  }

  it('张大爷 signs up, 李红梅 checks him in by his code, the timer credits 1.5 hours', async () => {
    const resident = await signIn('村民 张大爷（村民）')
    const me = resident.on
    await me.cell('志愿活动').tap()
    await (await me.see(TITLE)).tap()
    await resident.page.waitForURL(/pages\/activity\/index/, { timeout: WAIT_MS })
    await me.button('我要报名').tap()
    await me.see('您已报名，请按时参加；到场后请出示「我的志愿」里的志愿码签到。')
    await me.screenshot('signed-up')

    // His code, as 我的志愿 shows it (and a QR code of it).
    const token = (await callApi(app.url, 'auth.devLogin', { openid: 'demo-resident-1' })).token
    const { code } = await callApi(app.url, 'activities.me', {}, token)
    if (!code) throw new Error('no 志愿码 after signing up')

    // The evening of the activity: check-in is open from two hours before the start.
    const detail = await callApi(app.url, 'activities.get', { id: ACTIVITY }, token)
    now = Date.parse(detail.startsAt) - HOUR
    const staff = await signIn('网格员 李红梅（网格员）')
    await staff.page.goto(
      `${app.url}/?visit=staff#/packages/staff/pages/activity-admin/index?id=${ACTIVITY}`,
    )
    await staff.on.see('扫志愿码签到')
    await staff.on.input('扫不了时，输入村民「我的志愿」里的志愿码').fill(code)
    await staff.on.button('查找').tap()
    const row = staff.on.rowWith('村民 张大爷', '签到')
    await staff.on.buttonIn(row, '签到').first().tap()
    await staff.on.see('已签到')
    await staff.on.screenshot('checked-in')

    // It ends; the timer credits the hours of those checked in.
    now = Date.parse(detail.endsAt) + 60_000
    expect((await app.tick()).activitiesCredited).toBe(1)

    await resident.page.goto(`${app.url}/?visit=again`)
    await me.tapTab('我的')
    await me.cell('我的志愿').tap()
    await me.see('志愿时长 1.5 小时')
    await me.see('6 小时')
    await me.see('我的志愿码（签到时给工作人员扫）')
    await me.screenshot('my-volunteer')
  })
})
