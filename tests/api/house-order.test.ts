// 门牌号 in walking order over HTTP, on both adapters: a street numbered 1..12 with a 之一,
// imported in shuffled order, reads 1, 2, … 10, 10之一, 11, 12 across page boundaries in the
// household list, the inspection walk list and the roster export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RosterReport } from '../../contract/places'
import { readRosterFile } from '../../server/people/roster.file'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { base64, ROSTER_HEADER, xlsxOf } from '../helpers/roster-files'

const WALK = [
  '北街1号',
  '北街2号',
  '北街3号',
  '北街4号',
  '北街5号',
  '北街6号',
  '北街7号',
  '北街8号',
  '北街9号',
  '北街10号',
  '北街10号之一',
  '北街11号',
  '北街12号',
]
/** The file's order: neither walking order nor text order. */
const FILE_ORDER = [7, 12, 0, 10, 3, 11, 1, 9, 5, 2, 8, 4, 6].map((i) => WALK[i] as string)

describe('门牌号 in walking order over HTTP', () => {
  let api: TestApi
  let admin = ''
  let grid = ''

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    admin = await api.login(who.admin)
    grid = await api.login(who.gridA)
    const rows = FILE_ORDER.map((houseNo, i) => ['甲村', '一组', `北街户${i}`, houseNo, 2, ''])
    const report = await api.data<RosterReport>(
      'roster.commit',
      { fileName: '花名册.xlsx', content: base64(await xlsxOf([ROSTER_HEADER, ...rows])) },
      admin,
    )
    expect(report).toMatchObject({ create: 13, errors: [], committed: true })
  }, 60_000)
  afterAll(() => api.close())

  /** Every page of a list action, following nextCursor; also the page sizes seen. */
  const allPages = async (action: string, input: object, token: string) => {
    const seen: string[] = []
    const sizes: number[] = []
    let cursor: string | undefined
    for (let n = 0; n < 10; n++) {
      const page = await api.data<{ items: { houseNo: string }[]; nextCursor: string | null }>(
        action,
        { ...input, ...(cursor ? { cursor } : {}) },
        token,
      )
      seen.push(...page.items.map((i) => i.houseNo))
      sizes.push(page.items.length)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    return { seen, sizes }
  }

  it('households.list pages 5 at a time in walking order', async () => {
    const { seen, sizes } = await allPages(
      'households.list',
      { villageId: 'vil-a', keyword: '北街', limit: 5 },
      admin,
    )
    expect(sizes).toEqual([5, 5, 3])
    expect(seen).toEqual(WALK)
  })

  it('households.list for the grid worker, 4 at a time, the same order', async () => {
    const { seen, sizes } = await allPages('households.list', { keyword: '北街', limit: 4 }, grid)
    expect(sizes).toEqual([4, 4, 4, 1])
    expect(seen).toEqual(WALK)
  })

  it('the inspection walk list (board.inspectables) pages in walking order', async () => {
    const { seen, sizes } = await allPages(
      'board.inspectables',
      { roundId: 'r-open', keyword: '北街', limit: 3 },
      grid,
    )
    expect(sizes).toEqual([3, 3, 3, 3, 1])
    expect(seen).toEqual(WALK)
  })

  it('the whole village lists 东街1号, 2号, 3号 and 10号 in number order among the rest', async () => {
    const { seen } = await allPages('households.list', { villageId: 'vil-a', limit: 7 }, admin)
    expect(seen.filter((h) => h.startsWith('东街'))).toEqual([
      '东街1号',
      '东街2号',
      '东街3号',
      '东街10号',
    ])
    expect(seen.filter((h) => h.startsWith('北街'))).toEqual(WALK)
  })

  it('the roster export lists the street in walking order', async () => {
    const exported = await api.data<{ fileName: string; content: string }>(
      'roster.export',
      { villageId: 'vil-a' },
      admin,
    )
    const read = await readRosterFile(Buffer.from(exported.content, 'base64'), exported.fileName)
    expect(read.rows.map((r) => r.houseNo).filter((h) => h.startsWith('北街'))).toEqual(WALK)
  })
})
