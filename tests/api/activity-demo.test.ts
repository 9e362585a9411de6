// The demo town's 新时代文明实践, built on the seed's clock: past activities with hours credited
// to the demo residents, upcoming ones to sign up for, one full with a waiting list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { shanghaiMonth } from '../../contract/time'
import { startTestApi, type TestApi } from '../helpers/http-api'

describe('demo 新时代文明实践', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    api = await startTestApi()
    for (const openid of ['demo-resident-1', 'demo-resident-3', 'demo-grid-1', 'demo-admin'])
      tokens[openid] = await api.login(openid)
  }, 60_000)
  afterAll(() => api.close())

  it('张大爷 has 4.5 hours from two past activities (2 h + 2.5 h) and a code to show', async () => {
    const me = await api.data<ActionOutput<'activities.me'>>(
      'activities.me',
      {},
      tokens['demo-resident-1'],
    )
    expect([me.totalHours, me.activityCount]).toEqual([4.5, 2])
    expect(me.code).toMatch(/^V/)
    const mine = await api.data<ActionOutput<'activities.mine'>>(
      'activities.mine',
      {},
      tokens['demo-resident-1'],
    )
    expect(mine.items.map((i) => [i.activity.title, i.hours]).sort()).toEqual([
      ['党的二十大精神宣讲进村', 2],
      ['清理村道和沟渠', 2.5],
    ])
  })

  it('柳家村 sees upcoming activities to sign up for; the full one has a waiting list', async () => {
    const upcoming = await api.data<ActionOutput<'activities.list'>>(
      'activities.list',
      {},
      tokens['demo-resident-1'],
    )
    const titles = upcoming.items.map((a) => a.title)
    expect(titles).toEqual(['道德讲堂：好家风故事会', '广场舞展演排练'])
    const dance = upcoming.items.find((a) => a.title === '广场舞展演排练')
    expect(dance).toMatchObject({ capacity: 3, signedCount: 3, waitingCount: 1, state: 'open' })
    const past = await api.data<ActionOutput<'activities.list'>>(
      'activities.list',
      { when: 'past' },
      tokens['demo-resident-1'],
    )
    expect(past.items.map((a) => a.title)).toEqual(['清理村道和沟渠', '党的二十大精神宣讲进村'])
  })

  it('柳家村’s month shows the hours of its people, for its grid worker', async () => {
    const past = await api.data<ActionOutput<'activities.list'>>(
      'activities.list',
      { when: 'past' },
      tokens['demo-grid-1'],
    )
    const cleanup = past.items.find((a) => a.title === '清理村道和沟渠')
    if (!cleanup) throw new Error('no cleanup activity')
    const month = shanghaiMonth(cleanup.startsAt)
    const villageId = cleanup.villages[0]?.id ?? ''
    const list = await api.data<ActionOutput<'activities.signups'>>(
      'activities.signups',
      { activityId: cleanup.id },
      tokens['demo-grid-1'],
    )
    expect(list.items.map((s) => [s.checkedIn, s.hours])).toEqual([
      [true, 2.5],
      [true, 2.5],
      [true, 2.5],
      [false, null],
    ])
    const table = await api.data<ActionOutput<'activities.monthly'>>(
      'activities.monthly',
      { month, villageId },
      tokens['demo-grid-1'],
    )
    expect(table.participants).toBeGreaterThanOrEqual(3)
  })
})
