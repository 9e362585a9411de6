// 户码 over HTTP, on both adapters: every household has a plate, each role lands where it
// should and sees what the privacy rule allows, a reissued plate's old code is dead, wrong codes
// run out, plates print by group in scope, and a visitor asks to bind by the plate.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Door } from '../../contract/doorplates'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

describe('户码: the code on every door', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  /** The stored plates by household (SQLite columns or cloud fields). */
  const plates = () =>
    new Map(api.rows('doorplates').map((p) => [String(p.household_id ?? p._id), p]))
  const codeOf = (householdId: string) => String(plates().get(householdId)?.code)
  const open = (code: string, openid?: string) =>
    api.post<Door>('doorplates.open', { code }, openid ? tokens[openid] : undefined)
  const door = async (householdId: string, openid?: string) => {
    const { body } = await open(codeOf(householdId), openid)
    if (!body.ok) throw new Error(body.error.message)
    return body.data
  }

  it('gives every household of the snapshot its own code at start, 32 base32 characters', () => {
    const codes = [...plates().values()].map((p) => String(p.code))
    expect(codes).toHaveLength(6)
    expect(new Set(codes).size).toBe(6)
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{32}$/)
  })

  it('lands each caller where they should, showing only what the privacy rule allows', async () => {
    // 李大强 (hh-a2) has not agreed to show his name: masked for everyone outside.
    expect(await door('hh-a2', who.gridA)).toEqual({
      landing: 'inspect',
      roundId: 'r-open',
      household: {
        id: 'hh-a2',
        villageName: '甲村',
        groupName: '一组',
        name: '李大强',
        houseNo: '东街2号',
      },
    })
    const outside = {
      roundId: null,
      household: { id: null, villageName: '甲村', groupName: '一组', name: '李*强', houseNo: '' },
    }
    expect(await door('hh-a2', who.visitor)).toEqual({ landing: 'bind', ...outside })
    expect(await door('hh-a2')).toEqual({ landing: 'public', ...outside })
    expect(await door('hh-a2', who.residentB)).toEqual({ landing: 'public', ...outside })
    // A grid worker of another grid is anyone else.
    expect(await door('hh-a2', who.gridB)).toEqual({ landing: 'public', ...outside })
    expect(await door('hh-a2', who.admin)).toMatchObject({
      landing: 'household',
      household: { id: 'hh-a2', houseNo: '东街2号' },
    })
    // The household itself lands on 我的家庭.
    expect(await door('hh-a1', who.residentA)).toEqual({
      landing: 'family',
      roundId: null,
      household: {
        id: 'hh-a1',
        villageName: '甲村',
        groupName: '一组',
        name: '张小明',
        houseNo: '东街1号',
      },
    })
    // 张小明 agreed to show his name: the public sees it, never his 门牌号 or id.
    expect((await door('hh-a1', who.visitor)).household).toEqual({
      id: null,
      villageName: '甲村',
      groupName: '一组',
      name: '张小明',
      houseNo: '',
    })
  })

  it('a reissued plate: the old code answers NOT_FOUND, the new one opens the household', async () => {
    const old = codeOf('hh-a2')
    const denied = await api.post('doorplates.reissue', { householdId: 'hh-a2' }, tokens[who.gridB])
    expect(denied.status).toBe(403)
    expect(codeOf('hh-a2')).toBe(old)

    const { body } = await api.post(
      'doorplates.reissue',
      { householdId: 'hh-a2' },
      tokens[who.gridA],
    )
    expect(body).toMatchObject({ ok: true, data: { householdId: 'hh-a2' } })
    const fresh = codeOf('hh-a2')
    expect(fresh).not.toBe(old)
    const gone = await open(old, who.gridA)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect((await door('hh-a2', who.gridA)).household.id).toBe('hh-a2')
    // The audit names the household, never a code.
    const entries = acceptedWrites(await api.app.store.audit.recent(20)).filter(
      (e) => e.action === 'doorplates.reissue',
    )
    expect(entries.map((e) => e.target)).toEqual(['household:hh-a2'])
    expect(JSON.stringify(entries)).not.toContain(old)
    expect(JSON.stringify(entries)).not.toContain(fresh)
  })

  it('counts wrong codes like wrong invite codes: the 11th try within the hour is refused', async () => {
    const right = codeOf('hh-a2')
    for (let i = 0; i < 10; i++) {
      const wrong = await open(`${'a'.repeat(31)}${'bcdefghijk'[i]}`, who.visitor)
      expect(wrong.status).toBe(404)
    }
    // Even the right code: the caller has used up their wrong guesses.
    const refused = await open(right, who.visitor)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    // Someone else is not affected, and a right code never counts.
    for (let i = 0; i < 12; i++) expect((await open(right, who.residentB)).status).toBe(200)
  })

  it('prints a group’s plates by 门牌号, a page at a time, only in the caller’s grids', async () => {
    const input = { groupId: 'vil-a-g1', origin: 'http://192.168.1.5:8080', limit: 3 }
    const first = await api.data<{
      village: { name: string }
      group: { name: string }
      items: { householdId: string; houseNo: string; code: string; qr: string[] | null }[]
      nextCursor: string | null
    }>('doorplates.print', input, tokens[who.gridA])
    expect(first.village.name).toBe('甲村')
    expect(first.group.name).toBe('一组')
    // 门牌号 in walking order: 东街1号, 东街2号, 东街3号, then 东街10号.
    expect(first.items.map((p) => p.houseNo)).toEqual(['东街1号', '东街2号', '东街3号'])
    expect(first.items.map((p) => p.code)).toEqual(first.items.map((p) => codeOf(p.householdId)))
    const qr = first.items[0]?.qr ?? []
    expect(qr.length).toBeGreaterThanOrEqual(25)
    expect(qr.every((row) => row.length === qr.length && /^[01]+$/.test(row))).toBe(true)
    expect(first.nextCursor).not.toBeNull()
    const second = await api.data<{ items: { houseNo: string }[]; nextCursor: string | null }>(
      'doorplates.print',
      { ...input, cursor: first.nextCursor },
      tokens[who.gridA],
    )
    expect(second.items.map((p) => p.houseNo)).toEqual(['东街10号'])
    expect(second.nextCursor).toBeNull()
    const printed = [...plates().values()].filter((p) => (p.printed_at ?? p.printedAt) === NOW)
    expect(printed).toHaveLength(4)

    const denied = await api.post('doorplates.print', input, tokens[who.gridB])
    expect(denied.status).toBe(403)
  })

  it('a visitor asks to bind by the plate; the grid worker still approves', async () => {
    const { body } = await api.post(
      'bindings.request',
      { by: 'plate', code: codeOf('hh-a3'), relation: 'member' },
      tokens[who.visitor],
    )
    expect(body).toMatchObject({ ok: true, data: { status: 'pending' } })
    const pending = await api.data<{ items: { household: { headName: string } }[] }>(
      'bindings.pending',
      {},
      tokens[who.gridA],
    )
    expect(pending.items.map((r) => r.household.headName)).toEqual(['王芳'])
    const wrong = await api.post(
      'bindings.request',
      { by: 'plate', code: 'x'.repeat(32), relation: 'member' },
      tokens.other ?? (await api.login('other')),
    )
    expect(wrong.status).toBe(404)
  })

  it('a household imported later gets its plate with the import', async () => {
    const csv = Buffer.from(
      '村名,村民小组,户主姓名,门牌号,家庭人口\n甲村,一组,新来户,东街99号,2\n',
    ).toString('base64')
    await api.data('roster.commit', { fileName: 'r.csv', content: csv }, tokens[who.admin])
    expect(plates().size).toBe(7)
  })
})
