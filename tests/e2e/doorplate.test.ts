// 户码 and 大喇叭 in Chromium at phone size: a grid worker opens a household's doorplate URL
// (what the QR code on the door carries), lands on that household's inspection form, scores
// and saves; an admin opens a notice's 广播稿 and the page reads the script aloud (the
// browser's speechSynthesis stubbed to record what it was given).
import { callApi, phoneSuite, WAIT_MS } from '../helpers/phone-page'

const suite = phoneSuite('doorplate')

describe('户码 and 大喇叭 in Chromium at phone size', () => {
  it('a grid worker scans a plate, lands on the inspection form, scores and saves', async () => {
    const url = suite.server.url
    const gridToken = (await callApi(url, 'auth.devLogin', { openid: 'demo-grid-1' })).token
    const residentToken = (await callApi(url, 'auth.devLogin', { openid: 'demo-resident-1' })).token
    const home = (await callApi(url, 'me.get', {}, residentToken)).user?.household
    expect(home).toBeTruthy()
    if (!home) return
    const household = await callApi(url, 'households.get', { id: home.id }, gridToken)
    const sheet = await callApi(
      url,
      'doorplates.print',
      { groupId: household.group.id, origin: url, limit: 48 },
      gridToken,
    )
    const plate = sheet.items.find((p) => p.householdId === home.id)
    expect(plate, 'the household is on its group’s sheet').toBeTruthy()
    const rounds = await callApi(url, 'board.rounds', {}, gridToken)
    const open = rounds.items.find((r) => r.status === 'open')
    expect(open, 'the demo has a round open for inspection').toBeTruthy()
    const before = await callApi(
      url,
      'board.inspection',
      { roundId: open?.id ?? '', householdId: home.id },
      gridToken,
    )

    const worker = await suite.signIn('网格员 李红梅（网格员）')
    await worker.page.goto(`${url}/?scan=1#/pages/door/index?code=${plate?.code}`)
    await worker.page.waitForURL(/packages\/staff\/pages\/inspect-form/, { timeout: WAIT_MS })
    expect(worker.page.url()).toContain(`householdId=${home.id}`)
    await worker.on.see(new RegExp(home.headName), false)
    await worker.page
      .getByRole('button', { name: '庭院整洁发现问题加一' })
      .filter({ visible: true })
      .tap()
    await worker.on.screenshot('1-scanned-form')
    const save = worker.on.button('保存检查')
    const total = Number(/合计 (\d+) 分/.exec((await save.textContent()) ?? '')?.[1])
    await save.tap()
    await worker.page.waitForURL(/packages\/staff\/pages\/inspect\//, { timeout: WAIT_MS })
    const after = await callApi(
      url,
      'board.inspection',
      { roundId: open?.id ?? '', householdId: home.id },
      gridToken,
    )
    expect(after.latest?.total).toBe(total)
    expect(after.latest?.version).toBe((before.latest?.version ?? 0) + 1)
  })

  it('reads a notice’s 广播稿 aloud in H5: what is spoken is the script', async () => {
    const url = suite.server.url
    const adminToken = (await callApi(url, 'auth.devLogin', { openid: 'demo-admin' })).token
    const notice = (await callApi(url, 'notices.list', {}, adminToken)).items[0]
    expect(notice).toBeTruthy()
    const script = await callApi(
      url,
      'broadcast.script',
      { noticeId: notice?.id ?? '' },
      adminToken,
    )

    const admin = await suite.signIn('镇宣传办 王主任（镇管理员）')
    // The browser's voice, stubbed: it records each piece it is asked to say, and ends it.
    await admin.page.addInitScript(() => {
      const spoken: string[] = []
      Object.assign(window, { __spoken: spoken })
      class Utterance {
        text: string
        lang = ''
        rate = 1
        onend: (() => void) | null = null
        onerror: (() => void) | null = null
        constructor(text: string) {
          this.text = text
        }
      }
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance })
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          speak(u: Utterance) {
            spoken.push(u.text)
            setTimeout(() => u.onend?.(), 0)
          },
          cancel() {},
          getVoices: () => [],
        },
      })
    })
    await admin.page.goto(
      `${url}/?read=1#/packages/staff/pages/broadcast/index?noticeId=${notice?.id}`,
    )
    await admin.on.see('试听广播稿')
    await admin.on.screenshot('2-script')
    await admin.on.button('试听广播稿').tap()
    await admin.page.waitForFunction(
      () => ((window as unknown as { __spoken?: string[] }).__spoken ?? []).length > 0,
      undefined,
      { timeout: WAIT_MS },
    )
    const spoken = await admin.page.evaluate(
      () => (window as unknown as { __spoken: string[] }).__spoken,
    )
    const words = (s: string) => s.replace(/[\s\p{P}]/gu, '')
    expect(words(spoken.join(''))).toBe(words(script.script))
    // The script, not the notice: its numbers are spoken words.
    expect(spoken.join('')).not.toMatch(/\d|<|http/)
  })
})
