import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EditableNotice } from '../../contract/authoring'
import type { NoticeSummary } from '../../contract/bulletin'
import { buildTestTown, DAY, HOUR, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

type Page<T> = { items: T[]; nextCursor: string | null }

describe('notice authoring (drafts, schedule, publish, withdraw, edit)', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    now = NOW
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const input = {
    columnId: 'col-news',
    title: '甲村停水通知',
    body: '因管道检修，明天上午停水半天，请提前储水。',
    scope: { kind: 'villages', villageIds: ['vil-a'] },
  }
  const as = (openid: string) => tokens[openid]
  const listed = async (openid: string = who.admin) =>
    (await api.data<Page<NoticeSummary>>('notices.list', { limit: 50 }, as(openid))).items.map(
      (n) => n.id,
    )
  const create = (extra: object = {}, openid: string = who.gridA) =>
    api.data<EditableNotice>('notices.create', { ...input, ...extra }, as(openid))

  it('a draft is not listed until it is published', async () => {
    const draft = await create({ publish: 'draft' })
    expect(draft).toMatchObject({ status: 'draft', publishAt: null, adopted: false })
    expect(await listed()).not.toContain(draft.id)
    const { status } = await api.post('notices.get', { id: draft.id }, as(who.residentA))
    expect(status).toBe(404)

    now = NOW + HOUR
    const published = await api.data<EditableNotice>(
      'notices.publish',
      { id: draft.id },
      as(who.gridA),
    )
    expect(published).toMatchObject({ status: 'published', publishAt: new Date(now).toISOString() })
    expect(await listed(who.residentA)).toContain(draft.id)
  })

  it('a scheduled notice is not listed until the clock passes its publish time', async () => {
    const at = new Date(NOW + 2 * HOUR).toISOString()
    const scheduled = await create({ publish: 'schedule', publishAt: at })
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: at })
    expect(await listed()).not.toContain(scheduled.id)
    now = NOW + 2 * HOUR - 1
    expect(await listed()).not.toContain(scheduled.id)
    now = NOW + 2 * HOUR
    expect(await listed()).toContain(scheduled.id)
    const read = await api.data<EditableNotice>(
      'notices.getEditable',
      { id: scheduled.id },
      as(who.gridA),
    )
    expect(read.status).toBe('published')
  })

  it('scheduling without a time is BAD_INPUT on publishAt', async () => {
    const { status, body } = await api.post(
      'notices.create',
      { ...input, publish: 'schedule' },
      as(who.gridA),
    )
    expect(status).toBe(400)
    if (!body.ok) expect(body.error.details?.fields?.[0]?.path).toBe('publishAt')
  })

  it('an expired notice leaves the lists; expiry must come after publishing', async () => {
    const expiring = await create({ expireAt: new Date(NOW + DAY).toISOString() })
    expect(await listed()).toContain(expiring.id)
    now = NOW + DAY
    expect(await listed()).not.toContain(expiring.id)
    const mine = await api.data<Page<EditableNotice>>(
      'notices.mine',
      { status: 'expired' },
      as(who.gridA),
    )
    expect(mine.items.map((n) => n.id)).toEqual([expiring.id])

    now = NOW
    const early = await api.post(
      'notices.create',
      {
        ...input,
        publish: 'schedule',
        publishAt: new Date(NOW + 2 * DAY).toISOString(),
        expireAt: new Date(NOW + DAY).toISOString(),
      },
      as(who.gridA),
    )
    expect(early.status).toBe(400)
    if (!early.body.ok) expect(early.body.error.message).toBe('失效时间须晚于发布时间')
  })

  it('withdraws and publishes again', async () => {
    const created = await create()
    now = NOW + HOUR
    const withdrawn = await api.data<EditableNotice>(
      'notices.withdraw',
      { id: created.id },
      as(who.gridA),
    )
    expect(withdrawn.status).toBe('withdrawn')
    expect(await listed()).not.toContain(created.id)
    now = NOW + 2 * HOUR
    const again = await api.data<EditableNotice>(
      'notices.publish',
      { id: created.id },
      as(who.gridA),
    )
    expect(again.status).toBe('published')
    expect(await listed()).toContain(created.id)
    const twice = await api.post('notices.publish', { id: created.id }, as(who.gridA))
    expect(twice.status).toBe(409)
  })

  it('an update records before and after in the audit log', async () => {
    const created = await create()
    now = NOW + HOUR
    const updated = await api.data<EditableNotice>(
      'notices.update',
      {
        id: created.id,
        title: '甲村停水通知（更正）',
        body: '停水改到后天上午，请提前储水，谢谢配合。',
      },
      as(who.gridA),
    )
    expect(updated.title).toBe('甲村停水通知（更正）')
    expect(updated.body).toBe('<p>停水改到后天上午，请提前储水，谢谢配合。</p>')
    expect(updated.summary).toBe('停水改到后天上午，请提前储水，谢谢配合。')
    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'notices.update',
      actorId: `u-${who.gridA}`,
      target: `notice:${created.id}`,
      before: { title: '甲村停水通知', status: 'published' },
      after: { title: '甲村停水通知（更正）', status: 'published' },
      at: NOW + HOUR,
    })
  })

  it("a grid worker cannot edit another's notice or another village's", async () => {
    const ofB = await create({ scope: { kind: 'villages', villageIds: ['vil-b'] } }, who.gridB)
    const ofAdmin = await create({}, who.admin)
    const before = acceptedWrites(await api.app.store.audit.recent(100))
    for (const id of [ofB.id, ofAdmin.id, 'n-a']) {
      for (const [action, extra] of [
        ['notices.update', { title: '改个标题' }],
        ['notices.publish', {}],
        ['notices.withdraw', {}],
        ['notices.getEditable', {}],
      ] as const) {
        const { status } = await api.post(action, { id, ...extra }, as(who.gridA))
        expect(status, `${action} ${id}`).toBe(403)
      }
    }
    // Moving their own notice to another village is refused too.
    const own = await create()
    const moved = await api.post(
      'notices.update',
      { id: own.id, scope: { kind: 'villages', villageIds: ['vil-b'] } },
      as(who.gridA),
    )
    expect(moved.status).toBe(403)
    expect(acceptedWrites(await api.app.store.audit.recent(100)).length).toBe(before.length + 1)
    // An admin edits anyone's.
    const byAdmin = await api.data<EditableNotice>(
      'notices.withdraw',
      { id: ofB.id },
      as(who.admin),
    )
    expect(byAdmin.status).toBe('withdrawn')
  })

  it("notices.mine: a grid worker's own, an admin's everyone's, newest updated first, by status", async () => {
    const first = await create({ publish: 'draft' })
    now = NOW + 1000
    const second = await create()
    now = NOW + 2000
    const third = await create({}, who.admin)
    const mine = await api.data<Page<EditableNotice>>('notices.mine', {}, as(who.gridA))
    expect(mine.items.map((n) => n.id)).toEqual([second.id, first.id])
    const drafts = await api.data<Page<EditableNotice>>(
      'notices.mine',
      { status: 'draft' },
      as(who.gridA),
    )
    expect(drafts.items.map((n) => n.id)).toEqual([first.id])
    const all = await api.data<Page<EditableNotice>>('notices.mine', { limit: 2 }, as(who.admin))
    expect(all.items.map((n) => n.id)).toEqual([third.id, second.id])
    const rest = await api.data<Page<EditableNotice>>(
      'notices.mine',
      { limit: 50, cursor: all.nextCursor },
      as(who.admin),
    )
    expect(rest.items.map((n) => n.id)).toContain(first.id)
    expect(rest.items.map((n) => n.id)).not.toContain(second.id)
    expect(rest.items.map((n) => n.id)).toContain('n-withdrawn')
    const residents = await api.post('notices.mine', {}, as(who.residentA))
    expect(residents.status).toBe(403)
  })

  it('a text with a listed word is CONTENT_REJECTED and nothing is written', async () => {
    const words = await api.data<{ words: string[] }>(
      'content.setWords',
      { words: ['违禁词', ' 违禁词 ', 'BadWord'] },
      as(who.admin),
    )
    expect(words.words).toEqual(['违禁词', 'BadWord'])
    expect(await api.data('content.words', {}, as(who.admin))).toEqual(words)
    const [setEntry] = await api.app.store.audit.recent(1)
    expect(setEntry).toMatchObject({
      action: 'content.setWords',
      before: { words: [] },
      after: { words: ['违禁词', 'BadWord'] },
    })
    const before = await api.app.store.audit.recent(50)
    const listedBefore = await listed()

    const { status, body } = await api.post(
      'notices.create',
      { ...input, body: '这是一段正文，里面有 badword 这个词。' },
      as(who.gridA),
    )
    expect(status).toBe(422)
    expect(body).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '含有敏感词“BadWord”，请修改后再提交' },
    })
    const titled = await api.post(
      'notices.create',
      { ...input, title: '违禁词通知' },
      as(who.gridA),
    )
    expect(titled.status).toBe(422)
    expect(await api.app.store.audit.recent(50)).toEqual(before)
    expect(await listed()).toEqual(listedBefore)
    const mine = await api.data<Page<EditableNotice>>('notices.mine', {}, as(who.gridA))
    expect(mine.items).toEqual([])

    // The same check guards edits.
    const ok = await create()
    const edit = await api.post(
      'notices.update',
      { id: ok.id, body: '改过之后的正文里有违禁词，不能保存。' },
      as(who.gridA),
    )
    expect(edit.status).toBe(422)
  })

  it('only admins read or edit the word list', async () => {
    for (const openid of [who.gridA, who.residentA]) {
      expect((await api.post('content.words', {}, as(openid))).status).toBe(403)
      expect((await api.post('content.setWords', { words: ['x'] }, as(openid))).status).toBe(403)
    }
  })

  it('a media URL this server did not issue is BAD_INPUT, an outside https address too', async () => {
    for (const [field, url] of [
      ['cover', '/media/med_unknown.png'],
      ['images', 'https://example.com/a.jpg'],
      ['video', 'http://example.com/a.mp4'],
      ['cover', '//example.com/a.jpg'],
    ] as const) {
      const value = field === 'images' ? [url] : url
      const { status, body } = await api.post(
        'notices.create',
        { ...input, [field]: value },
        as(who.gridA),
      )
      expect(status, url).toBe(400)
      if (!body.ok) expect(body.error.details?.fields?.[0]?.path).toBe(field)
    }
  })
})
