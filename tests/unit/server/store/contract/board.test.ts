// Store contract: the red and black list (Store.board), on both adapters.
import { afterEach, describe, expect, it } from 'vitest'
import { loadBoard } from '../../../../../server/store/cloud/board'
import { loadPeople } from '../../../../../server/store/cloud/people'
import {
  type AppealRecord,
  type BoardEntryRecord,
  type InspectionRecord,
  type Keyset,
  type RoundRecord,
  type Snapshot,
  type Store,
  UniqueViolation,
} from '../../../../../server/store/store'
import { buildTestTown, DAY, NOW, who } from '../../../../helpers/factories'
import {
  createCloudTestStore,
  openStore,
  type StoreKind,
  storeKinds,
} from '../../../../helpers/store-adapters'

/**
 * A store with the snapshot's people and board. The cloud one loads only those two areas: on
 * this branch the other areas' snapshot loaders are not built yet.
 */
async function boardStore(kind: StoreKind, s: Snapshot): Promise<Store> {
  if (kind === 'sqlite') return openStore(kind, s)
  const { store, double } = createCloudTestStore()
  const db = double.cloud.database({ throwOnNotFound: false })
  await loadPeople(db, s)
  await loadBoard(db, s)
  return store
}

const admin = `u-${who.admin}`
type NewInspection = Omit<InspectionRecord, 'version' | 'reason'>

const inspection = (householdId: string, total: number, extra: Partial<NewInspection> = {}) => ({
  id: `ins-${householdId}-${total}-${Math.random().toString(36).slice(2)}`,
  roundId: 'r-open',
  householdId,
  inspectorId: admin,
  total,
  createdAt: NOW,
  deductedItems: total < 100 ? 1 : 0,
  items: [
    { criterionId: 'crit-b', points: Math.max(0, total - 60), deductions: 1, note: '' },
    { criterionId: 'crit-a', points: Math.min(total, 60), note: '' },
  ],
  ...extra,
})

const entry = (list: BoardEntryRecord['list'], householdId: string, position: number) => ({
  roundId: 'r-open',
  list,
  householdId,
  position,
  unitKey: 'town',
  unitName: '全镇',
  rank: position + 1,
  score: 90 - position,
  deductedItems: 1,
  previousScore: null,
  rectifiedAt: list === 'black' ? NOW : null,
})

const appeal = (id: string, householdId = 'hh-a3'): AppealRecord => ({
  id,
  roundId: 'r-pub',
  householdId,
  userId: `u-${who.residentA}`,
  text: '复查一下',
  photos: [{ url: 'https://x/p.jpg', takenAt: NOW }],
  status: 'pending',
  scoreBefore: 50,
  scoreAfter: null,
  inspectionId: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  createdAt: NOW,
})

