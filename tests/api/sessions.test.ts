// Sessions of the local server: a dev token never opens a production server, a tampered,
// expired or other-mode token is refused, a user signs out, and an admin ends a user's sessions.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueToken, loadSecret } from '../../server/local/token'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

const unauthenticated = { ok: false, error: { code: 'UNAUTHENTICATED' } }

describe('sessions', () => {
  let api: TestApi
  let now = NOW
  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
  })
  afterAll(() => api.close())

  const meAs = (token: string) => api.post('me.get', {}, token)

  it('answers UNAUTHENTICATED to a tampered token and changes nothing', async () => {
    const token = await api.login(who.residentA)
    const [payload = '', signature = ''] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object
    const admin = Buffer.from(JSON.stringify({ ...claims, sub: who.admin })).toString('base64url')
    const before = api.dumpAll()
    for (const forged of [`${admin}.${signature}`, `${payload}.${signature.slice(1)}x`, payload]) {
      const { status, body } = await api.post('staff.list', {}, forged)
      expect(status).toBe(401)
      expect(body).toMatchObject(unauthenticated)
    }
    expect(api.dumpAll()).toBe(before)
    expect((await meAs(token)).status).toBe(200)
  })

  it('answers UNAUTHENTICATED to a token 30 days old, not a moment before', async () => {
    now = NOW
    const token = await api.login(who.residentB)
    try {
      now = NOW + 30 * DAY - 1
      expect((await meAs(token)).status).toBe(200)
      now = NOW + 30 * DAY
      const { status, body } = await meAs(token)
      expect(status).toBe(401)
      expect(body).toMatchObject(unauthenticated)
    } finally {
      now = NOW
    }
  })

  it('answers UNAUTHENTICATED to a token signed with its own secret for the other mode', async () => {
    const secret = loadSecret(api.dataDir)
    const production = issueToken(secret, { sub: who.admin, mode: 'production', sv: 0 }, NOW)
    const dev = issueToken(secret, { sub: who.admin, mode: 'dev', sv: 0 }, NOW)
    expect((await api.post('staff.list', {}, dev)).status).toBe(200)
    const { status, body } = await api.post('staff.list', {}, production)
    expect(status).toBe(401)
    expect(body).toMatchObject(unauthenticated)
  })

  it('signs a user out: the token stops working everywhere, and a new sign-in works', async () => {
    const phone = await api.login(who.gridA)
    const laptop = await api.login(who.gridA)
    const out = await api.post('auth.logout', {}, phone)
    expect(out.body).toEqual({ ok: true, data: { ended: true } })
    expect((await meAs(phone)).status).toBe(401)
    expect((await meAs(laptop)).status).toBe(401)
    const again = await api.login(who.gridA)
    const me = await api.data<{ user: { role: string } }>('me.get', {}, again)
    expect(me.user.role).toBe('gridWorker')
    const audit = api.rows('audit_log').filter((r) => r.action === 'auth.logout')
    expect(audit).toHaveLength(1)
  })

  it('refuses a write with a signed-out token before it draws on a limit or writes anything', async () => {
    const old = await api.login(who.residentA)
    const fresh = await api.login(who.residentA)
    expect((await api.post('auth.logout', {}, fresh)).status).toBe(200)
    const before = api.dumpAll()
    const counters = JSON.stringify(api.rows('rate_limits'))
    const write = { nickname: '改名' }
    const { status, body } = await api.post('me.updateProfile', write, old, 'signed-out-key-1')
    expect(status).toBe(401)
    expect(body).toMatchObject(unauthenticated)
    // No rate-limit draw, no audit line, no kept key: the dump is byte for byte the same.
    expect(api.dumpAll()).toBe(before)
    expect(JSON.stringify(api.rows('rate_limits'))).toBe(counters)
    // A public read with that token is refused as well; without a token it is answered.
    expect((await api.post('notices.list', { limit: 1 }, old)).status).toBe(401)
    expect((await api.post('notices.list', { limit: 1 })).status).toBe(200)
  })

  it('lets an admin end every session of a user (a lost phone), audited', async () => {
    const admin = await api.login(who.admin)
    const lost = await api.login(who.visitor)
    expect((await meAs(lost)).status).toBe(200)
    const res = await api.post('users.endSessions', { userId: `u-${who.visitor}` }, admin)
    expect(res.body).toEqual({ ok: true, data: { ended: true } })
    expect((await meAs(lost)).status).toBe(401)
    expect((await meAs(admin)).status).toBe(200)
    const audit = api.rows('audit_log').filter((r) => r.action === 'users.endSessions')
    expect(audit.map((r) => r.target)).toEqual([`user:u-${who.visitor}`])
  })

  it('refuses users.endSessions to a grid worker, and for an unknown user answers NOT_FOUND', async () => {
    const admin = await api.login(who.admin)
    const grid = await api.login(who.gridB)
    const victim = await api.login(who.residentA)
    // The refused attempt is kept in the audit log; nothing else changes.
    const before = api.dumpAll(['audit_log'])
    const refused = await api.post('users.endSessions', { userId: `u-${who.residentA}` }, grid)
    expect(refused.status).toBe(403)
    const missing = await api.post('users.endSessions', { userId: 'u-nobody' }, admin)
    expect(missing.status).toBe(404)
    expect(api.dumpAll(['audit_log'])).toBe(before)
    expect((await meAs(victim)).status).toBe(200)
  })
})

describe('restart into production on the same DATA_DIR', () => {
  it('refuses every dev token, the admin one included', async () => {
    const first = await startTestApi({ clock: () => NOW })
    const dataDir = first.dataDir
    const admin = await first.login('demo-admin')
    const resident = await first.login('demo-resident-1')
    expect((await first.post('staff.list', {}, admin)).status).toBe(200)
    await first.app.close()

    const second = await startTestApi({ dataDir, devMode: false, clock: () => NOW })
    try {
      for (const token of [admin, resident]) {
        const { status, body } = await second.post('me.get', {}, token)
        expect(status).toBe(401)
        expect(body).toMatchObject(unauthenticated)
      }
      expect((await second.post('staff.list', {}, admin)).status).toBe(401)
      expect((await second.post('auth.devLogin', { openid: 'demo-admin' })).status).toBe(404)
    } finally {
      await second.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start on a session-secret file it did not write, in Chinese', async () => {
    const first = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    const dataDir = first.dataDir
    await first.app.close()
    fs.writeFileSync(path.join(dataDir, 'session-secret'), 'short')
    try {
      await expect(startTestApi({ dataDir, devMode: false })).rejects.toThrow(
        /会话密钥文件.*只有 5 个字符/,
      )
      fs.writeFileSync(path.join(dataDir, 'session-secret'), '')
      await expect(startTestApi({ dataDir, devMode: false })).rejects.toThrow(/是空的/)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
