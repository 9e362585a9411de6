import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Ranking = ActionOutput<'board.ranking'>

describe('red and black list', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterAll(() => api.close())

  const ranking = (openid: string | undefined, villageId?: string) =>
    api.data<Ranking>(
      'board.ranking',
      { roundId: 'r-pub', ...(villageId ? { villageId } : {}) },
      openid ? tokens[openid] : undefined,
    )

  it('ranks red best first and black worst first, by the round thresholds', async () => {
    const r = await ranking(who.admin)
    expect(r.red.map((e) => [e.rank, e.householdId, e.score])).toEqual([
      [1, 'hh-b1', 98],
      [2, 'hh-a1', 95],
      [3, 'hh-a2', 92],
    ])
    expect(r.black?.map((e) => e.householdId)).toEqual(['hh-a4', 'hh-a3', 'hh-b2'])
    expect(r.inspected).toBe(6)
    expect(r.average).toBe(71.7)
  })

  it('shows a visitor red names masked unless the household consented, and no black list', async () => {
    const r = await ranking(who.visitor)
    expect(r.red.map((e) => e.name)).toEqual(['赵*', '张小明', '李*强'])
    expect(r.black).toBeNull()
    expect(r.blackHiddenReason).toContain('黑榜仅向本村')
  })

  it("shows a resident their own village's black list only, masked", async () => {
    const r = await ranking(who.residentA)
    expect(r.black?.map((e) => e.name)).toEqual(['欧**花', '王*'])
    const other = await ranking(who.residentA, 'vil-b')
    expect(other.black).toBeNull()
    expect(other.blackHiddenReason).toContain('只能查看本村')
  })

  it('shows the grid worker full names in their villages, masked elsewhere', async () => {
    const r = await ranking(who.gridA)
    expect(r.black?.map((e) => e.name)).toEqual(['欧阳春花', '王芳'])
    expect(r.red.find((e) => e.householdId === 'hh-b1')?.name).toBe('赵*')
  })

  it('never sends phone numbers or other undeclared fields', async () => {
    const { body } = await api.post('board.ranking', { roundId: 'r-pub' }, tokens[who.admin])
    expect(JSON.stringify(body)).not.toContain('13800000000')
    expect(JSON.stringify(body)).not.toContain('showNameOnRed')
  })

  it('hides an unpublished round from residents and visitors, not from staff', async () => {
    const rounds = await api.data<{ items: { id: string }[] }>(
      'board.rounds',
      {},
      tokens[who.residentA],
    )
    expect(rounds.items.map((r) => r.id)).toEqual(['r-pub'])
    const staff = await api.data<{ items: { id: string }[] }>('board.rounds', {}, tokens[who.gridA])
    expect(staff.items.map((r) => r.id)).toEqual(['r-open', 'r-pub'])
    const { status } = await api.post('board.ranking', { roundId: 'r-open' }, tokens[who.residentA])
    expect(status).toBe(404)
  })

  it('an unknown village is BAD_INPUT', async () => {
    const { status } = await api.post('board.ranking', { roundId: 'r-pub', villageId: 'vil-x' })
    expect(status).toBe(400)
  })
})
