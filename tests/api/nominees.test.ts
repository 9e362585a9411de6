// campaigns.nominees finds a neighbour to nominate; it is not a way to list a village: only
// while the campaign takes nominations, only for those who may nominate in its scope, at
// least two characters of a name, one page and no next one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOW, townWithVoters, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

interface Found {
  items: { id: string; name: string }[]
  nextCursor: string | null
}

describe('campaigns.nominees', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}
  beforeAll(async () => {
    // 30 more households of 甲村 named 户主0 … 户主29, for the page bound.
    api = await startTestApi({ snapshot: townWithVoters(30, 1, 'nb'), clock: () => NOW })
    for (const openid of [who.residentA, who.residentB, who.visitor, who.gridA])
      tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const search = (openid: string, input: object) =>
    api.post<Found>('campaigns.nominees', input, tokens[openid])

  it('finds a neighbour of the campaign’s village by two characters of the name', async () => {
    const { status, body } = await search(who.residentA, { campaignId: 'c-a', name: '欧阳' })
    expect(status).toBe(200)
    expect(body.ok && body.data.items.map((h) => h.name)).toEqual(['欧阳春花'])
  })

  it('refuses one character, in Chinese, and accepts two', async () => {
    const one = await search(who.residentA, { campaignId: 'c-a', name: '王' })
    expect(one.status).toBe(400)
    expect(one.body).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: '请至少输入户主姓名中的两个字' },
    })
    const spaced = await search(who.residentA, { campaignId: 'c-a', name: ' 王 ' })
    expect(spaced.status).toBe(400)
    expect((await search(who.residentA, { campaignId: 'c-a', name: '王芳' })).status).toBe(200)
  })

  it('answers one page of at most 20 and never a next one', async () => {
    const first = await search(who.residentA, { campaignId: 'c-a', name: '户主' })
    expect(first.body.ok && first.body.data.items.length).toBe(20)
    expect(first.body.ok && first.body.data.nextCursor).toBeNull()
    const nineteen = await search(who.residentA, { campaignId: 'c-a', name: '户主', limit: 19 })
    expect(nineteen.body.ok && nineteen.body.data.items.length).toBe(19)
    const over = await search(who.residentA, { campaignId: 'c-a', name: '户主', limit: 21 })
    expect(over.status).toBe(400)
  })

  it('is closed once nominations are over (c-town is voting)', async () => {
    const { status, body } = await search(who.residentA, { campaignId: 'c-town', name: '王芳' })
    expect(status).toBe(409)
    expect(body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await search(who.gridA, { campaignId: 'c-town', name: '王芳' })).status).toBe(409)
  })

  it('is refused to a resident outside the campaign’s village and to a visitor', async () => {
    // 甲村's campaign does not exist for 乙村: it answers like an unknown one.
    expect((await search(who.residentB, { campaignId: 'c-a', name: '王芳' })).status).toBe(404)
    expect((await search(who.visitor, { campaignId: 'c-a', name: '王芳' })).status).toBe(403)
    expect((await api.post('campaigns.nominees', { campaignId: 'c-a', name: '王芳' })).status).toBe(
      401,
    )
  })
})
