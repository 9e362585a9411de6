import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BindingRequest } from '../../contract/bindings'
import type { MeUser } from '../../contract/people'
import { buildTestTown, HOUR, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

describe('binding a user to a household', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    now = NOW
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of [...Object.values(who), 'newcomer', 'other']) {
      tokens[openid] = await api.login(openid)
    }
  })
  afterEach(() => api.close())

  const me = async (openid: string) =>
    (await api.data<{ user: MeUser }>('me.get', {}, tokens[openid])).user
  const ask = (openid: string, input: object = {}) =>
    api.post<{ id: string; status: string }>(
      'bindings.request',
      {
        by: 'roster',
        villageId: 'vil-a',
        headName: '李大强',
        houseNo: '东街2号',
        relation: 'member',
        ...input,
      },
      tokens[openid],
    )

  it('a request waits for the grid worker, who approves it; the user becomes a resident', async () => {
    const { body } = await ask('newcomer')
    expect(body).toMatchObject({ ok: true, data: { status: 'pending' } })
    expect((await me('newcomer')).bindingRequest).toMatchObject({
      status: 'pending',
      houseNo: '东街2号',
    })

    const pending = await api.data<{ items: BindingRequest[] }>(
      'bindings.pending',
      {},
      tokens[who.gridA],
    )
    expect(pending.items.map((r) => r.household.headName)).toEqual(['李大强'])
    const other = await api.data<{ items: BindingRequest[] }>(
      'bindings.pending',
      {},
      tokens[who.gridB],
    )
    expect(other.items).toEqual([])

    const id = pending.items[0]?.id
    await api.data('bindings.approve', { id }, tokens[who.gridA])
    const after = await me('newcomer')
    expect(after).toMatchObject({
      role: 'resident',
      village: { name: '甲村' },
      bindingRequest: null,
    })
    expect(after.household).toMatchObject({ houseNo: '东街2号', relation: 'member' })
  })

  it('a rejection carries its reason to the user, who may ask again', async () => {
    const { body } = await ask('newcomer')
    const id = body.ok ? body.data.id : ''
    const reject = await api.post(
      'bindings.reject',
      { id, reason: '户主说不认识此人' },
      tokens[who.gridA],
    )
    expect(reject.status).toBe(200)
    expect((await me('newcomer')).bindingRequest).toMatchObject({
      status: 'rejected',
      reason: '户主说不认识此人',
    })
    expect((await ask('newcomer')).status).toBe(200)
  })

  it('refuses a second request while one waits, and a request from a bound user', async () => {
    expect((await ask('newcomer')).status).toBe(200)
    const second = await ask('newcomer', { houseNo: '东街3号', headName: '王芳' })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const bound = await ask(who.residentA)
    expect(bound.status).toBe(409)
  })

  it('answers NOT_FOUND for a name and number that do not match, without saying which', async () => {
    const { status, body } = await ask('newcomer', { headName: '李小强' })
    expect(status).toBe(404)
    if (!body.ok) expect(body.error.message).toContain('核对户主姓名和门牌号')
  })

  it('a grid worker cannot decide a request outside their grids, and nothing changes', async () => {
    const { body } = await ask('newcomer')
    const id = body.ok ? body.data.id : ''
    const denied = await api.post('bindings.approve', { id }, tokens[who.gridB])
    expect(denied.status).toBe(403)
    expect((await me('newcomer')).role).toBe('visitor')
    expect(acceptedWrites(await api.app.store.audit.recent(10)).map((e) => e.action)).toEqual([
      'bindings.request',
    ])
  })

  it('two approvals of one request: the second is a CONFLICT', async () => {
    const { body } = await ask('newcomer')
    const id = body.ok ? body.data.id : ''
    const [a, b] = await Promise.all([
      api.post('bindings.approve', { id }, tokens[who.gridA]),
      api.post('bindings.approve', { id }, tokens[who.admin]),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
  })

  it('the user can cancel a waiting request', async () => {
    await ask('newcomer')
    await api.data('bindings.cancel', {}, tokens.newcomer)
    expect((await me('newcomer')).bindingRequest).toBeNull()
    expect(
      (await api.data<{ items: unknown[] }>('bindings.pending', {}, tokens[who.admin])).items,
    ).toEqual([])
  })

  it('unbinding by the user, and revoking by an admin, are logged and end the residency', async () => {
    await api.data('bindings.unbind', {}, tokens[who.residentA])
    expect((await me(who.residentA)).role).toBe('visitor')
    const revoke = await api.post(
      'bindings.revoke',
      { id: `b-${who.residentB}`, reason: '已迁出本村' },
      tokens[who.admin],
    )
    expect(revoke.status).toBe(200)
    expect((await me(who.residentB)).role).toBe('visitor')
    const actions = (await api.app.store.audit.recent(10)).map((e) => e.action)
    expect(actions).toEqual(['bindings.revoke', 'bindings.unbind'])
  })

  describe('invite codes', () => {
    it('binds at once with a code from the household page, once, within 24 hours', async () => {
      const invite = await api.data<{ code: string; qr: string[] }>(
        'households.invite',
        { householdId: 'hh-a3' },
        tokens[who.gridA],
      )
      expect(invite.code).toMatch(/^[A-Z2-9]{8}$/)
      expect(invite.qr.length).toBeGreaterThan(20)
      expect(invite.qr.every((row) => row.length === invite.qr.length)).toBe(true)

      const used = await api.data<{ status: string }>(
        'bindings.request',
        { by: 'invite', code: invite.code.toLowerCase(), relation: 'head' },
        tokens.newcomer,
      )
      expect(used.status).toBe('approved')
      expect((await me('newcomer')).household?.headName).toBe('王芳')
      const again = await api.post(
        'bindings.request',
        { by: 'invite', code: invite.code, relation: 'head' },
        tokens.other,
      )
      expect(again.status).toBe(404)
    })

    it('an expired code does not bind', async () => {
      const invite = await api.data<{ code: string }>(
        'households.invite',
        { householdId: 'hh-a3' },
        tokens[who.gridA],
      )
      now = NOW + 24 * HOUR
      const late = await api.post(
        'bindings.request',
        { by: 'invite', code: invite.code, relation: 'head' },
        tokens.newcomer,
      )
      expect(late.status).toBe(404)
      expect((await me('newcomer')).role).toBe('visitor')
    })

    it('a grid worker cannot issue a code for a household outside their grids', async () => {
      const { status } = await api.post(
        'households.invite',
        { householdId: 'hh-b1' },
        tokens[who.gridA],
      )
      expect(status).toBe(403)
    })
  })
})
