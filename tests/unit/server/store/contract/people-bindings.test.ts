// Store contract: bindings, the roster import and reach, the same on every adapter.
import { afterEach, describe, expect, it } from 'vitest'
import type { BindingRecord, RosterPlan, Store } from '../../../../../server/store/store'
import { UniqueViolation } from '../../../../../server/store/store'
import { buildTestTown, DAY, NOW } from '../../../../helpers/factories'
import { createCloudStore } from '../../../../../server/store/cloud/cloud-store'
import { loadPeople } from '../../../../../server/store/cloud/people'
import type { CloudDb } from '../../../../../server/store/cloud/sdk'
import { createCloudTestStore, storeKinds } from '../../../../helpers/store-adapters'
import { openTown } from './people-fixtures'

const request = (id: string, userId: string, householdId: string, at = NOW): BindingRecord => ({
  id,
  userId,
  householdId,
  relation: 'member',
  status: 'pending',
  createdAt: at,
  decidedBy: null,
  decidedAt: null,
  reason: null,
})
const by = { by: 'u-t-grid-a', at: NOW, reason: null }

const household = (id: string, houseNo: string, villageId = 'vil-c', groupId = 'grp-c') => ({
  id,
  villageId,
  groupId,
  gridId: villageId === 'vil-c' ? 'grid-c' : `${villageId}-grid`,
  headName: `户主${id}`,
  houseNo,
  size: 2,
  phone: null,
  showNameOnRed: false,
  createdAt: NOW,
})

function rosterPlan(): RosterPlan {
  return {
    villages: [{ id: 'vil-c', name: '丙村', code: null, sort: 2, archivedAt: null }],
    groups: [{ id: 'grp-c', villageId: 'vil-c', name: '一组', sort: 0 }],
    grids: [{ id: 'grid-c', villageId: 'vil-c', name: '丙村网格' }],
    create: [
      ...Array.from({ length: 45 }, (_, i) => household(`hh-c${i}`, `南街${i}号`)),
      household('hh-a5', '东街5号', 'vil-a', 'vil-a-g1'),
    ],
    update: [{ id: 'hh-a2', headName: '李二强', size: 5, phone: null, groupId: 'vil-a-g1' }],
  }
}

