import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

type Managed = ActionOutput<'columns.manage'>
type Columns = ActionOutput<'columns.list'>
type Notices = ActionOutput<'notices.list'>

describe('column management (栏目管理)', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const admin = <T>(action: string, input: object) => api.data<T>(action, input, tokens[who.admin])
  const manage = () => admin<Managed>('columns.manage', {})
  const homeColumns = async () => (await api.data<Columns>('columns.list', {})).map((c) => c.name)
  const noticeIds = async (token?: string, input: object = {}) =>
    (await api.data<Notices>('notices.list', { limit: 50, ...input }, token)).items.map((n) => n.id)
  const auditCount = async () => acceptedWrites(await api.app.store.audit.recent(1000)).length

  it('columns.manage lists every column in order, hidden ones too, with notice counts', async () => {
    expect(await manage()).toEqual([
      { id: 'col-news', name: '通知公告', sort: 0, hidden: false, noticeCount: 4 },
      { id: 'col-affairs', name: '村务公开', sort: 1, hidden: false, noticeCount: 2 },
      { id: 'col-hidden', name: '旧栏目', sort: 2, hidden: true, noticeCount: 1 },
    ])
  })

  it('creates a column at the end of 首页 and audits it', async () => {
    const created = await admin<Managed[number]>('columns.create', { name: '  乡村振兴 ' })
    expect(created).toMatchObject({ name: '乡村振兴', sort: 3, hidden: false, noticeCount: 0 })
    expect(await homeColumns()).toEqual(['通知公告', '村务公开', '乡村振兴'])

    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'columns.create',
      actorId: `u-${who.admin}`,
      target: `column:${created.id}`,
      before: null,
      after: { name: '乡村振兴', hidden: false },
    })

    // A new column can be published to right away.
    await admin('notices.create', {
      columnId: created.id,
      title: '新栏目的第一条',
      body: '新栏目的第一条公告正文内容。',
      scope: { kind: 'township' },
    })
    expect((await manage()).find((c) => c.id === created.id)?.noticeCount).toBe(1)
  })

  it('renames a column; 首页 and its notices show the new name', async () => {
    await admin('columns.rename', { id: 'col-affairs', name: '村务财务公开' })
    expect(await homeColumns()).toEqual(['通知公告', '村务财务公开'])
    const list = await admin<Notices>('notices.list', { columnId: 'col-affairs' })
    expect(list.items.map((n) => n.column.name)).toEqual(['村务财务公开', '村务财务公开'])

    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'columns.rename',
      target: 'column:col-affairs',
      before: { name: '村务公开' },
      after: { name: '村务财务公开' },
    })
  })

  it('reorders every column, hidden ones included, and audits each one moved', async () => {
    const ordered = await admin<Managed>('columns.reorder', {
      ids: ['col-hidden', 'col-affairs', 'col-news'],
    })
    expect(ordered.map((c) => c.id)).toEqual(['col-hidden', 'col-affairs', 'col-news'])
    expect(await homeColumns()).toEqual(['村务公开', '通知公告'])

    const entries = await api.app.store.audit.recent(10)
    const moved = entries.filter((e) => e.action === 'columns.reorder')
    expect(moved.map((e) => e.target).sort()).toEqual(['column:col-hidden', 'column:col-news'])
    expect(moved.find((e) => e.target === 'column:col-news')).toMatchObject({
      before: { sort: 0 },
      after: { sort: 2 },
    })
  })

  it("hiding a column takes it and its notices off everyone's lists; showing brings them back", async () => {
    const viewers = [undefined, tokens[who.residentA], tokens[who.gridB], tokens[who.admin]]
    const before = await Promise.all(viewers.map((t) => noticeIds(t)))
    expect(before[1]).toContain('n-a')
    expect(before[2]).toContain('n-b')

    const hidden = await admin<Managed[number]>('columns.setHidden', {
      id: 'col-affairs',
      hidden: true,
    })
    expect(hidden).toMatchObject({ id: 'col-affairs', hidden: true, noticeCount: 2 })
    expect(await homeColumns()).toEqual(['通知公告'])
    for (const token of viewers) {
      const ids = await noticeIds(token)
      expect(ids).not.toContain('n-a')
      expect(ids).not.toContain('n-b')
      expect(await noticeIds(token, { columnId: 'col-affairs' })).toEqual([])
    }
    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'columns.setHidden',
      target: 'column:col-affairs',
      before: { hidden: false },
      after: { hidden: true },
    })
    // Nobody can publish into a hidden column.
    const publish = await api.post(
      'notices.create',
      {
        columnId: 'col-affairs',
        title: '隐藏栏目',
        body: '隐藏栏目中不能发布公告。',
        scope: { kind: 'township' },
      },
      tokens[who.admin],
    )
    expect(publish.status).toBe(400)

    await admin('columns.setHidden', { id: 'col-affairs', hidden: false })
    expect(await homeColumns()).toEqual(['通知公告', '村务公开'])
    expect(await Promise.all(viewers.map((t) => noticeIds(t)))).toEqual(before)

    // The seeded hidden column shown again brings its notice back too.
    await admin('columns.setHidden', { id: 'col-hidden', hidden: false })
    expect(await homeColumns()).toEqual(['通知公告', '村务公开', '旧栏目'])
    expect(await noticeIds()).toContain('n-hidden-col')
  })

  it('refuses a duplicate name, hidden columns included, with CONFLICT; nothing changes', async () => {
    const before = await manage()
    const count = await auditCount()
    for (const [action, input] of [
      ['columns.create', { name: '通知公告' }],
      ['columns.create', { name: '旧栏目' }],
      ['columns.rename', { id: 'col-affairs', name: ' 通知公告' }],
    ] as const) {
      const res = await api.post(action, input, tokens[who.admin])
      expect(res.status, action).toBe(409)
      if (!res.body.ok) expect(res.body.error.message).toBe('已有同名栏目')
    }
    expect(await manage()).toEqual(before)
    expect(await auditCount()).toBe(count)
  })

  it('refuses an empty or too long name and an unknown column', async () => {
    const before = await manage()
    const empty = await api.post('columns.create', { name: '   ' }, tokens[who.admin])
    expect(empty.status).toBe(400)
    if (!empty.body.ok) expect(empty.body.error.message).toBe('栏目名称不能为空')
    const long = await api.post(
      'columns.rename',
      { id: 'col-news', name: '一二三四五六七八九十一二三' },
      tokens[who.admin],
    )
    expect(long.status).toBe(400)
    if (!long.body.ok) expect(long.body.error.message).toBe('栏目名称最多 12 个字')
    for (const [action, input] of [
      ['columns.rename', { id: 'col-nope', name: '新名' }],
      ['columns.setHidden', { id: 'col-nope', hidden: true }],
    ] as const) {
      expect((await api.post(action, input, tokens[who.admin])).status, action).toBe(404)
    }
    expect(await manage()).toEqual(before)
  })

  it('a reorder that is not exactly every column once is BAD_INPUT and changes nothing', async () => {
    const before = await manage()
    const count = await auditCount()
    for (const ids of [
      ['col-affairs', 'col-news'],
      ['col-affairs', 'col-news', 'col-news'],
      ['col-affairs', 'col-news', 'col-hidden', 'col-nope'],
      ['col-affairs', 'col-news', 'col-nope'],
      [],
    ]) {
      const res = await api.post('columns.reorder', { ids }, tokens[who.admin])
      expect(res.status, JSON.stringify(ids)).toBe(400)
    }
    expect(await manage()).toEqual(before)
    expect(await homeColumns()).toEqual(['通知公告', '村务公开'])
    expect(await auditCount()).toBe(count)
  })

  it('never hides the last visible column', async () => {
    await admin('columns.setHidden', { id: 'col-affairs', hidden: true })
    const res = await api.post(
      'columns.setHidden',
      { id: 'col-news', hidden: true },
      tokens[who.admin],
    )
    expect(res.status).toBe(409)
    if (!res.body.ok) expect(res.body.error.message).toBe('至少要保留一个显示的栏目')
    expect(await homeColumns()).toEqual(['通知公告'])
  })

  it('only admins manage columns; anyone else is refused and nothing is written', async () => {
    const before = await manage()
    const count = await auditCount()
    const calls = [
      ['columns.manage', {}],
      ['columns.create', { name: '乡村振兴' }],
      ['columns.rename', { id: 'col-news', name: '新名' }],
      ['columns.reorder', { ids: ['col-hidden', 'col-affairs', 'col-news'] }],
      ['columns.setHidden', { id: 'col-news', hidden: true }],
    ] as const
    for (const [action, input] of calls) {
      for (const openid of [who.gridA, who.residentA, who.visitor]) {
        const res = await api.post(action, input, tokens[openid])
        expect(res.status, `${action} as ${openid}`).toBe(403)
      }
      expect((await api.post(action, input)).status, `${action} anonymously`).toBe(401)
    }
    expect(await manage()).toEqual(before)
    expect(await auditCount()).toBe(count)
  })
})
