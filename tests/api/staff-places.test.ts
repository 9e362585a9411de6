import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Household } from '../../contract/places'
import type { ActionOutput } from '../../contract'
import type { StaffUser } from '../../contract/people'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

describe('roles, places and households', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of [...Object.values(who), 'newcomer'])
      tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const admin = <T>(action: string, input: object) => api.data<T>(action, input, tokens[who.admin])
  const roleOf = async (openid: string) =>
    (await api.data<{ user: { role: string } }>('me.get', {}, tokens[openid])).user.role

  describe('staff', () => {
    it('an admin appoints a grid worker, assigns a grid, and dismisses them', async () => {
      const found = await admin<{ items: StaffUser[] }>('users.search', { keyword: 'newcomer' })
      const userId = found.items[0]?.id as string
      await admin('staff.appoint', { userId, role: 'gridWorker' })
      expect(await roleOf('newcomer')).toBe('gridWorker')
      await admin('grids.assignWorker', { gridId: 'vil-b-grid', userId })
      const list = await api.data<{ items: Household[] }>('households.list', {}, tokens.newcomer)
      expect(list.items.map((h) => h.id)).toEqual(['hh-b1', 'hh-b2'])

      const dismissed = await admin<StaffUser>('staff.dismiss', { userId })
      expect(dismissed).toMatchObject({ role: 'visitor', grids: [] })
      expect(await roleOf('newcomer')).toBe('visitor')
    })

    it('finds users by the head name of their household', async () => {
      const found = await admin<{ items: StaffUser[] }>('users.search', { keyword: '张小明' })
      expect(found.items.map((u) => u.householdLabel)).toEqual(['甲村 东街1号 · 户主 张小明'])
    })

    it('never dismisses or demotes the last admin', async () => {
      const res = await api.post('staff.dismiss', { userId: `u-${who.admin}` }, tokens[who.admin])
      expect(res.status).toBe(409)
      const demote = await api.post(
        'staff.appoint',
        { userId: `u-${who.admin}`, role: 'gridWorker' },
        tokens[who.admin],
      )
      expect(demote.status).toBe(409)
      expect(await roleOf(who.admin)).toBe('admin')
    })

    it('assigning a grid to someone who is not a grid worker is a CONFLICT', async () => {
      const res = await api.post(
        'grids.assignWorker',
        { gridId: 'vil-a-grid', userId: `u-${who.residentA}` },
        tokens[who.admin],
      )
      expect(res.status).toBe(409)
    })
  })

  describe('places', () => {
    type Tree = ActionOutput<'places.tree'>

    it('creates, renames and archives villages, groups and grids; history stays', async () => {
      const { id } = await admin<{ id: string }>('places.create', {
        kind: 'village',
        name: '丙村',
        code: '990101001903',
      })
      await admin('places.create', { kind: 'group', villageId: id, name: '一组' })
      await admin('places.create', { kind: 'grid', villageId: id, name: '丙村网格' })
      await admin('places.rename', { kind: 'village', id, name: '丙家村' })
      await admin('places.archive', { kind: 'village', id, archived: true })
      const tree = await admin<Tree>('places.tree', {})
      expect(tree.find((v) => v.id === id)).toMatchObject({
        name: '丙家村',
        archived: true,
        groups: [{ name: '一组' }],
        grids: [{ name: '丙村网格' }],
      })
      const villages = await api.data<{ id: string }[]>('villages.list', {})
      expect(villages.map((v) => v.id)).not.toContain(id)
      await admin('places.archive', { kind: 'village', id, archived: false })
      expect((await api.data<{ id: string }[]>('villages.list', {})).map((v) => v.id)).toContain(id)
    })

    it('refuses a duplicate group name or code, a bad code, and a group in an unknown village', async () => {
      const dup = await api.post(
        'places.create',
        { kind: 'group', villageId: 'vil-a', name: '一组' },
        tokens[who.admin],
      )
      expect(dup.status).toBe(409)
      const code = await api.post(
        'places.create',
        { kind: 'village', name: '丁村', code: '990101001901' },
        tokens[who.admin],
      )
      expect(code.status).toBe(409)
      const bad = await api.post(
        'places.create',
        { kind: 'village', name: '丁村', code: '123' },
        tokens[who.admin],
      )
      expect(bad.status).toBe(400)
      if (!bad.body.ok) expect(bad.body.error.message).toBe('行政区划代码应为 12 位数字')
      const orphan = await api.post(
        'places.create',
        { kind: 'grid', villageId: 'vil-x', name: '网格' },
        tokens[who.admin],
      )
      expect(orphan.status).toBe(400)
    })
  })

  describe('households', () => {
    it('a grid worker lists and reads only households of their grids, with phones', async () => {
      const list = await api.data<{ items: Household[] }>('households.list', {}, tokens[who.gridA])
      expect(list.items.map((h) => h.houseNo)).toEqual([
        '东街1号',
        '东街2号',
        '东街3号',
        '东街10号',
      ])
      expect(list.items[0]?.phone).toBe('13800000000')
      const outside = await api.post('households.get', { id: 'hh-b1' }, tokens[who.gridA])
      expect(outside.status).toBe(403)
      const own = await api.data<Household>('households.get', { id: 'hh-a1' }, tokens[who.gridA])
      expect(own.members).toEqual([
        {
          bindingId: `b-${who.residentA}`,
          userId: `u-${who.residentA}`,
          nickname: `昵称-${who.residentA}`,
          relation: 'head',
        },
      ])
    })

    it('residents and visitors cannot read households (no phone numbers leak)', async () => {
      for (const openid of [who.residentA, who.visitor]) {
        const res = await api.post('households.get', { id: 'hh-a1' }, tokens[openid])
        expect(res.status).toBe(403)
        expect(JSON.stringify(res.body)).not.toContain('13800000000')
      }
    })

    it('a grid worker corrects a household in scope; a bad phone changes nothing', async () => {
      const bad = await api.post(
        'households.update',
        { id: 'hh-a2', phone: '12345' },
        tokens[who.gridA],
      )
      expect(bad.status).toBe(400)
      const ok = await api.data<Household>(
        'households.update',
        { id: 'hh-a2', size: 5, phone: '0931-8123456' },
        tokens[who.gridA],
      )
      expect(ok).toMatchObject({ size: 5, phone: '0931-8123456' })
      const outside = await api.post(
        'households.update',
        { id: 'hh-b2', size: 2 },
        tokens[who.gridA],
      )
      expect(outside.status).toBe(403)
      const [entry] = acceptedWrites(await api.app.store.audit.recent(5))
      expect(entry).toMatchObject({ action: 'households.update', target: 'household:hh-a2' })
    })

    it('pages through a village without repeats, 门牌号 in walking order', async () => {
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: Household[]; nextCursor: string | null } = await api.data(
          'households.list',
          { limit: 2, villageId: 'vil-a', ...(cursor ? { cursor } : {}) },
          tokens[who.admin],
        )
        seen.push(...page.items.map((h) => h.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual(['hh-a1', 'hh-a2', 'hh-a3', 'hh-a4'])
    })
  })
})

