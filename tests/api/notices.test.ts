import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Notice, NoticeSummary } from '../../contract/bulletin'
import { buildTestTown, HOUR, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

type Page = { items: NoticeSummary[]; nextCursor: string | null }

describe('notices', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    now = NOW
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const ids = async (openid?: string, input: object = {}) => {
    const page = await api.data<Page>('notices.list', input, openid ? tokens[openid] : undefined)
    return page.items.map((n) => n.id)
  }

  it('a visitor and nobody see township-wide notices only', async () => {
    expect(await ids()).toEqual(['n-town'])
    expect(await ids(who.visitor)).toEqual(['n-town'])
  })

  it("a resident of village A sees A's notices and never B's", async () => {
    expect(await ids(who.residentA)).toEqual(['n-a', 'n-ab', 'n-town'])
    expect(await ids(who.residentB)).toEqual(['n-b', 'n-ab', 'n-town'])
  })

  it('a grid worker sees the villages of their grids; an admin sees all', async () => {
    expect(await ids(who.gridA)).toEqual(['n-a', 'n-ab', 'n-town'])
    expect(await ids(who.admin)).toEqual(['n-b', 'n-a', 'n-ab', 'n-town'])
  })

  it('drafts, withdrawn, expired, scheduled and hidden-column notices are not listed', async () => {
    const all = await ids(who.admin)
    for (const id of ['n-future', 'n-expired', 'n-withdrawn', 'n-hidden-col']) {
      expect(all).not.toContain(id)
    }
  })

  it('a scheduled notice appears once its publish time comes', async () => {
    now = NOW + HOUR
    expect(await ids()).toEqual(['n-future', 'n-town'])
  })

  it('notices.get refuses a notice outside the caller scope as if it did not exist', async () => {
    const { status, body } = await api.post('notices.get', { id: 'n-b' }, tokens[who.residentA])
    expect(status).toBe(404)
    expect(body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const own = await api.data<Notice>('notices.get', { id: 'n-a' }, tokens[who.residentA])
    expect(own.body).toContain('正文 n-a')
  })

  it('notices.get refuses a notice of a hidden column, even by direct link', async () => {
    const { status } = await api.post('notices.get', { id: 'n-hidden-col' }, tokens[who.admin])
    expect(status).toBe(404)
  })

  it('notices.get is a read; notices.open counts a view, for visitors too', async () => {
    const before = (await api.data<Notice>('notices.get', { id: 'n-town' })).viewCount
    expect((await api.data<Notice>('notices.get', { id: 'n-town' })).viewCount).toBe(before)
    expect(await api.data('notices.open', { id: 'n-town' })).toEqual({ viewCount: before + 1 })
    await api.data('notices.open', { id: 'n-town' }, tokens[who.residentB])
    expect((await api.data<Notice>('notices.get', { id: 'n-town' })).viewCount).toBe(before + 2)
    // A notice the caller may not see counts nothing, and answers like a missing one.
    const { status } = await api.post('notices.open', { id: 'n-a' }, tokens[who.residentB])
    expect(status).toBe(404)
  })

  it('filters by column and by keyword (literally: % is no wildcard)', async () => {
    // Equal publish times fall back to id order, newest id first, so pages stay stable.
    expect(await ids(who.admin, { columnId: 'col-affairs' })).toEqual(['n-b', 'n-a'])
    expect(await ids(who.admin, { keyword: '甲村' })).toEqual(['n-a'])
    expect(await ids(who.admin, { keyword: '%' })).toEqual([])
  })

  it('pages without duplicates or gaps while new notices arrive', async () => {
    for (let i = 0; i < 25; i++) {
      now = NOW + i * 1000
      await api.data(
        'notices.create',
        {
          columnId: 'col-news',
          title: `批量公告${i}`,
          body: '这是一条测试用的公告正文。',
          scope: { kind: 'township' },
        },
        tokens[who.admin],
      )
    }
    const expected = await ids(who.admin, { limit: 50 })
    const seen: string[] = []
    let cursor: string | null = null
    let round = 0
    do {
      const page: Page = await api.data<Page>(
        'notices.list',
        { limit: 7, ...(cursor ? { cursor } : {}) },
        tokens[who.admin],
      )
      seen.push(...page.items.map((n) => n.id))
      cursor = page.nextCursor
      // A newer notice published between pages must not shift later pages.
      now += 1000
      await api.data(
        'notices.create',
        {
          columnId: 'col-news',
          title: `新到公告${round++}`,
          body: '翻页期间新发布的公告正文。',
          scope: { kind: 'township' },
        },
        tokens[who.admin],
      )
    } while (cursor)
    expect(seen).toEqual(expected)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('a cursor that was tampered with answers BAD_INPUT', async () => {
    const { status } = await api.post('notices.list', { cursor: 'not-a-cursor' })
    expect(status).toBe(400)
  })

  describe('notices.create', () => {
    const input = {
      columnId: 'col-news',
      title: '甲村停水通知',
      body: '因管道检修，明天上午停水半天，请提前储水。',
      scope: { kind: 'villages', villageIds: ['vil-a'] },
    }

    it('a grid worker publishes to their own village, audited with before and after', async () => {
      const created = await api.data<Notice>('notices.create', input, tokens[who.gridA])
      expect(created.villages).toEqual([{ id: 'vil-a', name: '甲村' }])
      expect(await ids(who.residentA)).toContain(created.id)
      expect(await ids(who.residentB)).not.toContain(created.id)
      const [entry] = await api.app.store.audit.recent(1)
      expect(entry).toMatchObject({
        action: 'notices.create',
        actorId: `u-${who.gridA}`,
        actorRole: 'gridWorker',
        target: `notice:${created.id}`,
        before: null,
        at: NOW,
      })
      expect(entry?.requestId).toMatch(/^req_/)
      expect(entry?.after).toMatchObject({ title: '甲村停水通知' })
    })

    it('a grid worker publishing township-wide or to another village is FORBIDDEN and writes nothing', async () => {
      const before = await ids(who.admin, { limit: 50 })
      for (const scope of [{ kind: 'township' }, { kind: 'villages', villageIds: ['vil-b'] }]) {
        const { status, body } = await api.post(
          'notices.create',
          { ...input, scope },
          tokens[who.gridA],
        )
        expect(status).toBe(403)
        expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
      expect(await ids(who.admin, { limit: 50 })).toEqual(before)
      expect(acceptedWrites(await api.app.store.audit.recent(50))).toEqual([])
    })

    it('residents and visitors may not publish', async () => {
      for (const openid of [who.residentA, who.visitor]) {
        const { status } = await api.post('notices.create', input, tokens[openid])
        expect(status).toBe(403)
      }
    })

    it('stores the body sanitised, and plain paragraphs as <p>s', async () => {
      const rich = await api.data<Notice>(
        'notices.create',
        {
          ...input,
          body: '<p onclick="x()">停水通知：明天上午检修管道<script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">详情</a>',
        },
        tokens[who.gridA],
      )
      expect(rich.body).toBe(
        '<p>停水通知：明天上午检修管道</p><a rel="noopener noreferrer">详情</a>',
      )
      const read = await api.data<Notice>('notices.get', { id: rich.id }, tokens[who.residentA])
      expect(read.body).toBe(rich.body)
      const plain = await api.data<Notice>(
        'notices.create',
        { ...input, body: '第一段 <不是标签 的文字。\n\n第二段，明天上午停水。' },
        tokens[who.gridA],
      )
      expect(plain.body).toBe('<p>第一段 &lt;不是标签 的文字。</p><p>第二段，明天上午停水。</p>')
      expect(plain.summary).toBe('第一段 <不是标签 的文字。 第二段，明天上午停水。')
    })

    it('a body that is empty once sanitised is refused', async () => {
      const { status, body } = await api.post(
        'notices.create',
        { ...input, body: '<script>alert("只有脚本，没有正文")</script>' },
        tokens[who.gridA],
      )
      expect(status).toBe(400)
      if (!body.ok) expect(body.error.message).toBe('正文至少 10 个字')
    })

    it('rejects bad input with the failing fields and writes nothing', async () => {
      const { status, body } = await api.post(
        'notices.create',
        { ...input, title: '短', columnId: 'col-news' },
        tokens[who.admin],
      )
      expect(status).toBe(400)
      if (!body.ok) {
        expect(body.error.message).toBe('标题至少 2 个字')
        expect(body.error.details?.fields?.[0]?.path).toBe('title')
      }
      const unknownColumn = await api.post(
        'notices.create',
        { ...input, columnId: 'col-x' },
        tokens[who.admin],
      )
      expect(unknownColumn.status).toBe(400)
      expect(await api.app.store.audit.recent(5)).toEqual([])
    })
  })
})