describe.each(storeKinds)('Store.board (%s)', (kind) => {
  let store: Store
  const open = async (s: Snapshot = buildTestTown()) => (store = await boardStore(kind, s))
  afterEach(async () => store?.close())

  it('adds versions and keeps the latest as current', async () => {
    await open()
    const v2 = await store.board.addInspection(inspection('hh-a1', 88))
    expect(v2).toMatchObject({ version: 2, reason: 'reinspect', total: 88, deductedItems: 1 })
    expect(v2.inspectorName).toBe(`昵称-${who.admin}`)
    expect(v2.items.map((i) => i.criterionId)).toEqual(['crit-a', 'crit-b'])
    expect(v2.items[1]).toMatchObject({ deductions: 1 })
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
    expect(items.find((i) => i.householdId === 'hh-a1' && i.criterionId === 'crit-b')?.points).toBe(
      28,
    )
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

  it('publishes once and reads the frozen lists back in order', async () => {
    await open()
    const at = { publishedAt: NOW, publicityEndsAt: NOW + 7 * DAY }
    const lines = [entry('red', 'hh-a2', 1), entry('black', 'hh-a3', 0), entry('red', 'hh-a1', 0)]
    expect(await store.board.publish('r-open', at, lines)).toBe(true)
    expect(await store.board.publish('r-open', at, [entry('red', 'hh-b1', 0)])).toBe(false)
    expect(await store.board.round('r-open')).toMatchObject({ status: 'published', ...at })
    const read = await store.board.entries({ roundId: 'r-open' })
    expect(read.map((e) => [e.list, e.householdId])).toEqual([
      ['black', 'hh-a3'],
      ['red', 'hh-a1'],
      ['red', 'hh-a2'],
    ])
    // A fresh publication carries no 已整改 mark, whatever the lines say.
    expect(read[0]).toMatchObject({ rectifiedAt: null, headName: '王芳', villageName: '甲村' })
    expect(
      await store.board.entries({ roundId: 'r-open', list: 'red', villageId: 'vil-b' }),
    ).toEqual([])
    expect(
      (await store.board.entries({ roundId: 'r-open', householdId: 'hh-a2' })).map((e) => e.rank),
    ).toEqual([2])
    expect(await store.board.publish('r-missing', at, [])).toBe(false)
  })

  it('keeps one pending appeal per household and round until it is decided', async () => {
    await open()
    await store.board.createAppeal(appeal('ap-1'))
    await expect(store.board.createAppeal(appeal('ap-2'))).rejects.toBeInstanceOf(UniqueViolation)
    await store.board.createAppeal(appeal('ap-3', 'hh-a4'))
    const decision = { by: admin, at: NOW + 1, reason: '证据不足' }
    expect(await store.board.rejectAppeal('ap-1', decision)).toBe(true)
    expect(await store.board.rejectAppeal('ap-1', decision)).toBe(false)
    await store.board.createAppeal({ ...appeal('ap-2'), createdAt: NOW + 2 })
    expect(await store.board.appeal('ap-1')).toMatchObject({
      status: 'rejected',
      reason: '证据不足',
      appellantName: `昵称-${who.residentA}`,
      roundTitle: '2026年10月人居环境红黑榜',
      household: { id: 'hh-a3', villageName: '甲村' },
    })
    const pending = await store.board.appeals({ gridIds: null, status: 'pending', limit: 1 })
    expect(pending.items.map((a) => a.id)).toEqual(['ap-3'])
    const rest = await store.board.appeals({
      gridIds: null,
      status: 'pending',
      after: pending.next ?? undefined,
      limit: 5,
    })
    expect(rest).toEqual({ items: [expect.objectContaining({ id: 'ap-2' })], next: null })
    const decided = await store.board.appeals({
      gridIds: ['vil-a-grid'],
      status: 'decided',
      limit: 5,
    })
    expect(decided.items.map((a) => a.id)).toEqual(['ap-1'])
    expect((await store.board.appeals({ gridIds: ['vil-b-grid'], limit: 5 })).items).toEqual([])
  })

  it('decides an appeal by a re-inspection that rewrites the lists and keeps 已整改', async () => {
    await open()
    const black = (await store.board.entries({ roundId: 'r-pub', list: 'black' })).map(
      (e) => e.householdId,
    )
    expect(black).toContain('hh-a3')
    expect(await store.board.markRectified('r-pub', 'hh-a4', NOW)).toBe(true)
    expect(await store.board.markRectified('r-pub', 'hh-a4', NOW)).toBe(false)
    expect(await store.board.markRectified('r-pub', 'hh-a1', NOW)).toBe(false)
    await store.board.createAppeal(appeal('ap-1'))
    const frozen = await store.board.entries({ roundId: 'r-pub' })
    const rewritten = frozen
      .filter((e) => e.householdId !== 'hh-a3')
      .map(({ roundId, list, householdId, position, unitKey, unitName, rank, score }) => ({
        ...{ roundId, list, householdId, position, unitKey, unitName, rank, score },
        ...{ deductedItems: 0, previousScore: null, rectifiedAt: null },
      }))
    const saved = await store.board.reinspectAppeal(
      'ap-1',
      { ...inspection('hh-a3', 75), roundId: 'r-pub' },
      { by: admin, at: NOW + 5 },
      rewritten,
    )
    expect(saved).toMatchObject({ version: 2, reason: 'appeal', total: 75 })
    const after = await store.board.entries({ roundId: 'r-pub' })
    expect(after.map((e) => e.householdId)).not.toContain('hh-a3')
    expect(after.find((e) => e.householdId === 'hh-a4')?.rectifiedAt).toBe(NOW)
    expect(await store.board.appeal('ap-1')).toMatchObject({
      status: 'reinspected',
      scoreAfter: 75,
      inspectionId: saved?.id,
      decidedAt: NOW + 5,
    })
    const again = { ...inspection('hh-a3', 99), roundId: 'r-pub' }
    expect(await store.board.reinspectAppeal('ap-1', again, { by: admin, at: NOW }, null)).toBe(
      null,
    )
    expect(await store.board.inspections('r-pub', 'hh-a3')).toHaveLength(2)
    await store.board.createAppeal(appeal('ap-2'))
    const history = await store.board.history('hh-a4', { limit: 5 })
    expect(history.items).toMatchObject([{ roundId: 'r-pub', list: 'black', rectified: true }])
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
