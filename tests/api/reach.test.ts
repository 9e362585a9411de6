import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Reach = ActionOutput<'notices.reach'>

describe('notice reach', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const reach = (noticeId: string, openid: string, input: object = {}) =>
    api.data<Reach>('notices.reach', { noticeId, ...input }, tokens[openid])

  it("lists the grid worker's households in scope that have not opened the notice", async () => {
    const before = await reach('n-a', who.gridA)
    expect(before.items.map((h) => h.id)).toEqual(['hh-a1', 'hh-a2', 'hh-a3', 'hh-a4'])
    expect(before).toMatchObject({ inScope: 4, reached: 0 })
    expect(before.items[0]?.phone).toBe('13800000000')

    // Opening it as a resident marks the household reached; opening it again changes nothing.
    await api.data('notices.open', { id: 'n-a' }, tokens[who.residentA])
    await api.data('notices.open', { id: 'n-a' }, tokens[who.residentA])
    const after = await reach('n-a', who.gridA)
    expect(after.items.map((h) => h.id)).toEqual(['hh-a2', 'hh-a3', 'hh-a4'])
    expect(after).toMatchObject({ inScope: 4, reached: 1 })
  })

  it('covers only the notice villages, and for a grid worker only their grids', async () => {
    expect((await reach('n-b', who.gridA)).inScope).toBe(0)
    expect((await reach('n-town', who.gridB)).items.map((h) => h.id)).toEqual(['hh-b1', 'hh-b2'])
    const admin = await reach('n-ab', who.admin)
    expect(admin.inScope).toBe(6)
  })

  it('a visitor opening a notice reaches nobody; staff browsing does not count for others', async () => {
    await api.data('notices.open', { id: 'n-town' }, tokens[who.visitor])
    await api.data('notices.open', { id: 'n-town' }, tokens[who.gridA])
    expect((await reach('n-town', who.admin)).reached).toBe(0)
  })

  it('pages without repeats', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Reach = await reach('n-town', who.admin, {
        limit: 4,
        ...(cursor ? { cursor } : {}),
      })
      seen.push(...page.items.map((h) => h.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(6)
    expect(new Set(seen).size).toBe(6)
  })

  it('residents and visitors may not see who has not read', async () => {
    for (const openid of [who.residentA, who.visitor]) {
      const { status } = await api.post('notices.reach', { noticeId: 'n-a' }, tokens[openid])
      expect(status).toBe(403)
    }
  })

  it('an unknown or unpublished notice is NOT_FOUND', async () => {
    for (const noticeId of ['n-none', 'n-withdrawn']) {
      const { status } = await api.post('notices.reach', { noticeId }, tokens[who.admin])
      expect(status).toBe(404)
    }
  })
})
