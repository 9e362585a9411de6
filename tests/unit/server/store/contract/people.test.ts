// Store contract: users, places, households and invites, the same on every adapter.
import { afterEach, describe, expect, it } from 'vitest'
import { compareHouseNo } from '../../../../../server/places/house-order.rules'
import type { Store } from '../../../../../server/store/store'
import { UniqueViolation } from '../../../../../server/store/store'
import { buildTestTown, DAY, NOW } from '../../../../helpers/factories'
import { openStore, storeKinds } from '../../../../helpers/store-adapters'
import { openTown } from './people-fixtures'

describe.each(storeKinds)('people store (%s)', (kind) => {
  let store: Store
  afterEach(async () => store?.close())

  it('creates a user once even when asked twice, or twice at once', async () => {
    store = await openStore(kind)
    const a = await store.users.ensure('wx-1', NOW)
    const b = await store.users.ensure('wx-1', NOW + 1)
    expect(b.id).toBe(a.id)
    const [c, d] = await Promise.all([
      store.users.ensure('wx-2', NOW),
      store.users.ensure('wx-2', NOW),
    ])
    expect(d.id).toBe(c.id)
    expect((await store.users.update(a.id, { nickname: '新名' })).nickname).toBe('新名')
  })

  it('counts session versions per user from 0, one step per end, twice at once twice', async () => {
    store = await openStore(kind)
    const a = await store.users.ensure('wx-1', NOW)
    await store.users.ensure('wx-2', NOW)
    expect(await store.users.sessionVersion('wx-1')).toBe(0)
    expect(await store.users.sessionVersion('nobody')).toBe(0)
    expect(await store.users.endSessions(a.id)).toBe(1)
    await Promise.all([store.users.endSessions(a.id), store.users.endSessions(a.id)])
    expect(await store.users.sessionVersion('wx-1')).toBe(3)
    expect(await store.users.sessionVersion('wx-2')).toBe(0)
  })

  it('searches users by nickname, exact openid or bound head, newest first', async () => {
    store = await openTown(kind)
    const ids = async (keyword: string) =>
      (await store.users.search({ keyword, limit: 20 })).items.map((u) => u.id)
    expect(await ids('t-res-a')).toEqual(['u-t-res-a'])
    expect(await ids('张小')).toEqual(['u-t-res-a'])
    expect(await ids('昵称-t-grid')).toEqual(['u-t-grid-b', 'u-t-grid-a'])
    // Keywords match literally: no wildcards, no regular expressions.
    expect(await ids('.*')).toEqual([])
    expect(await ids('%')).toEqual([])
    const first = await store.users.search({ keyword: '', limit: 4 })
    const rest = await store.users.search({ keyword: '', limit: 4, after: first.next ?? undefined })
    expect([...first.items, ...rest.items].map((u) => u.id)).toEqual(
      ['admin', 'grid-a', 'grid-b', 'res-a', 'res-b', 'visitor'].map((o) => `u-t-${o}`).reverse(),
    )
    expect(rest.next).toBeNull()
    expect(first.items.find((u) => u.id === 'u-t-res-a')?.householdLabel).toBe(
      '甲村 东街1号 · 户主 张小明',
    )
  })

  it('pages 150 matching users newest first without gaps or repeats', async () => {
    const town = buildTestTown()
    for (let i = 0; i < 150; i++)
      town.users.push({
        id: `u-m${String(i).padStart(3, '0')}`,
        openid: `m-${i}`,
        nickname: `村民${i}`,
        staffRole: null,
        createdAt: NOW - (i % 7) * DAY,
      })
    store = await openTown(kind, town)
    const seen: { id: string; createdAt: number }[] = []
    let after: Parameters<Store['users']['search']>[0]['after']
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.users.search({ keyword: '村民', after, limit: 40 })
      seen.push(...page.items)
      if (!page.next) break
      after = page.next
    }
    expect(new Set(seen.map((u) => u.id)).size).toBe(150)
    const sorted = [...seen].sort(
      (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    )
    expect(seen).toEqual(sorted)
  })

  it('lists staff with their grids, and clearing a role removes the grids', async () => {
    store = await openTown(kind)
    const staff = await store.users.staff()
    expect(staff.map((u) => [u.id, u.staffRole])).toEqual([
      ['u-t-admin', 'admin'],
      ['u-t-grid-a', 'gridWorker'],
      ['u-t-grid-b', 'gridWorker'],
    ])
    expect(staff[1]?.grids).toEqual([{ id: 'vil-a-grid', name: '甲村网格', villageName: '甲村' }])
    expect(await store.users.countAdmins()).toBe(1)
    await store.users.setStaffRole('u-t-grid-a', null)
    const view = await store.users.view('u-t-grid-a')
    expect(view).toMatchObject({ staffRole: null, grids: [], householdLabel: null })
    expect(await store.places.gridIds('u-t-grid-a')).toEqual([])
    expect(await store.users.view('nobody')).toBeNull()
  })

  it('counts villages and builds the place tree', async () => {
    store = await openTown(kind)
    await store.places.create('group', { id: 'g-old', villageId: 'vil-a', name: '二组', sort: 1 })
    await store.places.archive('group', 'g-old', NOW)
    expect(await store.places.villages()).toEqual([
      { ...buildTestTown().villages[0], groupCount: 1, householdCount: 4 },
      { ...buildTestTown().villages[1], groupCount: 1, householdCount: 2 },
    ])
    await store.places.archive('village', 'vil-a', NOW)
    const tree = await store.places.tree()
    expect(tree.map((t) => t.village.id)).toEqual(['vil-b', 'vil-a'])
    expect(tree[1]?.groups).toEqual([
      {
        id: 'vil-a-g1',
        villageId: 'vil-a',
        name: '一组',
        sort: 0,
        archivedAt: null,
        householdCount: 4,
      },
      {
        id: 'g-old',
        villageId: 'vil-a',
        name: '二组',
        sort: 1,
        archivedAt: NOW,
        householdCount: 0,
      },
    ])
    expect(tree[1]?.grids).toEqual([
      {
        id: 'vil-a-grid',
        villageId: 'vil-a',
        name: '甲村网格',
        archivedAt: null,
        householdCount: 4,
        workers: [{ id: 'u-t-grid-a', nickname: '昵称-t-grid-a' }],
      },
    ])
    expect(await store.places.get('group', 'g-old')).toEqual({
      id: 'g-old',
      villageId: 'vil-a',
      archived: true,
    })
    expect(await store.places.get('village', 'nope')).toBeNull()
  })

  it('refuses taken place names and village codes', async () => {
    store = await openTown(kind)
    const group = { id: 'g-dup', villageId: 'vil-a', name: '一组', sort: 1 }
    await expect(store.places.create('group', group)).rejects.toThrow(UniqueViolation)
    const grid = { id: 'grid-dup', villageId: 'vil-a', name: '甲村网格' }
    await expect(store.places.create('grid', grid)).rejects.toThrow(UniqueViolation)
    const village = { id: 'vil-c', name: '丙村', code: '990101001901', sort: 2, archivedAt: null }
    await expect(store.places.create('village', village)).rejects.toThrow(UniqueViolation)
    await store.places.create('village', { ...village, code: '990101001903' })
    await expect(store.places.rename('grid', 'vil-b-grid', '乙村网格')).resolves.toBeUndefined()
    await store.places.create('grid', { id: 'g2', villageId: 'vil-b', name: '二网格' })
    await expect(store.places.rename('grid', 'g2', '乙村网格')).rejects.toThrow(UniqueViolation)
    await expect(store.places.rename('village', 'vil-c', '丙村', '990101001902')).rejects.toThrow(
      UniqueViolation,
    )
    // A code given up is free again.
    await store.places.rename('village', 'vil-b', '乙村', null)
    await store.places.rename('village', 'vil-c', '丙村新', '990101001902')
    const names = (await store.places.villages()).map((v) => [v.name, v.code])
    expect(names).toEqual([
      ['甲村', '990101001901'],
      ['乙村', null],
      ['丙村新', '990101001902'],
    ])
  })

  it('identifies a user in one read: approved binding, its household, a grid worker’s grids', async () => {
    const town = buildTestTown()
    const earlier = town.bindings[1]
    if (!earlier) throw new Error('the test town has two bindings')
    // 赵四's user was refused for 钱多多's household before; the visitor waits for approval.
    town.bindings.push(
      { ...earlier, id: 'b-refused', householdId: 'hh-b2', status: 'rejected' },
      {
        ...earlier,
        id: 'b-pending',
        userId: 'u-t-visitor',
        householdId: 'hh-a2',
        status: 'pending',
      },
    )
    store = await openTown(kind, town)
    expect(await store.users.identity('nobody')).toBeNull()
    const resident = await store.users.identity('t-res-b')
    expect(resident?.user).toMatchObject({ id: 'u-t-res-b', openid: 't-res-b', staffRole: null })
    expect(resident?.binding).toMatchObject({ id: 'b-t-res-b', householdId: 'hh-b1' })
    expect(resident?.household).toMatchObject({
      id: 'hh-b1',
      headName: '赵四',
      houseNo: '西街1号',
      villageName: '乙村',
      gridName: '乙村网格',
      groupName: '一组',
    })
    expect([resident?.gridIds, resident?.gridVillageIds]).toEqual([[], []])
    // Every field, as the binding's own read has them.
    const view = await store.bindings.get('b-t-res-b')
    expect(resident?.household).toEqual(view?.household)
    expect(resident?.binding).toEqual({ ...view, nickname: undefined, household: undefined })
    const visitor = await store.users.identity('t-visitor')
    expect([visitor?.binding, visitor?.household]).toEqual([null, null])
    const admin = await store.users.identity('t-admin')
    expect(admin?.user.staffRole).toBe('admin')
    expect(admin?.gridIds).toEqual([])
    await store.places.assignWorker('vil-b-grid', 'u-t-grid-a')
    const worker = await store.users.identity('t-grid-a')
    expect([worker?.gridIds, worker?.gridVillageIds]).toEqual([
      ['vil-a-grid', 'vil-b-grid'],
      ['vil-a', 'vil-b'],
    ])
    await store.places.archive('grid', 'vil-a-grid', NOW)
    const after = await store.users.identity('t-grid-a')
    expect([after?.gridIds, after?.gridVillageIds]).toEqual([['vil-b-grid'], ['vil-b']])
    expect(after?.binding).toBeNull()
  })

  it('assigns a grid worker once and removes them', async () => {
    store = await openTown(kind)
    await store.places.assignWorker('vil-b-grid', 'u-t-grid-a')
    await store.places.assignWorker('vil-b-grid', 'u-t-grid-a')
    expect(await store.places.gridIds('u-t-grid-a')).toEqual(['vil-a-grid', 'vil-b-grid'])
    expect(await store.places.gridVillageIds('u-t-grid-a')).toEqual(['vil-a', 'vil-b'])
    await store.places.archive('grid', 'vil-a-grid', NOW)
    expect(await store.places.gridIds('u-t-grid-a')).toEqual(['vil-b-grid'])
    await store.places.removeWorker('vil-b-grid', 'u-t-grid-a')
    await store.places.removeWorker('vil-b-grid', 'u-t-grid-a')
    expect(await store.places.gridIds('u-t-grid-a')).toEqual([])
  })

  it('lists households by 门牌号 in walking order (1, 2, 3, 10), filtered and searched literally', async () => {
    store = await openTown(kind)
    const list = async (q: Partial<Parameters<Store['households']['list']>[0]>) =>
      (await store.households.list({ gridIds: null, limit: 20, ...q })).items.map((h) => h.houseNo)
    expect(await list({ villageId: 'vil-a' })).toEqual([
      '东街1号',
      '东街2号',
      '东街3号',
      '东街10号',
    ])
    expect(await list({ gridIds: ['vil-b-grid'] })).toEqual(['西街1号', '西街2号'])
    expect(await list({ gridIds: [] })).toEqual([])
    expect(await list({ gridId: 'vil-a-grid', keyword: '王' })).toEqual(['东街3号'])
    expect(await list({ keyword: '街1' })).toEqual(['东街1号', '东街10号', '西街1号'])
    expect(await list({ keyword: '街.' })).toEqual([])
    const found = await store.households.find('vil-a', '李大强', '东街2号')
    expect(found).toMatchObject({ id: 'hh-a2', villageName: '甲村', groupName: '一组' })
    expect(found?.gridName).toBe('甲村网格')
    expect(await store.households.find('vil-b', '李大强', '东街2号')).toBeNull()
    await store.households.update('hh-a2', { headName: '李强', phone: null })
    expect(await store.places.household('hh-a2')).toMatchObject({ headName: '李强', phone: null })
    expect(await store.households.members('hh-a1')).toEqual([
      { bindingId: 'b-t-res-a', userId: 'u-t-res-a', nickname: '昵称-t-res-a', relation: 'head' },
    ])
  })

  it('pages 250 households without gaps or repeats', async () => {
    const town = buildTestTown()
    for (let i = 0; i < 250; i++)
      town.households.push({
        ...town.households[0]!,
        id: `hh-x${String(i).padStart(3, '0')}`,
        houseNo: `北街${i % 50}号-${Math.floor(i / 50)}`,
      })
    store = await openTown(kind, town)
    const seen: string[] = []
    let after: Parameters<Store['households']['list']>[0]['after']
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.households.list({ gridIds: null, keyword: '北街', after, limit: 30 })
      seen.push(...page.items.map((h) => h.houseNo))
      if (!page.next) break
      after = page.next
    }
    expect(seen).toHaveLength(250)
    expect(new Set(seen).size).toBe(250)
    expect(seen).toEqual([...seen].sort(compareHouseNo))
    expect(seen.slice(0, 6)).toEqual([
      '北街0号-0',
      '北街0号-1',
      '北街0号-2',
      '北街0号-3',
      '北街0号-4',
      '北街1号-0',
    ])
  })

  it('uses an invite once, also when two people race for it', async () => {
    store = await openTown(kind)
    const invite = { householdId: 'hh-a2', createdBy: 'u-t-grid-a', createdAt: NOW }
    await store.households.createInvite({ ...invite, code: 'ABC123', expiresAt: NOW + DAY })
    await store.households.createInvite({ ...invite, code: 'OLD999', expiresAt: NOW })
    const results = await Promise.all(
      ['u-t-visitor', 'u-t-res-b', 'u-t-admin'].map((u) =>
        store.households.useInvite('ABC123', u, NOW + 1),
      ),
    )
    expect(results.filter((r) => r === 'hh-a2')).toHaveLength(1)
    expect(results.filter((r) => r === null)).toHaveLength(2)
    expect(await store.households.useInvite('OLD999', 'u-t-visitor', NOW)).toBeNull()
    expect(await store.households.useInvite('NOPE00', 'u-t-visitor', NOW)).toBeNull()
  })

  it('keeps settings and takes a one-time value once', async () => {
    store = await openStore(kind)
    expect(await store.settings.get('k')).toBeNull()
    await store.settings.set('k', 'a')
    await store.settings.set('k', 'b')
    expect(await store.settings.get('k')).toBe('b')
    const taken = await Promise.all([store.settings.take('k'), store.settings.take('k')])
    expect(taken.sort()).toEqual(['b', null].sort())
    expect(await store.settings.get('k')).toBeNull()
  })

  it('appends audit entries and reads them newest first', async () => {
    store = await openStore(kind)
    const entry = (n: number) => ({
      requestId: `r${n}`,
      actorId: n === 1 ? null : 'u',
      actorRole: 'admin',
      action: 'x',
      target: null,
      before: null,
      after: { n },
      at: NOW + n,
    })
    await store.audit.append([entry(1), entry(2)])
    await store.audit.append([entry(3)])
    const recent = await store.audit.recent(2)
    expect(recent.map((e) => e.requestId)).toEqual(['r3', 'r2'])
    expect(recent[0]).toMatchObject({ actorId: 'u', target: null, before: null, after: { n: 3 } })
    expect((await store.audit.recent(10)).map((e) => e.actorId)).toEqual(['u', 'u', null])
  })
})
