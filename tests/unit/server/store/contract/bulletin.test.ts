// Store contract: columns, notices and filing behave the same on SQLite and the cloud database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type Keyset,
  type NoticeRecord,
  type NoticeView,
  type Page,
  type Snapshot,
  type Store,
  UniqueViolation,
} from '../../../../../server/store/store'
import { buildTestTown, DAY, HOUR, notice, NOW } from '../../../../helpers/factories'
import { openStore, type StoreKind, storeKinds } from '../../../../helpers/store-adapters'

/** The test town's people, columns and notices (plus `extra` notices), nothing else. */
function bulletinTown(extra: NoticeRecord[] = []): Snapshot {
  const town = buildTestTown()
  return {
    ...town,
    notices: [...town.notices, ...extra],
    rubrics: [],
    criteria: [],
    rounds: [],
    inspections: [],
    boardEntries: [],
    appeals: [],
    campaigns: [],
    nominations: [],
    votes: [],
  }
}

const open = (kind: StoreKind, snapshot: Snapshot): Promise<Store> => openStore(kind, snapshot)

/** Every page of a listing, following `next`. */
async function everyPage(read: (after?: Keyset) => Promise<Page<NoticeView>>): Promise<string[]> {
  const ids: string[] = []
  let after: Keyset | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = await read(after)
    ids.push(...page.items.map((n) => n.id))
    if (!page.next) return ids
    after = page.next
  }
  throw new Error('paging never ended')
}

