import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { h5Dir, startTestApi, type TestApi } from '../helpers/http-api'

describe('local server over HTTP (dev mode, demo seed)', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi()
  })
  afterAll(() => api.close())

  it('notices.list answers ok with the demo notices', async () => {
    const { status, body } = await api.post<{ items: { title: string }[] }>('notices.list', {})
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    if (body.ok) expect(body.data.items.length).toBeGreaterThan(5)
  })

  it('an empty body counts as an empty input', async () => {
    const { status } = await api.post('notices.list')
    expect(status).toBe(200)
  })

  it('an input of the wrong type answers BAD_INPUT naming the field, in Chinese', async () => {
    const { status, body } = await api.post('notices.list', { limit: 'ten' })
    expect(status).toBe(400)
    expect(body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    if (!body.ok) {
      expect(body.error.details?.fields?.map((f) => f.path)).toEqual(['limit'])
      expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('a body that is not JSON answers BAD_INPUT', async () => {
    const res = await fetch(`${api.app.url}/api/notices.list`, { method: 'POST', body: '{oops' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })

  it('a body over 5 MB is refused', async () => {
    const res = await fetch(`${api.app.url}/api/notices.list`, {
      method: 'POST',
      body: JSON.stringify({ keyword: 'x'.repeat(5_100_000) }),
    })
    expect(res.status).toBe(400)
  })

  it('an unknown action answers NOT_FOUND', async () => {
    const { status, body } = await api.post('notices.explode', {})
    expect(status).toBe(404)
    expect(body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('a write without a token answers UNAUTHENTICATED', async () => {
    const { status, body } = await api.post('me.updateProfile', { nickname: '新名字' })
    expect(status).toBe(401)
    expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('a forged token answers UNAUTHENTICATED, even for a public action', async () => {
    const token = await api.login('demo-admin')
    const forged = `${token.split('.')[0]}.AAAA`
    const { status } = await api.post('notices.list', {}, forged)
    expect(status).toBe(401)
  })

  it('the dev login signs in a demo account whose token then identifies the caller', async () => {
    const login = await api.data<{
      token: string
      user: { role: string; village: { name: string } }
    }>('auth.devLogin', { openid: 'demo-resident-1' })
    expect(login.user.role).toBe('resident')
    const me = await api.data<{ user: { nickname: string; role: string } | null }>(
      'me.get',
      {},
      login.token,
    )
    expect(me.user).toMatchObject({ nickname: '村民 张大爷', role: 'resident' })
  })

  it('auth.devAccounts lists an admin, two grid workers, residents and a visitor', async () => {
    const accounts = await api.data<{ role: string }[]>('auth.devAccounts', {})
    const roles = accounts.map((a) => a.role)
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1)
    expect(roles.filter((r) => r === 'gridWorker')).toHaveLength(2)
    expect(roles.filter((r) => r === 'resident').length).toBeGreaterThanOrEqual(3)
    expect(roles).toContain('visitor')
  })

  it('an identity inside the input is ignored: the token decides who writes', async () => {
    const token = await api.login('demo-visitor')
    const updated = await api.data<{ nickname: string; role: string }>(
      'me.updateProfile',
      { nickname: '小林', openid: 'demo-admin', role: 'admin' },
      token,
    )
    expect(updated).toMatchObject({ nickname: '小林', role: 'visitor' })
    const admin = await api.data<{ user: { nickname: string } }>(
      'me.get',
      {},
      await api.login('demo-admin'),
    )
    expect(admin.user.nickname).toBe('镇宣传办 王主任')
  })

  it('answers with the request id in a header', async () => {
    const res = await fetch(`${api.app.url}/api/notices.list`, { method: 'POST', body: '{}' })
    expect(res.headers.get('x-request-id')).toMatch(/^req_/)
  })

  it('serves the H5 app for any other path (index.html fallback)', async () => {
    fs.mkdirSync(h5Dir(api.dataDir), { recursive: true })
    fs.writeFileSync(path.join(h5Dir(api.dataDir), 'index.html'), '<title>和美村宣</title>')
    const res = await fetch(`${api.app.url}/some/page`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('和美村宣')
    const escape = await fetch(`${api.app.url}/..%2f..%2fetc%2fpasswd`)
    expect(await escape.text()).not.toContain('root:')
    const database = await fetch(`${api.app.url}/..%2fhemei.sqlite`)
    expect(await database.text()).not.toContain('SQLite format')
  })
})

describe('local server outside dev mode', () => {
  it('has no dev login and no demo data', async () => {
    const api = await startTestApi({ devMode: false })
    try {
      const login = await api.post('auth.devLogin', { openid: 'demo-admin' })
      expect(login.status).toBe(404)
      expect(login.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const me = await api.data<{ devMode: boolean }>('me.get', {})
      expect(me.devMode).toBe(false)
      const villages = await api.data<unknown[]>('villages.list', {})
      expect(villages).toEqual([])
    } finally {
      await api.close()
    }
  })
})

describe('local server restarts', () => {
  it('keeps its data and its token secret across a restart, and seeds only once', async () => {
    const first = await startTestApi({ seed: 'fresh' })
    const dataDir = first.dataDir
    const token = await first.login('demo-visitor')
    await first.data('me.updateProfile', { nickname: '重启前' }, token)
    expect(first.app.seeded).toBe(true)
    await first.app.close()

    const second = await startTestApi({ dataDir })
    try {
      expect(second.app.seeded).toBe(false)
      const me = await second.data<{ user: { nickname: string } }>('me.get', {}, token)
      expect(me.user.nickname).toBe('重启前')
    } finally {
      await second.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
