// Store contract: the red and black list (Store.board), on both adapters: inspections, rubrics, paging.
import { afterEach, describe, expect, it } from 'vitest'
import {
  type Keyset,
  type RoundRecord,
  type Snapshot,
  type Store,
  UniqueViolation,
} from '../../../../../server/store/store'
import { buildTestTown, DAY, NOW, who } from '../../../../helpers/factories'
import { storeKinds } from '../../../../helpers/store-adapters'
import { boardStore, inspection } from './board-fixtures'

describe.each(storeKinds)('Store.board inspections (%s)', (kind) => {
  let store: Store
  const open = async (s: Snapshot = buildTestTown()) => ({ store } = await boardStore(kind, s))
  afterEach(async () => store?.close())

  it('adds versions and keeps the latest as current', async () => {
    await open()
    const v2 = await store.board.addInspection(inspection('hh-a1', 88))
    expect(v2).toMatchObject({ version: 2, reason: 'reinspect', total: 88, deductedItems: 1 })
    expect(v2.inspectorName).toBe(`昵称-${who.admin}`)
    expect(v2.items.map((i) => i.criterionId)).toEqual(['crit-a', 'crit-b'])
    expect(v2.items[1]).toMatchObject({ points: null, deductions: 2 })
    const first = await store.board.addInspection(inspection('hh-b1', 97))
    expect(first).toMatchObject({ version: 1, reason: 'first', clientId: null, photos: [] })
    const versions = await store.board.inspections('r-open', 'hh-a1')
    expect(versions.map((v) => [v.version, v.total])).toEqual([
      [2, 88],
      [1, 70],
    ])
    const scores = await store.board.scores('r-open')
    expect(scores.map((s) => [s.householdId, s.total]).sort()).toEqual([
      ['hh-a1', 88],
      ['hh-b1', 97],
    ])
    expect(await store.board.scores('r-open', 'vil-b')).toMatchObject([
      { householdId: 'hh-b1', villageName: '乙村', villageSort: 1, showNameOnRed: false },
    ])
    const items = await store.board.roundItems('r-open')
    expect(items.filter((i) => i.householdId === 'hh-a1')).toHaveLength(2)
    // 88: 垃圾 at 30 of 40 (two problems), 庭院 given 58 of 60.
    expect(
      items.find((i) => i.householdId === 'hh-a1' && i.criterionId === 'crit-b'),
    ).toMatchObject({ points: null, deductions: 2 })
    expect(
      items.find((i) => i.householdId === 'hh-a1' && i.criterionId === 'crit-a'),
    ).toMatchObject({ points: 58, deductions: 0 })
  })

  it('refuses a clientId used before and finds the inspection by it', async () => {
    await open()
    const saved = await store.board.addInspection(inspection('hh-a2', 80, { clientId: 'c-1' }))
    await expect(
      store.board.addInspection(inspection('hh-a3', 81, { clientId: 'c-1' })),
    ).rejects.toBeInstanceOf(UniqueViolation)
    expect((await store.board.byClientId('c-1'))?.id).toBe(saved.id)
    expect(await store.board.byClientId('c-2')).toBeNull()
    expect(await store.board.inspections('r-open', 'hh-a3')).toEqual([])
  })

  it('numbers concurrent versions of one household 1..10 without gaps', async () => {
    await open()
    const saved = await Promise.all(
      Array.from({ length: 10 }, (_, n) => store.board.addInspection(inspection('hh-a2', 50 + n))),
    )
    expect(saved.map((s) => s.version).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
    const versions = await store.board.inspections('r-open', 'hh-a2')
    expect(versions.map((v) => v.version)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    const latest = saved.find((s) => s.version === 10)
    const score = (await store.board.scores('r-open')).find((s) => s.householdId === 'hh-a2')
    expect(score?.total).toBe(latest?.total)
  })

  it('assigns rubric versions once under concurrent saves', async () => {
    await open()
    const saved = await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        store.board.saveRubric(
          { id: `rub-${n}`, name: `标准${n}`, createdAt: NOW },
          [
            { ...{ id: `crit-${n}-2`, category: 'c', name: '二', maxPoints: 50 }, sort: 2 },
            { ...{ id: `crit-${n}-1`, category: 'c', name: '一', maxPoints: 50 }, sort: 1 },
          ].map((c) => ({ ...c, deductionPerItem: 5, hint: '' })),
        ),
      ),
    )
    expect(saved.map((r) => r.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7])
    expect(saved[0]?.criteria.map((c) => c.name)).toEqual(['一', '二'])
    expect((await store.board.currentRubric())?.version).toBe(7)
    const page = await store.board.rubrics({ limit: 4 })
    expect(page.items.map((r) => r.version)).toEqual([7, 6, 5, 4])
    const rest = await store.board.rubrics({ after: page.next ?? undefined, limit: 4 })
    expect(rest.items.map((r) => r.version)).toEqual([3, 2, 1])
    expect(rest.next).toBeNull()
    expect((await store.board.rubric('rub-t'))?.criteria.map((c) => c.id)).toEqual([
      'crit-a',
      'crit-b',
    ])
  })

  it('pages past 100 inspectables and rounds; a month has one round', async () => {
    const town = buildTestTown()
    const extra = Array.from({ length: 130 }, (_, n) => ({
      ...(town.households[0] as Snapshot['households'][number]),
      id: `hh-x${String(n).padStart(3, '0')}`,
      houseNo: `北街${String(n).padStart(3, '0')}号`,
    }))
    const base = town.rounds[1] as RoundRecord
    const rounds = Array.from({ length: 110 }, (_, n) => ({
      ...base,
      id: `r-old-${n}`,
      month: `19${String(Math.floor(n / 12)).padStart(2, '0')}-${String((n % 12) + 1).padStart(2, '0')}`,
      windowStart: base.windowStart - (n + 60) * 31 * DAY,
      status: 'published' as const,
    }))
    await open({
      ...town,
      households: [...town.households, ...extra],
      rounds: [...town.rounds, ...rounds],
    })
    await store.board.addInspection(inspection('hh-x005', 90))
    const seen: string[] = []
    let after: Keyset | undefined
    let last = { total: 0, doneCount: 0 }
    do {
      const page = await store.board.inspectables({
        roundId: 'r-open',
        gridIds: ['vil-a-grid'],
        after,
        limit: 40,
      })
      seen.push(...page.items.map((r) => r.householdId))
      last = page
      after = page.next ?? undefined
    } while (after)
    expect(seen).toHaveLength(134)
    expect(new Set(seen).size).toBe(134)
    expect(last).toMatchObject({ total: 134, doneCount: 2 })
    const done = await store.board.inspectables({
      roundId: 'r-open',
      gridIds: null,
      done: true,
      limit: 10,
    })
    expect(done.items.map((r) => [r.householdId, r.version])).toEqual([
      ['hh-a1', 1],
      ['hh-x005', 1],
    ])
    const found = await store.board.inspectables({
      roundId: 'r-open',
      gridIds: null,
      keyword: '北街00',
      limit: 50,
    })
    expect(found.items).toHaveLength(10)
    expect(found.groups).toEqual([
      { id: 'vil-a-g1', name: '一组', villageName: '甲村' },
      { id: 'vil-b-g1', name: '一组', villageName: '乙村' },
    ])
    const ids: string[] = []
    after = undefined
    do {
      const page = await store.board.rounds({ publishedOnly: true, after, limit: 30 })
      ids.push(...page.items.map((r) => r.id))
      after = page.next ?? undefined
    } while (after)
    expect(ids).toHaveLength(111)
    expect(ids.slice(0, 3)).toEqual(['r-pub', 'r-old-0', 'r-old-1'])
    expect((await store.board.previousRound('r-open'))?.id).toBe('r-pub')
    expect(await store.board.previousRound('r-old-109')).toBeNull()
    await expect(store.board.createRound({ ...base, id: 'r-dup' })).rejects.toBeInstanceOf(
      UniqueViolation,
    )
  })
})
