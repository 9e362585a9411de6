import { describe, expect, it } from 'vitest'
import { phaseAt } from '../../../server/campaigns/campaigns.rules'
import { buildDemoTownship } from '../../../server/seed/build-township'
import { DEMO_ACCOUNTS } from '../../../server/seed/demo-accounts'
import { createSqliteStore } from '../../../server/store/sqlite/sqlite-store'
import { NOW } from '../../helpers/factories'

describe('demo township seed', () => {
  const town = buildDemoTownship(NOW)

  it('has at least 5 villages with groups and grids, and at least 300 households', () => {
    expect(town.villages.length).toBeGreaterThanOrEqual(5)
    for (const v of town.villages) {
      expect(town.groups.some((g) => g.villageId === v.id)).toBe(true)
      expect(town.grids.some((g) => g.villageId === v.id)).toBe(true)
      expect(town.gridWorkers.some((w) => w.gridId.startsWith(v.id))).toBe(true)
    }
    expect(town.households.length).toBeGreaterThanOrEqual(300)
  })

  it('has the eight standard columns and notices in each', () => {
    expect(town.columns.map((c) => c.name)).toEqual([
      '党的二十大精神',
      '中央一号文件',
      '全国两会',
      '村务公开',
      '通知公告',
      '人居环境',
      '文明实践',
      '扫黄打非',
    ])
    for (const c of town.columns) expect(town.notices.some((n) => n.columnId === c.id)).toBe(true)
  })

  it('has one campaign in each phase at the seeding moment', () => {
    const phases = town.campaigns.map((c) => phaseAt(c, NOW).phase).sort()
    expect(phases).toEqual(['nomination', 'publicity', 'review', 'voting'])
  })

  it('shows 评选 at work: candidates with photos and votes, results, a nomination to review', () => {
    const inPhase = (phase: string) => town.campaigns.find((c) => phaseAt(c, NOW).phase === phase)
    const voting = inPhase('voting')
    const candidates = town.nominations.filter(
      (n) => n.campaignId === voting?.id && n.status === 'approved',
    )
    expect(candidates.length).toBeGreaterThanOrEqual(3)
    for (const c of candidates) expect(c.photos?.length).toBeGreaterThan(0)
    expect(town.votes.some((v) => v.campaignId === voting?.id)).toBe(true)
    expect(town.votes.some((v) => v.campaignId === inPhase('publicity')?.id)).toBe(true)
    // A pending nomination in 柳家村 for demo grid worker 李红梅 to review.
    const grids = town.gridWorkers
      .filter((w) => w.userId === 'usr-demo-grid-1')
      .map((w) => w.gridId)
    const pending = town.nominations.filter((n) => {
      const h = town.households.find((x) => x.id === n.householdId)
      return n.status === 'pending' && h !== undefined && grids.includes(h.gridId)
    })
    expect(pending.length).toBeGreaterThan(0)
  })

  it('has a rubric summing to 100 and published rounds with inspections', () => {
    expect(town.criteria.reduce((sum, c) => sum + c.maxPoints, 0)).toBe(100)
    const published = town.rounds.filter((r) => r.status === 'published')
    expect(published.length).toBeGreaterThanOrEqual(1)
    for (const r of published) {
      const inspected = new Set(
        town.inspections.filter((i) => i.roundId === r.id).map((i) => i.householdId),
      )
      expect(inspected.size).toBe(town.households.length)
    }
  })

  it("shows the board: 柳家村's black list last month, one 已整改, one appeal waiting", () => {
    const last = town.rounds.filter((r) => r.status === 'published').at(-1)
    expect(last?.publishedAt).toBeLessThan(NOW)
    expect(last?.publicityEndsAt).toBeGreaterThan(NOW)
    const black = (town.boardEntries ?? []).filter(
      (e) => e.roundId === last?.id && e.list === 'black' && e.householdId.startsWith('hh-01-'),
    )
    expect(black.length).toBeGreaterThanOrEqual(3)
    expect(black.filter((e) => e.rectifiedAt !== null)).toHaveLength(1)
    const resident = town.bindings.find((b) => b.userId === 'usr-demo-resident-1')
    expect(black.some((e) => e.householdId === resident?.householdId)).toBe(true)
    expect(town.appeals).toMatchObject([
      { householdId: resident?.householdId, status: 'pending', roundId: last?.id },
    ])
    expect(town.rounds.find((r) => r.status === 'open')).toBeDefined()
    expect(
      town.inspections.some((i) => i.roundId === town.rounds.find((r) => r.status === 'open')?.id),
    ).toBe(true)
  })

  it('binds every demo resident, and no demo visitor', () => {
    for (const account of DEMO_ACCOUNTS) {
      const bound = town.bindings.some((b) => b.userId === `usr-${account.openid}`)
      expect(bound).toBe(account.role === 'resident')
    }
  })

  it('is deterministic and loads into a fresh database', async () => {
    expect(buildDemoTownship(NOW)).toEqual(town)
    const store = createSqliteStore(':memory:')
    await store.importSnapshot(town)
    expect((await store.places.villages()).length).toBe(town.villages.length)
    await store.close()
  })
})
