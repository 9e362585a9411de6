import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../server/logger'
import { createRouter, type Router } from '../../../server/router'
import { createSqliteStore } from '../../../server/store/sqlite/sqlite-store'
import type { Store } from '../../../server/store/store'
import { buildTestTown, NOW, who } from '../../helpers/factories'

describe('router', () => {
  let store: Store
  let router: Router
  let logged: { message: string; fields?: Record<string, unknown> }[]

  beforeEach(async () => {
    store = createSqliteStore(':memory:')
    await store.importSnapshot(buildTestTown())
    logged = []
    const logger: Logger = {
      info: () => {},
      error: (message, fields) => logged.push({ message, fields }),
    }
    router = createRouter({
      store,
      devMode: false,
      clock: () => NOW,
      logger,
      adminOpenids: ['cfg-admin'],
    })
  })
  afterEach(async () => {
    try {
      await store.close()
    } catch {
      // Some tests close the store themselves to provoke a failure.
    }
  })

  const call = (action: string, input: unknown, openid: string | null = null) =>
    router.handle({ action, input, openid, requestId: 'req_test' })

  describe('identify', () => {
    it('takes the caller from the platform openid and creates a visitor on first sight', async () => {
      const answer = await call('me.get', {}, 'wx-new-person')
      expect(answer).toMatchObject({
        ok: true,
        data: { user: { role: 'visitor', nickname: '微信用户' } },
      })
      expect(await store.users.byOpenid('wx-new-person')).not.toBeNull()
    })

    it('derives the role: appointed staff, bound resident, unbound visitor', async () => {
      const roleOf = async (openid: string) => {
        const answer = await call('me.get', {}, openid)
        return answer.ok ? (answer.data as { user: { role: string } }).user.role : answer.error.code
      }
      expect(await roleOf(who.admin)).toBe('admin')
      expect(await roleOf(who.gridA)).toBe('gridWorker')
      expect(await roleOf(who.residentA)).toBe('resident')
      expect(await roleOf(who.visitor)).toBe('visitor')
      expect(await roleOf('cfg-admin')).toBe('admin')
    })

    it('never takes identity from the input', async () => {
      const answer = await call('me.get', { openid: who.admin }, null)
      expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
      const update = await call(
        'me.updateProfile',
        { nickname: '改名', openid: who.admin },
        who.visitor,
      )
      expect(update).toMatchObject({ ok: true, data: { role: 'visitor', nickname: '改名' } })
      expect((await store.users.byOpenid(who.admin))?.nickname).toBe(`昵称-${who.admin}`)
    })
  })

  describe('authorise', () => {
    it('answers UNAUTHENTICATED to a write with no identity, and writes nothing', async () => {
      const answer = await call('me.updateProfile', { nickname: '某人' })
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: '请先登录' },
      })
      expect(await store.audit.recent(10)).toEqual([])
    })

    it('answers FORBIDDEN to a role the action does not allow, writes nothing but the refusal in the audit', async () => {
      const input = {
        columnId: 'col-news',
        title: '标题',
        body: '十个字以上的正文内容。',
        scope: { kind: 'township' },
      }
      const before = await store.notices.mine({ now: NOW, authorId: null, limit: 50 })
      const answer = await call('notices.create', input, who.residentA)
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await store.notices.mine({ now: NOW, authorId: null, limit: 50 })).toEqual(before)
      const audit = await store.audit.recent(10)
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({
        action: 'notices.create',
        actorRole: 'resident',
        after: { refused: 'FORBIDDEN', title: '标题', columnId: 'col-news' },
      })
      // The declared fields only: the body is not kept.
      expect(JSON.stringify(audit[0])).not.toContain('正文')
    })

    it('hides dev-only actions outside dev mode', async () => {
      expect(await call('auth.devAccounts', {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    })
  })

  describe('validate', () => {
    it('answers BAD_INPUT with every failing field, in Chinese', async () => {
      const answer = await call('notices.list', { limit: 0, keyword: 3 })
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(answer.error.code).toBe('BAD_INPUT')
      expect(answer.error.details?.fields?.map((f) => f.path).sort()).toEqual(['keyword', 'limit'])
      for (const field of answer.error.details?.fields ?? [])
        expect(field.message).toMatch(/[\u4e00-\u9fa5]/)
    })

    it('answers NOT_FOUND to an unknown action, before anything else', async () => {
      expect(await call('nothing.here', 'junk', who.admin)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
      expect(await call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  describe('audit', () => {
    it('appends actor, action, target, before, after, time and request id for a write', async () => {
      await call('me.updateProfile', { nickname: '新昵称' }, who.residentA)
      expect(await store.audit.recent(10)).toEqual([
        {
          id: 1,
          requestId: 'req_test',
          actorId: `u-${who.residentA}`,
          actorRole: 'resident',
          action: 'me.updateProfile',
          target: `user:u-${who.residentA}`,
          before: { nickname: `昵称-${who.residentA}` },
          after: { nickname: '新昵称' },
          at: NOW,
        },
      ])
    })

    it('does not audit reads', async () => {
      await call('notices.list', {}, who.admin)
      expect(await store.audit.recent(10)).toEqual([])
    })
  })

  describe('envelope', () => {
    it('turns an unexpected exception into INTERNAL with a request id, logged, no stack', async () => {
      await store.close()
      const answer = await call('villages.list', {})
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL', details: { requestId: 'req_test' } },
      })
      expect(JSON.stringify(answer)).not.toMatch(/at .*\.ts:\d+/)
      expect(logged[0]?.fields).toMatchObject({ requestId: 'req_test', action: 'villages.list' })
      expect(String(logged[0]?.fields?.error)).toContain('Error')
    })
  })
})
