// Issue 20: on the cloud database every call a villager, grid worker or admin makes costs the
// same number of requests whatever the town's size. The demo township (335 households) and a
// town of 3,000 (the demo plus 18 villages, 150 households each but the last) are seeded straight into the
// CloudBase emulator; each call then runs through the Router on the real wx-server-sdk, and its
// cost is the number of HTTP requests the SDK sent to the emulator (tests/helpers/county-town.ts).
// Measured on a warm instance (places read once, as a function instance keeps them).
import { beforeAll, describe, expect, it } from 'vitest'
import type { ActionName } from '../../../contract'
import {
  COUNTY_CALLERS,
  type CountyCall,
  type CountyTown,
  countyCalls,
  measure,
  openCountyTown,
  warm,
} from '../../helpers/county-town'
import { TEST_NOW } from '../../helpers/test-clock'

/** Issue 20's budgets (requests per call, identify included). */
const budgets: Partial<Record<ActionName, number>> = {
  'me.get': 6,
  'notices.list': 6,
  'notices.get': 6,
  'campaigns.list': 6,
  'campaigns.get': 6,
  'campaigns.candidates': 6,
  'campaigns.vote': 10,
  'households.list': 10,
  'villages.list': 8,
  'places.tree': 8,
  'filing.table': 8,
}

/** The demo township as it is (335 households), and a town of 3,000. */
const SIZES = [335, 3_000] as const

describe('cloud requests per call at 335 and 3,000 households', () => {
  const costs = new Map<number, Map<ActionName, number>>()
  const towns = new Map<number, CountyTown>()

  beforeAll(async () => {
    for (const households of SIZES) {
      const town = await openCountyTown(households, TEST_NOW)
      expect(town.snapshot.households).toHaveLength(households)
      await warm(town)
      towns.set(households, town)
      const byAction = new Map<ActionName, number>()
      const calls: CountyCall[] = (await countyCalls(town)).filter((c) => !c.board)
      for (const c of calls) {
        const cost = await measure(town, c.action, c.input, COUNTY_CALLERS[c.as], c.key)
        expect(cost.envelope, `${c.action} at ${households}`).toMatchObject({ ok: true })
        byAction.set(c.action, cost.requests)
      }
      costs.set(households, byAction)
    }
  }, 300_000)

  const cost = (households: number, action: ActionName) => {
    const n = costs.get(households)?.get(action)
    if (n === undefined) throw new Error(`${action} was not measured at ${households}`)
    return n
  }

  it.each(Object.entries(budgets))('%s stays within its budget of %i at both sizes', (a, b) => {
    const action = a as ActionName
    for (const households of SIZES) expect(cost(households, action)).toBeLessThanOrEqual(b)
  })

  it.each(Object.keys(budgets))('%s costs the same at 3,000 households as at 335 (± 2)', (a) => {
    const action = a as ActionName
    expect(Math.abs(cost(3_000, action) - cost(335, action))).toBeLessThanOrEqual(2)
  })

  // villages.list reads nothing but the places, which a warm instance keeps: on an existing user
  // it costs exactly what identify does. The visitor is signed in but bound to no household.
  it.each([
    ['a bound villager', COUNTY_CALLERS.villager],
    ['a visitor', 'demo-visitor'],
    ['a grid worker', COUNTY_CALLERS.gridWorker],
    ['an admin', COUNTY_CALLERS.admin],
  ])('identifies %s in one request at both sizes', async (_who, openid) => {
    for (const households of SIZES) {
      const town = towns.get(households)
      if (!town) throw new Error(`no town of ${households}`)
      const cost = await measure(town, 'villages.list', {}, openid)
      expect(cost.envelope).toMatchObject({ ok: true })
      expect(cost.actions).toEqual({ 'database.aggregateDocuments': 1 })
    }
  })

  it('reads nothing for a caller without an identity', async () => {
    const town = towns.get(3_000)
    if (!town) throw new Error('no town of 3,000')
    expect((await measure(town, 'villages.list', {}, null)).requests).toBe(0)
  })

  it('counts households on the village documents: villages.list shows the seeded counts', async () => {
    const town = await openCountyTown(3_000, TEST_NOW)
    const answer = await town.router.handle({ action: 'villages.list', input: {}, openid: null })
    if (!answer.ok) throw new Error(answer.error.message)
    const villages = answer.data as { name: string; householdCount: number }[]
    // 2,665 households beyond the demo's 335: 17 villages of 150 and one of 115.
    const extra = villages.filter((v) => v.name.startsWith('县域'))
    expect(extra.map((v) => v.householdCount)).toEqual([...Array<number>(17).fill(150), 115])
    expect(villages.reduce((sum, v) => sum + v.householdCount, 0)).toBe(3_000)
  }, 120_000)
})

// Issue 20, point 3: writes that could touch many documents read only what they name. A rubric
// change writes a new version (its criteria, the newest version); closing a campaign's voting
// early writes its closure and the campaign (the announcement goes out later, in chunks, from
// system.tick). Neither reads households, so a town of 3,000 costs what the demo's 335 cost.
describe('a rubric change and a campaign close cost the same at 335 and 3,000 households', () => {
  const writeCosts = new Map<number, Record<string, number>>()
  beforeAll(async () => {
    for (const households of SIZES) {
      const town = await openCountyTown(households, TEST_NOW)
      await warm(town)
      const admin = COUNTY_CALLERS.admin
      const criteria = [
        { category: '庭院', name: '院内整洁', maxPoints: 60, deductionPerItem: 5, hint: '' },
        { category: '门前', name: '门前三包', maxPoints: 40, deductionPerItem: 0, hint: '' },
      ]
      const rubric = await measure(
        town,
        'rubrics.save',
        { name: '县域评分标准', criteria },
        admin,
        `rubric-${households}`,
      )
      expect(rubric.envelope, `rubrics.save at ${households}`).toMatchObject({ ok: true })
      const voting = town.snapshot.campaigns.find(
        (c) => c.votingStartsAt <= TEST_NOW && TEST_NOW < c.votingEndsAt,
      )
      if (!voting) throw new Error('no campaign in its voting phase')
      const close = await measure(
        town,
        'campaigns.closePhase',
        { id: voting.id, phase: 'voting', reason: '县域测试提前结束投票' },
        admin,
        `close-${households}`,
      )
      expect(close.envelope, `campaigns.closePhase at ${households}`).toMatchObject({ ok: true })
      process.stdout.write(
        `${households} households: rubrics.save ${rubric.requests}, campaigns.closePhase ${close.requests} requests\n`,
      )
      writeCosts.set(households, {
        'rubrics.save': rubric.requests,
        'campaigns.closePhase': close.requests,
      })
    }
  }, 300_000)

  it.each(['rubrics.save', 'campaigns.closePhase'])('%s costs the same ± 2', (action) => {
    const small = writeCosts.get(SIZES[0])?.[action]
    const large = writeCosts.get(SIZES[1])?.[action]
    expect(small).toBeGreaterThan(0)
    expect(Math.abs((large ?? Infinity) - (small ?? 0))).toBeLessThanOrEqual(2)
    // Two criteria, the newest version, the rubric, the audit and the idempotency key; the
    // closure, the campaign, its detail: a few tens at most, never a read per household.
    expect(large).toBeLessThan(40)
  })
})
