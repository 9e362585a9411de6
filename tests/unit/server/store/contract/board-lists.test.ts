// Store contract: the red and black list (Store.board), on both adapters: frozen lists and appeals.
import { afterEach, describe, expect, it } from 'vitest'
import { type Snapshot, type Store, UniqueViolation } from '../../../../../server/store/store'
import { rewriteLists } from '../../../../../server/store/cloud/board-rounds'
import { RETIRED_KEEP_MS } from '../../../../../server/store/cloud/board-docs'
import type { CloudDb, Transaction } from '../../../../../server/store/cloud/sdk'
import { buildTestTown, DAY, NOW, who } from '../../../../helpers/factories'
import { storeKinds } from '../../../../helpers/store-adapters'
import type { EmulatedEnvironment } from '../../../../emulator/harness'
import { admin, appeal, boardStore, entry, inspection } from './board-fixtures'

describe.each(storeKinds)('Store.board lists (%s)', (kind) => {
  let store: Store
  let cloud: EmulatedEnvironment | null = null
  const open = async (s: Snapshot = buildTestTown()) =>
    ({ store, cloud } = await boardStore(kind, s))
  afterEach(async () => store?.close())

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

  it('lets exactly one of two concurrent publications land, with its own lines only', async () => {
    await open()
    const at = { publishedAt: NOW, publicityEndsAt: NOW + 7 * DAY }
    const results = await Promise.all([
      store.board.publish('r-open', at, [entry('red', 'hh-a1', 0)]),
      store.board.publish('r-open', at, [entry('red', 'hh-a2', 0), entry('black', 'hh-a3', 0)]),
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
    const read = (await store.board.entries({ roundId: 'r-open' })).map((e) => e.householdId)
    expect(read).toEqual(results[0] ? ['hh-a1'] : ['hh-a3', 'hh-a2'])
    // On the cloud database the losing generation's documents are gone again.
    const generations = (cloud?.dump('board_entries') ?? [])
      .filter((d) => d.roundId === 'r-open')
      .map((d) => d.generation)
    expect(new Set(generations).size).toBe(cloud ? 1 : 0)
  })

  it('keeps exactly one of concurrent appeals of a household pending', async () => {
    await open()
    const results = await Promise.allSettled(
      ['ap-1', 'ap-2', 'ap-3', 'ap-4'].map((id) => store.board.createAppeal(appeal(id))),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(refused.every((e) => e instanceof UniqueViolation)).toBe(true)
    const pending = await store.board.appeals({ gridIds: null, status: 'pending', limit: 10 })
    expect(pending.items).toHaveLength(1)
  })
})

describe('the cloud lists rewrite', () => {
  it('copies a 已整改 mark that lands while it writes the new generation', async () => {
    const { store, cloud } = await boardStore('cloud', buildTestTown())
    const db = (cloud as EmulatedEnvironment).db
    const frozen = await store.board.entries({ roundId: 'r-pub' })
    const lines = frozen.map((e) => ({ ...e, rectifiedAt: null }))
    // The mark lands between the rewrite's copy of the marks and its flipping transaction.
    let raced = false
    const racing: CloudDb = Object.assign(Object.create(db) as CloudDb, {
      runTransaction: async <T>(run: (tx: Transaction) => Promise<T>) => {
        if (!raced) {
          raced = true
          expect(await store.board.markRectified('r-pub', 'hh-a4', NOW)).toBe(true)
        }
        return db.runTransaction(run)
      },
    })
    expect(await rewriteLists(racing, 'r-pub', lines, async () => ({ flip: 'done' }))).toBe('done')
    const after = await store.board.entries({ roundId: 'r-pub', list: 'black' })
    expect(after.find((e) => e.householdId === 'hh-a4')?.rectifiedAt).toBe(NOW)
    // The replaced generation stays for readers that read the round just before the flip, and
    // the timer removes it once RETIRED_KEEP_MS have passed (not a moment sooner).
    const generations = () => new Set(cloud?.dump('board_entries').map((d) => d.generation))
    expect(generations().size).toBe(2)
    expect(await store.board.dropRetired(Date.now() + RETIRED_KEEP_MS - 60_000)).toBe(0)
    expect(generations().size).toBe(2)
    expect(await store.board.dropRetired(Date.now() + RETIRED_KEEP_MS + 60_000)).toBe(1)
    expect(generations().size).toBe(1)
    expect((await store.board.entries({ roundId: 'r-pub', list: 'black' })).length).toBe(
      after.length,
    )
    await store.close()
  })
})
