// 我的申诉: a resident reads their own household's appeals with how each ended, a page at a time;
// nobody reads another household's.
import type { ActionOutput } from '../../contract'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type MyAppeals = ActionOutput<'board.myAppeals'>

describe('board.myAppeals', () => {
  let api: TestApi
  let now = NOW
  const tokens: Record<string, string> = {}
  const as = (openid: string) => tokens[openid]
  const mine = (openid: string, input: { cursor?: string; limit?: number } = {}) =>
    api.data<MyAppeals>('board.myAppeals', input, as(openid))
  const appeal = (text: string) =>
    api.data<ActionOutput<'board.appeal'>>(
      'board.appeal',
      { roundId: 'r-open', text },
      as(who.residentA),
    )

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
    const { expect: figures } = await api.data<{ expect: object }>(
      'board.publishPreview',
      { roundId: 'r-open' },
      as(who.admin),
    )
    await api.data('board.publish', { roundId: 'r-open', expect: figures }, as(who.admin))
  })
  afterAll(() => api.close())

  it('is empty before the household appeals, and for a visitor bound to no household', async () => {
    expect(await mine(who.residentA)).toEqual({ items: [], nextCursor: null })
    expect(await mine(who.visitor)).toEqual({ items: [], nextCursor: null })
    expect((await api.post('board.myAppeals', {})).status).toBe(401)
  })

  it('shows a pending appeal with its round, then how the grid worker decided it', async () => {
    const filed = await appeal('检查那天刚好在修院墙，现已清理完毕')
    const pending = await mine(who.residentA)
    expect(pending.items).toHaveLength(1)
    expect(pending.items[0]).toMatchObject({
      id: filed.id,
      status: 'pending',
      roundId: 'r-open',
      roundTitle: filed.roundTitle,
      household: { id: 'hh-a1' },
    })
    expect(pending.items[0]?.roundTitle).not.toBe('')

    now += 60_000
    await api.data(
      'board.decideAppeal',
      { id: filed.id, decision: 'reject', reason: '照片显示杂物仍在' },
      as(who.gridA),
    )
    const decided = await mine(who.residentA)
    expect(decided.items[0]).toMatchObject({
      id: filed.id,
      status: 'rejected',
      reason: '照片显示杂物仍在',
    })
  })

  it('pages newest first, and shows nothing of the household to another resident', async () => {
    now += 60_000
    const second = await appeal('杂物已经全部搬走，请再来看看')
    const first = await mine(who.residentA, { limit: 1 })
    expect(first.items.map((a) => [a.id, a.status])).toEqual([[second.id, 'pending']])
    expect(first.nextCursor).not.toBeNull()
    const rest = await mine(who.residentA, { limit: 1, cursor: first.nextCursor ?? '' })
    expect(rest.items.map((a) => a.status)).toEqual(['rejected'])
    expect(rest.nextCursor).toBeNull()

    expect((await mine(who.residentB)).items).toEqual([])
    expect((await mine(who.gridA)).items).toEqual([])
  })
})