describe.each(storeKinds)('bulletin store contract (%s)', (kind) => {
  let store: Store
  const list = (
    villageIds: string[] | null,
    more: Partial<Parameters<Store['notices']['list']>[0]> = {},
  ) =>
    store.notices
      .list({ now: NOW, villageIds, limit: 50, ...more })
      .then((p) => p.items.map((n) => n.id))

  afterEach(async () => {
    await store.close()
  })

  describe('the test town', () => {
    beforeEach(async () => {
      store = await open(kind, bulletinTown())
    })

    it('lists township-wide notices to everyone and a village’s only to its own, newest first', async () => {
      expect(await list([])).toEqual(['n-town'])
      expect(await list(['vil-a'])).toEqual(['n-a', 'n-ab', 'n-town'])
      expect(await list(['vil-b'])).toEqual(['n-b', 'n-ab', 'n-town'])
      // Same publish moment: the larger id first.
      expect(await list(null)).toEqual(['n-b', 'n-a', 'n-ab', 'n-town'])
    })

    it('hides drafts, withdrawn, scheduled, expired and hidden-column notices, by the clock', async () => {
      expect(await list(null, { now: NOW + 2 * HOUR })).toContain('n-future')
      // Expired from expireAt on; one millisecond earlier it is still listed.
      expect(await list([], { now: NOW - 1 })).not.toContain('n-expired')
      expect(await list([], { now: NOW - 2 })).toContain('n-expired')
      const all = await list(null, { now: NOW + 2 * HOUR })
      expect(all).not.toContain('n-withdrawn')
      expect(all).not.toContain('n-hidden-col')
      await store.columns.setHidden('col-hidden', false)
      expect(await list(null)).toContain('n-hidden-col')
    })

    it('filters by column and pinned', async () => {
      expect(await list(null, { columnId: 'col-affairs' })).toEqual(['n-b', 'n-a'])
      expect(await list(null, { pinned: true })).toEqual([])
      await store.notices.update('n-town', { pinned: true, updatedAt: NOW })
      expect(await list(null, { pinned: true })).toEqual(['n-town'])
      expect(await list(null, { pinned: false })).toEqual(['n-b', 'n-a', 'n-ab'])
    })

    it('answers a notice view with its column, author and villages in village order', async () => {
      const n = await store.notices.get('n-ab')
      expect(n).toEqual({
        ...notice('n-ab', ['vil-a', 'vil-b'], { publishAt: NOW - 2 * HOUR }),
        cover: null,
        images: [],
        video: null,
        adoptedAt: null,
        columnName: '通知公告',
        authorName: '昵称-t-admin',
        villages: [
          { id: 'vil-a', name: '甲村' },
          { id: 'vil-b', name: '乙村' },
        ],
      })
      expect(await store.notices.get('nope')).toBeNull()
    })

    it('updates a notice and its villages at once; an undefined key changes nothing', async () => {
      const updated = await store.notices.update('n-a', {
        villageIds: ['vil-b', 'vil-a'],
        title: '新标题',
        summary: undefined,
        expireAt: NOW + DAY,
        images: ['/media/x.jpg'],
        updatedAt: NOW + 1,
      })
      expect(updated).toMatchObject({
        villageIds: ['vil-a', 'vil-b'],
        title: '新标题',
        summary: '摘要 n-a',
        expireAt: NOW + DAY,
        images: ['/media/x.jpg'],
        updatedAt: NOW + 1,
      })
      expect(
        (await store.notices.update('n-a', { villageIds: [], updatedAt: NOW + 2 })).villages,
      ).toEqual([])
      expect(await list([])).toEqual(['n-a', 'n-town'])
    })

    it('lists one author’s or everyone’s notices by derived state, last updated first', async () => {
      const mine = (
        status?: Parameters<Store['notices']['mine']>[0]['status'],
        authorId: string | null = null,
      ) =>
        store.notices
          .mine({ now: NOW, authorId, status, limit: 50 })
          .then((p) => p.items.map((n) => n.id).sort())
      expect(await mine('scheduled')).toEqual(['n-future'])
      expect(await mine('expired')).toEqual(['n-expired'])
      expect(await mine('withdrawn')).toEqual(['n-withdrawn'])
      expect(await mine('draft')).toEqual([])
      expect(await mine('published')).toEqual(['n-a', 'n-ab', 'n-b', 'n-hidden-col', 'n-town'])
      expect(await mine(undefined, 'u-nobody')).toEqual([])
      expect((await mine(undefined, 'u-t-admin')).length).toBe(8)
    })

    it('counts 50 concurrent views as 50', async () => {
      await Promise.all(Array.from({ length: 50 }, () => store.notices.countView('n-a')))
      expect((await store.notices.get('n-a'))?.viewCount).toBe(50)
    })

    it('keeps column names unique, on create and on rename', async () => {
      await expect(store.columns.create({ id: 'col-x', name: '村务公开' })).rejects.toBeInstanceOf(
        UniqueViolation,
      )
      // A hidden column's name is taken too.
      await expect(store.columns.rename('col-news', '旧栏目')).rejects.toBeInstanceOf(
        UniqueViolation,
      )
      expect((await store.columns.get('col-news'))?.name).toBe('通知公告')
      expect(await store.columns.get('col-x')).toBeNull()
      await store.columns.rename('col-news', '通知')
      expect((await store.columns.get('col-news'))?.name).toBe('通知')
    })

    it('adds columns after the last one, each with its own place', async () => {
      await Promise.all([
        store.columns.create({ id: 'col-x', name: '甲' }),
        store.columns.create({ id: 'col-y', name: '乙' }),
      ])
      const all = await store.columns.all()
      expect(all.map((c) => c.sort)).toEqual([0, 1, 2, 3, 4])
      expect(
        all
          .slice(3)
          .map((c) => c.id)
          .sort(),
      ).toEqual(['col-x', 'col-y'])
      expect((await store.columns.list()).map((c) => c.id)).not.toContain('col-hidden')
    })

    it('counts each column’s published notices, hidden columns too', async () => {
      expect((await store.columns.all()).map((c) => [c.id, c.noticeCount])).toEqual([
        ['col-news', 4],
        ['col-affairs', 2],
        ['col-hidden', 1],
      ])
    })

    it('reorders only by exactly every column once, and then all at once', async () => {
      const order = async () => (await store.columns.all()).map((c) => c.id)
      const before = await order()
      for (const ids of [
        ['col-affairs', 'col-news'],
        ['col-affairs', 'col-news', 'col-news'],
        ['col-affairs', 'col-news', 'col-nope'],
        ['col-affairs', 'col-news', 'col-hidden', 'col-nope'],
      ])
        expect(await store.columns.reorder(ids)).toBe(false)
      expect(await order()).toEqual(before)
      expect(await store.columns.reorder(['col-hidden', 'col-affairs', 'col-news'])).toBe(true)
      expect(await store.columns.all()).toMatchObject([
        { id: 'col-hidden', sort: 0 },
        { id: 'col-affairs', sort: 1 },
        { id: 'col-news', sort: 2 },
      ])
      await store.columns.create({ id: 'col-x', name: '新栏目' })
      expect((await store.columns.get('col-x'))?.sort).toBe(3)
    })

    it('counts each village’s public notices of a period, and their adoption', async () => {
      const period = { from: NOW - DAY, to: NOW + DAY, now: NOW }
      expect(await store.filing.villageCounts(period)).toEqual([
        { villageId: 'vil-a', count: 2, adopted: 0 },
        { villageId: 'vil-b', count: 2, adopted: 0 },
      ])
      await store.filing.setAdopted('n-ab', NOW, 'u-t-admin')
      expect(await store.filing.villageCounts(period)).toEqual([
        { villageId: 'vil-a', count: 2, adopted: 1 },
        { villageId: 'vil-b', count: 2, adopted: 1 },
      ])
      expect(await store.filing.villageNotices({ ...period, villageId: 'vil-a' })).toEqual([
        { id: 'n-ab', title: '公告 n-ab', publishAt: NOW - 2 * HOUR, adoptedAt: NOW },
        { id: 'n-a', title: '甲村财务公开', publishAt: NOW - HOUR, adoptedAt: null },
      ])
      // [from, to): a notice published at `to` is the next period's.
      expect(await store.filing.villageCounts({ ...period, to: NOW - HOUR })).toEqual([
        { villageId: 'vil-a', count: 1, adopted: 1 },
        { villageId: 'vil-b', count: 1, adopted: 1 },
      ])
      expect(await store.filing.adoption('n-ab')).toEqual({
        status: 'published',
        publishAt: NOW - 2 * HOUR,
        adoptedAt: NOW,
      })
      await store.filing.setAdopted('n-ab', null, null)
      expect((await store.filing.adoption('n-ab'))?.adoptedAt).toBeNull()
      expect(await store.filing.adoption('nope')).toBeNull()
    })
  })

  describe('searching', () => {
    const titled = (id: string, title: string, body = '<p>正文</p>') =>
      notice(id, [], { title, body, publishAt: NOW - DAY })
    beforeEach(async () => {
      store = await open(
        kind,
        bulletinTown([
          titled('k-paren', '停水(通知)'),
          titled('k-dot', 'a.b 检修'),
          titled('k-x', 'axb 检修'),
          titled('k-pct', '完成 100%'),
          titled('k-case', 'WiFi 开通'),
          titled('k-body', '无关', '<p>明天 [停电] 一小时</p>'),
        ]),
      )
    })
    const search = (keyword: string) => list(null, { keyword }).then((ids) => ids.sort())

    it('matches a keyword literally, in title or body, ignoring ASCII case like LIKE', async () => {
      expect(await search('(')).toEqual(['k-paren'])
      expect(await search('a.b')).toEqual(['k-dot'])
      expect(await search('%')).toEqual(['k-pct'])
      expect(await search('wifi')).toEqual(['k-case'])
      expect(await search('[停电]')).toEqual(['k-body'])
      expect(await search('检修')).toEqual(['k-dot', 'k-x'])
      expect(await search('甲村财务')).toEqual(['n-a'])
    })
  })

  describe('paging', () => {
    // 130 more township-wide notices, many sharing a publish moment, so pages split ties.
    const many = Array.from({ length: 130 }, (_, i) =>
      notice(`p-${String(i).padStart(3, '0')}`, [], {
        publishAt: NOW - 10 * HOUR - (i % 7) * 1000,
        updatedAt: NOW - (i % 5) * 1000,
      }),
    )
    beforeEach(async () => {
      store = await open(kind, bulletinTown(many))
    })

    it('pages the public list past 100 notices without gaps or repeats', async () => {
      for (const limit of [7, 50]) {
        const ids = await everyPage((after) =>
          store.notices.list({ now: NOW, villageIds: [], after, limit }),
        )
        expect(ids.length).toBe(131)
        expect(new Set(ids).size).toBe(131)
        expect(ids[0]).toBe('n-town')
      }
    })

    it('pages the authoring list past 100 notices without gaps or repeats', async () => {
      const ids = await everyPage((after) =>
        store.notices.mine({ now: NOW, authorId: null, after, limit: 30 }),
      )
      expect(ids.length).toBe(138)
      expect(new Set(ids).size).toBe(138)
    })
  })
})
