// 发布并公示, guarded: a preview says what becomes public, the publication must echo the figures
// the admin confirmed, and a publication can be withdrawn during 公示 with a reason — the lists
// disappear, the households told of them get a correction, and the round is published again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Preview = ActionOutput<'board.publishPreview'>
type Outbox = ActionOutput<'notify.outbox'>

describe('guarded publication of r-open (甲村 4 households, 乙村 2; red ≥ 90, black < 60)', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}
  let sent = 0

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const admin = () => tokens[who.admin]
  /** 庭院 given `a` of 60; 垃圾 with `problems` found (5 off each, of 40). */
  const inspect = (openid: string, householdId: string, a: number, problems: number) =>
    api.data(
      'board.inspect',
      {
        roundId: 'r-open',
        householdId,
        items: [
          { criterionId: 'crit-a', points: a, note: '' },
          { criterionId: 'crit-b', deductions: problems, note: '' },
        ],
        clientId: `publish-${++sent}-abcdef`,
      },
      tokens[openid],
    )
  const preview = () => api.data<Preview>('board.publishPreview', { roundId: 'r-open' }, admin())
  const outbox = async () =>
    (await api.data<Outbox>('notify.outbox', { limit: 50 }, admin())).items.filter((n) =>
      n.event.startsWith('board'),
    )
  const roundStatus = async () =>
    (await api.data<{ status: string }>('board.round', { id: 'r-open' }, admin())).status

  it('previews per village inspected of all, the lists’ sizes and the 公示 dates', async () => {
    await inspect(who.gridA, 'hh-a2', 60, 0) // 100: red
    await inspect(who.gridA, 'hh-a3', 30, 8) // 30: black
    await inspect(who.gridB, 'hh-b1', 60, 1) // 95: red
    const p = await preview()
    // hh-a1 was inspected before (70): 甲村 3 of 4, 乙村 1 of 2.
    expect(
      p.villages.map((v) => [v.village.name, v.inspected, v.households, v.uninspected]),
    ).toEqual([
      ['甲村', 3, 4, 1],
      ['乙村', 1, 2, 1],
    ])
    expect(p.expect).toEqual({ inspected: 4, red: 2, black: 1 })
    expect(p.publishedAt).toBe(new Date(NOW).toISOString())
    expect(p.publicityEndsAt).toBe(new Date(NOW + 7 * DAY).toISOString())
    expect(await roundStatus()).toBe('open')
  })

  it('refuses a publication without the confirmed figures, or with others', async () => {
    const none = await api.post('board.publish', { roundId: 'r-open' }, admin())
    expect(none.status).toBe(400)
    const wrong = await api.post(
      'board.publish',
      { roundId: 'r-open', expect: { inspected: 4, red: 1, black: 1 } },
      admin(),
    )
    expect(wrong.status).toBe(409)
    expect(await roundStatus()).toBe('open')
  })

  it('a confirmation made stale by a later inspection is refused; a fresh one publishes', async () => {
    const stale = await preview()
    await inspect(who.gridB, 'hh-b2', 60, 0) // 100: red
    const refused = await api.post(
      'board.publish',
      { roundId: 'r-open', expect: stale.expect },
      admin(),
    )
    expect(refused.status).toBe(409)
    expect(refused.body.ok ? '' : refused.body.error.message).toBe(
      '预览之后检查结果有变化（现在已检查 5 户，红榜 3 户、黑榜 1 户），请重新预览后再发布',
    )
    expect(await roundStatus()).toBe('open')

    const fresh = await preview()
    expect(fresh.expect).toEqual({ inspected: 5, red: 3, black: 1 })
    const round = await api.data<{ status: string; inPublicity: boolean }>(
      'board.publish',
      { roundId: 'r-open', expect: fresh.expect },
      admin(),
    )
    expect(round).toMatchObject({ status: 'published', inPublicity: true })
    // resident B's household (hh-b1, 95) is on the red list and is told so; resident A's
    // (hh-a1, 70) is on no list.
    expect((await outbox()).map((n) => [n.event, n.recipientName])).toEqual([
      ['boardPublished', `昵称-${who.residentB}`],
    ])
  })

  it('only an admin withdraws, with a written reason of at least 5 characters', async () => {
    now += 3_600_000
    const resident = await api.post(
      'board.withdraw',
      { roundId: 'r-open', reason: '名单有错误需要更正' },
      tokens[who.residentB],
    )
    expect(resident.status).toBe(403)
    const short = await api.post('board.withdraw', { roundId: 'r-open', reason: '有错' }, admin())
    expect(short.status).toBe(400)
    expect(short.body.ok ? '' : short.body.error.message).toBe('请写明撤回理由（至少 5 个字）')
    expect(await roundStatus()).toBe('published')
  })

  it('withdrawn: the lists are gone, the notified household gets a correction, it is logged', async () => {
    const reason = '乙村两户的检查记录录错了，核对后重新公示'
    const round = await api.data<{ status: string; publishedAt: string | null }>(
      'board.withdraw',
      { roundId: 'r-open', reason },
      admin(),
    )
    expect(round).toMatchObject({ status: 'open', publishedAt: null })
    const visitor = await api.post('board.ranking', { roundId: 'r-open' }, tokens[who.visitor])
    expect(visitor.status).toBe(404)
    const rounds = await api.data<{ items: { id: string }[] }>(
      'board.rounds',
      {},
      tokens[who.residentB],
    )
    expect(rounds.items.map((r) => r.id)).not.toContain('r-open')
    const correction = (await outbox()).find((n) => n.event === 'boardWithdrawn')
    expect(correction).toMatchObject({ recipientName: `昵称-${who.residentB}` })
    expect(correction?.body).toContain(reason)
    const logged = (await api.app.store.audit.recent(50)).find(
      (e) => e.action === 'board.withdraw' && e.target === 'round:r-open',
    )
    expect(logged?.after).toMatchObject({ status: 'open', reason, corrected: 1 })
  })

  it('the round is published again, and cannot be withdrawn once 公示 has ended', async () => {
    now += 60_000
    const p = await preview()
    expect(p.expect).toEqual({ inspected: 5, red: 3, black: 1 })
    await api.data('board.publish', { roundId: 'r-open', expect: p.expect }, admin())
    expect(await roundStatus()).toBe('published')
    expect((await outbox()).filter((n) => n.event === 'boardPublished')).toHaveLength(2)
    now += 7 * DAY + 1
    const late = await api.post(
      'board.withdraw',
      { roundId: 'r-open', reason: '公示结束后发现错误' },
      admin(),
    )
    expect(late.status).toBe(409)
    expect(late.body.ok ? '' : late.body.error.message).toBe('公示期已经结束，不能再撤回这一期榜单')
  })
})
