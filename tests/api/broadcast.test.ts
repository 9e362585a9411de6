// 大喇叭 over HTTP, on both adapters: a notice's 广播稿 derived and edited, a village's
// 广播安排 scheduled by the township, today's list for its grid worker who may mark a play
// played, and the month's counts per village beside 信息报送.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BroadcastScript, Play } from '../../contract/broadcast'
import { shanghaiDay } from '../../contract/time'
import { buildTestTown, NOW, notice, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

const DAY = 86_400_000

describe('大喇叭: scripts and 广播安排', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}
  const today = () => shanghaiDay(now)

  beforeEach(async () => {
    now = NOW
    const town = buildTestTown()
    town.notices.push(
      notice('n-fee', ['vil-a'], {
        title: '关于缴纳2027年度医保费的通知',
        body: '<h2>缴费时间</h2><p>请于2026年12月20日前缴纳，每人380元。</p><ol><li>带上身份证</li><li>到村委会</li></ol><p>咨询电话：13812345678</p>',
      }),
    )
    api = await startTestApi({ snapshot: town, clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const script = (noticeId: string, openid: string = who.gridA) =>
    api.data<BroadcastScript>('broadcast.script', { noticeId }, tokens[openid])

  it('derives the script from the published notice, with its reading time', async () => {
    const s = await script('n-fee')
    expect(s.script.split('\n')).toEqual([
      '关于缴纳二〇二七年度医保费的通知。',
      '下面说缴费时间。',
      '请于二〇二六年十二月二十日前缴纳，每人三百八十元。',
      '第一，带上身份证。',
      '第二，到村委会。',
      '咨询电话：幺三八幺二三四五六七八。',
    ])
    expect(s.edited).toBe(false)
    const spoken = Array.from(s.script.replace(/[\s\p{P}]/gu, '')).length
    expect(s.seconds).toBe(Math.ceil((spoken / 220) * 60))
    // Not for another village's grid worker; not for a draft or unknown notice.
    expect(
      (await api.post('broadcast.script', { noticeId: 'n-fee' }, tokens[who.gridB])).status,
    ).toBe(403)
    expect(
      (await api.post('broadcast.script', { noticeId: 'n-future' }, tokens[who.gridA])).status,
    ).toBe(404)
  })

  it('saves an edited script; an empty one goes back to the derived script', async () => {
    const edited = '各位村民请注意：医保费十二月二十日前交。'
    const saved = await api.data<BroadcastScript>(
      'broadcast.saveScript',
      { noticeId: 'n-fee', script: edited },
      tokens[who.gridA],
    )
    expect(saved).toMatchObject({ script: edited, edited: true })
    expect((await script('n-fee', who.admin)).script).toBe(edited)
    const audit = acceptedWrites(await api.app.store.audit.recent(5)).find(
      (e) => e.action === 'broadcast.saveScript',
    )
    expect(audit?.target).toBe('notice:n-fee')
    await api.data('broadcast.saveScript', { noticeId: 'n-fee', script: '' }, tokens[who.gridA])
    expect((await script('n-fee')).edited).toBe(false)
  })

  it('schedules a week; the grid worker sees today’s list and marks one played, once', async () => {
    const days = [0, 1, 2, 3, 4, 5, 6].map((d) => shanghaiDay(now + d * DAY))
    const added = await api.data<{ added: number }>(
      'broadcast.schedule',
      { villageId: 'vil-a', noticeId: 'n-fee', days },
      tokens[who.admin],
    )
    expect(added.added).toBe(7)
    // Scheduling the same days again adds nothing.
    const again = await api.data<{ added: number }>(
      'broadcast.schedule',
      { villageId: 'vil-a', noticeId: 'n-fee', days: days.slice(0, 2) },
      tokens[who.admin],
    )
    expect(again.added).toBe(0)
    // A day gone by, or another village's notice, is refused.
    const past = await api.post(
      'broadcast.schedule',
      { villageId: 'vil-a', noticeId: 'n-fee', days: [shanghaiDay(now - DAY)] },
      tokens[who.admin],
    )
    expect(past.status).toBe(400)
    const elsewhere = await api.post(
      'broadcast.schedule',
      { villageId: 'vil-b', noticeId: 'n-fee', days: [today()] },
      tokens[who.admin],
    )
    expect(elsewhere.status).toBe(400)

    const list = await api.data<{ items: Play[]; nextCursor: string | null }>(
      'broadcast.plays',
      { villageId: 'vil-a', to: today() },
      tokens[who.gridA],
    )
    expect(list.items.map((p) => [p.day, p.title, p.playedAt])).toEqual([
      [today(), '关于缴纳2027年度医保费的通知', null],
    ])
    // Pages: 7 days three at a time.
    const first = await api.data<{ items: Play[]; nextCursor: string | null }>(
      'broadcast.plays',
      { villageId: 'vil-a', limit: 3 },
      tokens[who.gridA],
    )
    expect(first.items.map((p) => p.day)).toEqual(days.slice(0, 3))
    expect(first.nextCursor).not.toBeNull()
    expect(
      (await api.post('broadcast.plays', { villageId: 'vil-a' }, tokens[who.gridB])).status,
    ).toBe(403)

    const id = list.items[0]?.id as string
    expect((await api.post('broadcast.markPlayed', { id }, tokens[who.gridB])).status).toBe(403)
    const played = await api.data<Play>('broadcast.markPlayed', { id }, tokens[who.gridA])
    expect(played.playedAt).toBe(new Date(now).toISOString())
    expect((await api.post('broadcast.markPlayed', { id }, tokens[who.gridA])).status).toBe(409)
    // Tomorrow's cannot be marked today; and a played one stays on the plan.
    const tomorrow = first.items[1]?.id as string
    expect(
      (await api.post('broadcast.markPlayed', { id: tomorrow }, tokens[who.gridA])).status,
    ).toBe(409)
    expect((await api.post('broadcast.unschedule', { id }, tokens[who.admin])).status).toBe(409)
    expect(
      (await api.post('broadcast.unschedule', { id: tomorrow }, tokens[who.admin])).status,
    ).toBe(200)

    const month = await api.data<{ village: { id: string }; scheduled: number; played: number }[]>(
      'broadcast.month',
      { month: today().slice(0, 7) },
      tokens[who.admin],
    )
    const inMonth = days
      .slice(1)
      .filter((d) => d.slice(0, 7) === today().slice(0, 7) && d !== days[1]).length
    expect(month.find((r) => r.village.id === 'vil-a')).toEqual({
      village: { id: 'vil-a', name: '甲村' },
      scheduled: 1 + inMonth,
      played: 1,
    })
    expect(month.find((r) => r.village.id === 'vil-b')).toMatchObject({ scheduled: 0, played: 0 })
  })
})