describe.each(storeKinds)('people store: bindings, roster, reach (%s)', (kind) => {
  let store: Store
  afterEach(async () => store?.close())

  it('keeps one open binding per user, also when requests race', async () => {
    store = await openTown(kind)
    const results = await Promise.allSettled(
      ['hh-a2', 'hh-a3', 'hh-b2'].map((h, i) =>
        store.bindings.create(request(`b-race-${i}`, 'u-t-visitor', h)),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(UniqueViolation)
    const open = await store.bindings.openRequest('u-t-visitor')
    expect(open).toMatchObject({
      userId: 'u-t-visitor',
      status: 'pending',
      nickname: '昵称-t-visitor',
    })
    // Cancelled, the request frees the way for a new one, which can be approved.
    expect(await store.bindings.transition(open!.id, 'pending', 'cancelled', by)).toBe(true)
    expect(await store.bindings.transition(open!.id, 'pending', 'cancelled', by)).toBe(false)
    await store.bindings.create(request('b-next', 'u-t-visitor', 'hh-a4', NOW + 1))
    expect(await store.bindings.transition('b-next', 'pending', 'approved', by)).toBe(true)
    expect(await store.places.approvedBinding('u-t-visitor')).toMatchObject({ id: 'b-next' })
    expect(await store.bindings.openRequest('u-t-visitor')).toBeNull()
    await expect(
      store.bindings.create({ ...request('b-2nd', 'u-t-visitor', 'hh-a3'), status: 'approved' }),
    ).rejects.toThrow(UniqueViolation)
    // Unbound, the user may bind again.
    expect(await store.bindings.transition('b-next', 'approved', 'unbound', by)).toBe(true)
    await store.bindings.create({ ...request('b-3rd', 'u-t-visitor', 'hh-a3'), status: 'approved' })
    expect((await store.households.members('hh-a3')).map((m) => m.userId)).toEqual(['u-t-visitor'])
  })

  it('refuses to approve a request while the user is bound elsewhere', async () => {
    store = await openTown(kind)
    await store.bindings.create(request('b-y', 'u-t-visitor', 'hh-a2'))
    expect(await store.bindings.transition('b-y', 'pending', 'rejected', by)).toBe(true)
    expect(await store.bindings.openRequest('u-t-visitor')).toMatchObject({ status: 'rejected' })
    await store.bindings.create({
      ...request('b-z', 'u-t-visitor', 'hh-b2', NOW + 1),
      status: 'approved',
    })
    await expect(store.bindings.transition('b-y', 'rejected', 'approved', by)).rejects.toThrow(
      UniqueViolation,
    )
    expect((await store.bindings.get('b-y'))?.status).toBe('rejected')
    expect(await store.bindings.get('nope')).toBeNull()
  })

  // SQLite has two partial unique indexes (one pending, one approved binding per user); the
  // cloud adapter keeps one claim for both, so a bound user's request is refused there too.
  // The service never asks for it (a bound caller cannot request), only a race could.
  it.runIf(kind === 'cloud')(
    'refuses a request from a user bound by an imported binding',
    async () => {
      store = await openTown(kind)
      await expect(store.bindings.create(request('b-x', 'u-t-res-a', 'hh-a2'))).rejects.toThrow(
        UniqueViolation,
      )
    },
  )

  it('lists pending requests oldest first, in the caller’s grids, page by page', async () => {
    store = await openTown(kind)
    const users = ['u-t-visitor', 'u-t-admin', 'u-t-grid-a', 'u-t-grid-b']
    const homes = ['hh-a2', 'hh-b2', 'hh-a3', 'hh-a4']
    for (const [i, u] of users.entries())
      await store.bindings.create(request(`b-p${i}`, u, homes[i]!, NOW - i))
    const first = await store.bindings.pending({ gridIds: ['vil-a-grid'], limit: 2 })
    expect(first.items.map((b) => b.id)).toEqual(['b-p3', 'b-p2'])
    expect(first.items[0]?.household).toMatchObject({ id: 'hh-a4', villageName: '甲村' })
    const rest = await store.bindings.pending({
      gridIds: ['vil-a-grid'],
      after: first.next ?? undefined,
      limit: 2,
    })
    expect(rest).toMatchObject({ items: [{ id: 'b-p0' }], next: null })
    const every = await store.bindings.pending({ gridIds: null, limit: 10 })
    expect(every.items.map((b) => b.id)).toEqual(['b-p3', 'b-p2', 'b-p1', 'b-p0'])
  })

  it('applies a roster plan and lists the roster in village, group and 门牌号 order', async () => {
    store = await openTown(kind)
    await store.roster.apply(rosterPlan())
    const entries = await store.roster.entries()
    expect(entries).toHaveLength(6 + 46)
    expect(entries.slice(0, 5).map((e) => e.houseNo)).toEqual([
      '东街1号',
      '东街2号',
      '东街3号',
      '东街5号',
      '东街10号',
    ])
    expect(entries[1]).toMatchObject({ headName: '李二强', size: 5, phone: null })
    // 南街0号 … 南街44号 in number order: 44 is the last, not 9 as text would have it.
    expect(entries.at(-1)).toMatchObject({
      villageName: '丙村',
      groupName: '一组',
      houseNo: '南街44号',
    })
    expect((await store.roster.entries('vil-b')).map((e) => e.householdId)).toEqual([
      'hh-b1',
      'hh-b2',
    ])
    // A plan made before someone else's import landed is refused as a whole.
    const stale = rosterPlan()
    stale.villages[0]!.id = 'vil-c2'
    await expect(store.roster.apply(stale)).rejects.toThrow(UniqueViolation)
    const clash = { ...rosterPlan(), villages: [], groups: [], grids: [] }
    clash.create = [household('hh-other', '东街5号', 'vil-a', 'vil-a-g1')]
    await expect(store.roster.apply(clash)).rejects.toThrow(UniqueViolation)
    expect(await store.roster.entries()).toHaveLength(52)
  })

  it.runIf(kind === 'cloud')(
    'completes a roster plan when it is applied again after failing part-way',
    async () => {
      const opened = await createCloudTestStore()
      store = opened.store
      const db: CloudDb = opened.cloud.db
      await loadPeople(db, buildTestTown())
      // The first run loses the connection after its first batch of households (20, written
      // in one transaction with their places' counts).
      let transactions = 0
      const flaky: CloudDb = Object.assign(Object.create(db) as CloudDb, {
        runTransaction: ((callback, times) =>
          ++transactions > 1
            ? Promise.reject(new Error('network down'))
            : db.runTransaction(callback, times)) as CloudDb['runTransaction'],
      })
      const plan = rosterPlan()
      await expect(createCloudStore(flaky).roster.apply(plan)).rejects.toThrow('network down')
      expect(await store.roster.entries()).toHaveLength(6 + 20)
      await store.roster.apply(plan)
      await store.roster.apply(plan)
      const entries = await store.roster.entries()
      expect(entries).toHaveLength(52)
      expect(new Set(entries.map((e) => e.householdId)).size).toBe(52)
      expect((await store.places.villages()).map((v) => v.name)).toEqual(['甲村', '乙村', '丙村'])
    },
  )

  it('counts the first read of a household and lists who has not read, by 门牌号', async () => {
    store = await openTown(kind)
    await store.reach.markRead('n-a', 'hh-a2', NOW)
    await store.reach.markRead('n-a', 'hh-a2', NOW + DAY)
    await Promise.all([
      store.reach.markRead('n-a', 'hh-a3', NOW),
      store.reach.markRead('n-a', 'hh-a3', NOW),
    ])
    await store.reach.markRead('n-a', 'hh-b1', NOW)
    const q = { noticeId: 'n-a', villageIds: ['vil-a'], gridIds: null, limit: 1 }
    const first = await store.reach.unreached(q)
    expect(first).toMatchObject({ inScope: 4, reached: 2, items: [{ id: 'hh-a1' }] })
    const rest = await store.reach.unreached({ ...q, after: first.next ?? undefined })
    expect(rest).toMatchObject({ items: [{ id: 'hh-a4', gridName: '甲村网格' }], next: null })
    const town = await store.reach.unreached({ ...q, villageIds: [], limit: 10 })
    expect(town).toMatchObject({ inScope: 6, reached: 3 })
    expect(town.items.map((h) => h.id)).toEqual(['hh-a1', 'hh-a4', 'hh-b2'])
    const grid = await store.reach.unreached({ ...q, villageIds: [], gridIds: ['vil-b-grid'] })
    expect(grid).toMatchObject({ inScope: 2, reached: 1, items: [{ id: 'hh-b2' }], next: null })
    expect(await store.reach.unreached({ ...q, gridIds: [] })).toMatchObject({
      inScope: 0,
      reached: 0,
      items: [],
    })
  })
})