describe('the first admin of a fresh installation', () => {
  it('is claimed once with the setup code printed at start', async () => {
    // The same town with nobody appointed: a fresh installation.
    const town = buildTestTown()
    const users = town.users.map((u) => ({ ...u, staffRole: null }))
    const api = await startTestApi({ snapshot: { ...town, users, gridWorkers: [] } })
    try {
      const code = api.app.setupCode as string
      expect(code).toMatch(/^[A-Z2-9]{10}$/)
      const first = await api.login('first')
      const second = await api.login('second')
      expect((await api.data<{ setupOpen: boolean }>('me.get', {}, first)).setupOpen).toBe(true)
      const wrong = await api.post('admin.claim', { code: 'AAAAAAAAAA' }, first)
      expect(wrong.status).toBe(403)
      const claimed = await api.data<{ role: string }>(
        'admin.claim',
        { code: code.toLowerCase() },
        first,
      )
      expect(claimed.role).toBe('admin')
      const again = await api.post('admin.claim', { code }, second)
      expect(again.status).toBe(409)
      expect((await api.data<{ setupOpen: boolean }>('me.get', {}, second)).setupOpen).toBe(false)
    } finally {
      await api.close()
    }
  })

  it('is not offered when ADMIN_OPENIDS names one or an admin exists', async () => {
    const api = await startTestApi({ snapshot: buildTestTown() })
    try {
      expect(api.app.setupCode).toBeNull()
    } finally {
      await api.close()
    }
  })
})
