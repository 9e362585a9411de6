// Store contract, on both adapters: each village's figures of a round (Board.villageSummary, what
// 各村概况 shows) after every write that changes them, and the names an appeal carries on the
// cloud database (appellant, round title) after the write that changes them.
import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot, Store, VillageTally } from '../../../../../server/store/store'
import type { EmulatedEnvironment } from '../../../../emulator/harness'
import { counted } from '../../../../helpers/cloud-cost'
import { buildTestTown, DAY, NOW, who } from '../../../../helpers/factories'
import { storeKinds } from '../../../../helpers/store-adapters'
import { admin, appeal, boardStore, entry, inspection } from './board-fixtures'

/** The tallies by village, in village order, for comparing. */
const byVillage = (rows: VillageTally[]) =>
  Object.fromEntries(
    [...rows]
      .sort((a, b) => (a.villageId < b.villageId ? -1 : 1))
      .map((r) => [r.villageId, [r.inspected, r.sum, r.red, r.black]]),
  )

describe.each(storeKinds)('Store.board village figures (%s)', (kind) => {
  let store: Store
  let cloud: EmulatedEnvironment | null = null
  const open = async (s: Snapshot = buildTestTown()) =>
    ({ store, cloud } = await boardStore(kind, s))
  afterEach(async () => store?.close())

  it('counts each village of a published round: inspected, their sum, red and black lines', async () => {
    await open()
    // The town's October: 甲村 95, 92, 50, 40; 乙村 98, 55. Red from 90, black under 60.
    expect(byVillage(await store.board.villageSummary('r-pub'))).toEqual({
      'vil-a': [4, 277, 2, 2],
      'vil-b': [2, 153, 1, 1],
    })
    // The round's listsVersion as read with it gives the same figures.
    const round = await store.board.round('r-pub')
    expect(byVillage(await store.board.villageSummary('r-pub', round?.listsVersion))).toEqual({
      'vil-a': [4, 277, 2, 2],
      'vil-b': [2, 153, 1, 1],
    })
    expect(await store.board.villageSummary('r-missing')).toEqual([])
  })

  it('follows inspections, re-inspections, publication and withdrawal of a round', async () => {
    await open()
    // November: 甲村's first household at 70; nothing in 乙村, no lists yet.
    expect(byVillage(await store.board.villageSummary('r-open'))).toEqual({
      'vil-a': [1, 70, 0, 0],
    })
    await store.board.addInspection(inspection('hh-b1', 80))
    // A re-inspection replaces the household's score: one household still, 88 not 70 + 88.
    await store.board.addInspection(inspection('hh-a1', 88))
    expect(byVillage(await store.board.villageSummary('r-open'))).toEqual({
      'vil-a': [1, 88, 0, 0],
      'vil-b': [1, 80, 0, 0],
    })
    const at = { publishedAt: NOW, publicityEndsAt: NOW + 7 * DAY }
    const lines = [
      entry('red', 'hh-a1', 0),
      entry('progress', 'hh-a1', 0),
      entry('black', 'hh-b1', 0),
    ]
    expect(await store.board.publish('r-open', at, lines)).toBe(true)
    // 进步榜 lines are not counted.
    expect(byVillage(await store.board.villageSummary('r-open'))).toEqual({
      'vil-a': [1, 88, 1, 0],
      'vil-b': [1, 80, 0, 1],
    })
    // A rectification re-inspection after publication: the score changes, the lists do not.
    await store.board.addInspection(inspection('hh-b1', 95))
    expect(await store.board.markRectified('r-open', 'hh-b1', NOW + 1)).toBe(true)
    expect(byVillage(await store.board.villageSummary('r-open'))).toEqual({
      'vil-a': [1, 88, 1, 0],
      'vil-b': [1, 95, 0, 1],
    })
    expect(await store.board.withdraw('r-open', NOW)).toBe(true)
    expect(byVillage(await store.board.villageSummary('r-open'))).toEqual({
      'vil-a': [1, 88, 0, 0],
      'vil-b': [1, 95, 0, 0],
    })
  })

  it('follows an appeal decided by a re-inspection that rewrites the lists', async () => {
    await open()
    await store.board.createAppeal(appeal('ap-1'))
    const frozen = await store.board.entries({ roundId: 'r-pub' })
    // 王芳 (hh-a3, 50) is re-inspected at 75 and leaves the black list.
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
    expect(saved?.total).toBe(75)
    expect(byVillage(await store.board.villageSummary('r-pub'))).toEqual({
      'vil-a': [4, 277 - 50 + 75, 2, 1],
      'vil-b': [2, 153, 1, 1],
    })
  })

  it('counts lines stored before they carried their village (cloud)', async () => {
    if (kind !== 'cloud') return
    await open()
    // 王芳's black line (甲村) and 赵四's red line (乙村) as older lines were written.
    const _ = cloud?.db.command
    await cloud?.db
      .collection('board_entries')
      .where({ roundId: 'r-pub', householdId: _?.in(['hh-a3', 'hh-b1']) })
      .update({ data: { villageId: _?.remove() } })
    expect(byVillage(await store.board.villageSummary('r-pub'))).toEqual({
      'vil-a': [4, 277, 2, 2],
      'vil-b': [2, 153, 1, 1],
    })
  })

  it('keeps the key of line ids with imported lists, and none without lists', async () => {
    await open()
    expect(await store.settings.get('board.rowKey')).toMatch(/^[0-9a-f]{64}$/)
    await store.close()
    await open({ ...buildTestTown(), boardEntries: [] })
    expect(await store.settings.get('board.rowKey')).toBeNull()
  })

  it('answers a county-sized round in two grouped reads on the cloud', async () => {
    if (kind !== 'cloud') return
    await open()
    const round = await store.board.round('r-pub')
    const { value, requests } = await counted(() =>
      store.board.villageSummary('r-pub', round?.listsVersion),
    )
    expect(value).toHaveLength(2)
    expect(requests).toBe(2)
  })

  it("shows an appeal with its appellant's current nickname and its round's title", async () => {
    await open()
    await store.board.createAppeal(appeal('ap-1'))
    const stored = () => cloud?.dump('appeals').find((d) => d._id === 'ap-1')
    if (cloud)
      expect(stored()).toMatchObject({
        appellantName: `昵称-${who.residentA}`,
        roundTitle: '2026年10月人居环境红黑榜',
      })
    await store.users.update(`u-${who.residentA}`, { nickname: '王芳的女儿' })
    if (cloud) expect(stored()).toMatchObject({ appellantName: '王芳的女儿' })
    expect(await store.board.appeal('ap-1')).toMatchObject({
      appellantName: '王芳的女儿',
      roundTitle: '2026年10月人居环境红黑榜',
    })
    const page = await store.board.appeals({ gridIds: null, householdId: 'hh-a3', limit: 5 })
    expect(page.items.map((a) => [a.id, a.appellantName])).toEqual([['ap-1', '王芳的女儿']])
    // Another user's new nickname leaves it alone.
    await store.users.update(`u-${who.residentB}`, { nickname: '别人' })
    expect((await store.board.appeal('ap-1'))?.appellantName).toBe('王芳的女儿')
  })

  it('reads appeals stored before they carried the names (cloud)', async () => {
    if (kind !== 'cloud') return
    await open()
    await store.board.createAppeal(appeal('ap-1'))
    await cloud?.db
      .collection('appeals')
      .doc('ap-1')
      .update({
        data: { appellantName: cloud.db.command.remove(), roundTitle: cloud.db.command.remove() },
      })
    expect(await store.board.appeal('ap-1')).toMatchObject({
      appellantName: `昵称-${who.residentA}`,
      roundTitle: '2026年10月人居环境红黑榜',
    })
  })
})
