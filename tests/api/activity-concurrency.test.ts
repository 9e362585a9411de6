// An activity's capacity under concurrency, on both Store adapters (SQLite: the unit's
// transaction; cloud: a transaction on the activity document, retried on conflict): 10
// residents signing up for 3 places at the same moment end as exactly 3 signed up and 7
// waiting, in one order; a cancellation moves the first of the waiting up, nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { DAY, NOW, townWithVoters, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const PEOPLE = 10
const iso = (ms: number) => new Date(ms).toISOString()

describe('activity sign-ups under concurrency', () => {
  let api: TestApi
  const tokens: string[] = []
  let admin = ''

  beforeAll(async () => {
    api = await startTestApi({ snapshot: townWithVoters(PEOPLE, 1, 'vol'), clock: () => NOW })
    admin = await api.login(who.admin)
    for (let i = 0; i < PEOPLE; i++) tokens.push(await api.login(`vol-${i}`))
  }, 60_000)
  afterAll(() => api.close())

  it('capacity 3, 10 at once: exactly 3 signed up and 7 waiting; a cancellation promotes the first waiting', async () => {
    const activity = await api.data<ActionOutput<'activities.save'>>(
      'activities.save',
      {
        station: '青禾镇新时代文明实践所',
        type: 'culture',
        title: '广场舞培训',
        description: '请老师来教两支新舞。',
        place: '甲村文化广场',
        startsAt: iso(NOW + 2 * DAY),
        endsAt: iso(NOW + 2 * DAY + 7_200_000),
        signupDeadline: iso(NOW + DAY),
        capacity: 3,
        scope: { kind: 'villages', villageIds: ['vil-a'] },
      },
      admin,
    )
    const answers = await Promise.all(
      tokens.map((token) => api.post('activities.signUp', { id: activity.id }, token)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(PEOPLE).fill(200))
    const statuses = answers.map((a) =>
      a.body.ok ? (a.body.data as ActionOutput<'activities.signUp'>).me.status : null,
    )
    expect(statuses.filter((s) => s === 'signed')).toHaveLength(3)
    expect(statuses.filter((s) => s === 'waiting')).toHaveLength(7)

    const list = await api.data<ActionOutput<'activities.signups'>>(
      'activities.signups',
      { activityId: activity.id, limit: 50 },
      admin,
    )
    const signed = list.items.filter((s) => s.status === 'signed')
    const waiting = list.items.filter((s) => s.status === 'waiting')
    expect([signed.length, waiting.length]).toEqual([3, 7])
    // One order: every sign-up has its own number 1..10, the three first are the signed ones.
    expect(list.items.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: PEOPLE }, (_, i) => i + 1),
    )
    expect(signed.map((s) => s.seq).sort((a, b) => a - b)).toEqual([1, 2, 3])
    const detail = await api.data<ActionOutput<'activities.get'>>(
      'activities.get',
      { id: activity.id },
      admin,
    )
    expect([detail.signedCount, detail.waitingCount]).toEqual([3, 7])

    // The holder of number 2 cancels: number 4 (the first waiting) moves up, 5..10 wait on.
    const leaving = signed.find((s) => s.seq === 2)
    const first = waiting.find((s) => s.seq === 4)
    if (!leaving || !first) throw new Error('no sign-up numbered 2 or 4')
    const tokenOf = (userId: string) => tokens[Number(userId.replace('u-vol-', ''))] as string
    await api.data('activities.cancelSignup', { id: activity.id }, tokenOf(leaving.userId))
    const after = await api.data<ActionOutput<'activities.signups'>>(
      'activities.signups',
      { activityId: activity.id, limit: 50 },
      admin,
    )
    expect(after.items.filter((s) => s.status === 'signed').map((s) => s.seq)).toEqual([1, 3, 4])
    expect(after.items.filter((s) => s.status === 'waiting').map((s) => s.seq)).toEqual([
      5, 6, 7, 8, 9, 10,
    ])
    const promoted = await api.data<ActionOutput<'activities.get'>>(
      'activities.get',
      { id: activity.id },
      tokenOf(first.userId),
    )
    expect(promoted.me.status).toBe('signed')

    // Two cancellations at once free two places: numbers 5 and 6 move up, in order.
    const twoLeave = after.items.filter((s) => s.seq === 1 || s.seq === 3)
    await Promise.all(
      twoLeave.map((s) =>
        api.data('activities.cancelSignup', { id: activity.id }, tokenOf(s.userId)),
      ),
    )
    const last = await api.data<ActionOutput<'activities.signups'>>(
      'activities.signups',
      { activityId: activity.id, limit: 50 },
      admin,
    )
    expect(last.items.filter((s) => s.status === 'signed').map((s) => s.seq)).toEqual([4, 5, 6])
    expect(last.items.filter((s) => s.status === 'waiting').map((s) => s.seq)).toEqual([
      7, 8, 9, 10,
    ])
  })
})
