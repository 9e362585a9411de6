// An admin cannot bend a campaign's past: in each phase the boundaries already passed stay put
// (by date or by 提前结束阶段), and only later ones move. Both Store adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CampaignDetail } from '../../contract/campaigns'
import { defaultRules } from '../../server/campaigns/campaigns.rules'
import { buildTestTown, DAY, HOUR, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const iso = (ms: number) => new Date(ms).toISOString()

describe('campaign schedules after the fact', () => {
  let api: TestApi
  let now = NOW
  let admin = ''

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
  })
  afterAll(() => api.close())

  // Nomination from day 0, review from day 2, voting days 4–6, 公示 until day 8.
  const schedule = (start: number) => ({
    nominationStartsAt: iso(start),
    reviewStartsAt: iso(start + 2 * DAY),
    votingStartsAt: iso(start + 4 * DAY),
    votingEndsAt: iso(start + 6 * DAY),
    publicityEndsAt: iso(start + 8 * DAY),
  })
  const form = (start: number, changes: object = {}, id?: string) => ({
    ...(id ? { id } : {}),
    type: 'goodNeighbor',
    title: '日程测试评选',
    villageId: 'vil-a',
    ...schedule(start),
    rules: { ...defaultRules, winners: 1 },
    ...changes,
  })
  const create = async (start: number) => {
    now = start
    admin = await api.login(who.admin)
    return (await api.data<CampaignDetail>('campaigns.save', form(start), admin)).id
  }
  const edit = (id: string, start: number, changes: object) =>
    api.post<CampaignDetail>('campaigns.save', form(start, changes, id), admin)

  it('during 公示 voting cannot be reopened; the 公示 end still moves', async () => {
    const start = NOW
    const id = await create(start)
    now = start + 7 * DAY
    const before = api.dumpAll(['audit_log'])
    const reopened = await edit(id, start, { votingEndsAt: iso(start + 7.5 * DAY) })
    expect(reopened.status).toBe(409)
    expect(reopened.body).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '投票结束时间已经过去，不能再修改' },
    })
    expect(api.dumpAll(['audit_log'])).toBe(before)
    const longer = await edit(id, start, { publicityEndsAt: iso(start + 10 * DAY) })
    expect(longer.body).toMatchObject({ ok: true, data: { phase: 'publicity' } })
  })

  it('during voting the review cannot be reopened; the voting end moves, not into the past', async () => {
    const start = NOW + 20 * DAY
    const id = await create(start)
    now = start + 5 * DAY
    expect((await edit(id, start, { reviewStartsAt: iso(start + 3 * DAY) })).status).toBe(409)
    const past = await edit(id, start, { votingEndsAt: iso(now - HOUR) })
    expect(past.body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect((await edit(id, start, { votingEndsAt: iso(start + 7 * DAY) })).body.ok).toBe(true)
  })

  it('during review the nomination cannot be reopened; voting can be moved later', async () => {
    const start = NOW + 40 * DAY
    const id = await create(start)
    now = start + 3 * DAY
    const reopen = await edit(id, start, { reviewStartsAt: iso(start + 4 * DAY) })
    expect(reopen.body).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '提名结束（审核开始）时间已经过去，不能再修改' },
    })
    const later = await edit(id, start, {
      votingStartsAt: iso(start + 5 * DAY),
      votingEndsAt: iso(start + 7 * DAY),
    })
    expect(later.body.ok).toBe(true)
  })

  it('during nomination its start stays; its end moves', async () => {
    const start = NOW + 60 * DAY
    const id = await create(start)
    now = start + DAY
    expect((await edit(id, start, { nominationStartsAt: iso(start + HOUR) })).status).toBe(409)
    expect((await edit(id, start, { reviewStartsAt: iso(start + 3 * DAY) })).body.ok).toBe(true)
  })

  it('a phase ended early by 提前结束阶段 stays ended', async () => {
    const start = NOW + 80 * DAY
    const id = await create(start)
    now = start + 5 * DAY
    await api.data('campaigns.closePhase', { id, phase: 'voting', reason: '提前结束测试' }, admin)
    const closed = await api.data<CampaignDetail>('campaigns.get', { id }, admin)
    expect(closed.phase).toBe('publicity')
    // Saving the form as shown (with the closed end) is fine; moving that end is not.
    const asShown = { votingEndsAt: closed.votingEndsAt }
    expect((await edit(id, start, asShown)).body.ok).toBe(true)
    expect((await edit(id, start, { votingEndsAt: iso(start + 6 * DAY) })).status).toBe(409)
  })
})
