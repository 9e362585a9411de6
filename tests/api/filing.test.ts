import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import type { Snapshot } from '../../server/store/store'
import { buildTestTown, HOUR, notice, NOW, who } from '../helpers/factories'
import { acceptedWrites, startTestApi, type TestApi } from '../helpers/http-api'

type Table = ActionOutput<'filing.table'>
type Settings = ActionOutput<'filing.settings'>

/** The test town plus a third village and notices around November's edges. */
function filingTown(): Snapshot {
  const town = buildTestTown()
  town.villages.push({ id: 'vil-c', name: '丙村', code: null, sort: 2, archivedAt: null })
  town.notices.push(
    notice('n-a-draft', ['vil-a'], { status: 'draft' }),
    notice('n-a-withdrawn', ['vil-a'], { status: 'withdrawn' }),
    // 2026-10-31 23:59:59.999 in Shanghai: October.
    notice('n-a-oct', ['vil-a'], { publishAt: Date.parse('2026-10-31T15:59:59.999Z') }),
    // 2026-11-01 00:00 in Shanghai: November.
    notice('n-a-nov1', ['vil-a'], { publishAt: Date.parse('2026-10-31T16:00:00Z') }),
    // Scheduled: not public yet.
    notice('n-b-later', ['vil-b'], { publishAt: NOW + HOUR }),
  )
  return town
}

const counts = (table: Table) =>
  table.rows.map((r) => [r.village.name, r.count, r.adopted, r.score, r.belowMinimum])

describe('信息报送考核 (filing)', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: filingTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
  })
  afterEach(() => api.close())

  const admin = <T>(action: string, input: object = {}) =>
    api.data<T>(action, input, tokens[who.admin])
  const filingTable = (month?: string) => admin<Table>('filing.table', month ? { month } : {})
  const auditCount = async () => acceptedWrites(await api.app.store.audit.recent(1000)).length

  it('counts each village’s published notices of the month, multi-village ones for each', async () => {
    const table = await filingTable()
    expect(table).toMatchObject({ month: '2026-11', minimum: 1, countWeight: 1, adoptedWeight: 3 })
    // 甲村: n-a, n-ab, n-a-nov1; 乙村: n-b, n-ab. Township-wide notices, drafts, withdrawn,
    // scheduled and October's are not counted.
    expect(counts(table)).toEqual([
      ['甲村', 3, 0, 3, false],
      ['乙村', 2, 0, 2, false],
      ['丙村', 0, 0, 0, true],
    ])
    expect(counts(await filingTable('2026-10'))).toEqual([
      ['甲村', 1, 0, 1, false],
      ['乙村', 0, 0, 0, true],
      ['丙村', 0, 0, 0, true],
    ])
    expect(await filingTable('2026-11')).toEqual(table)
  })

  it('lists a village’s counted notices with their adoption', async () => {
    const list = await admin<ActionOutput<'filing.notices'>>('filing.notices', {
      month: '2026-11',
      villageId: 'vil-a',
    })
    expect(list.map((n) => n.id)).toEqual(['n-a-nov1', 'n-ab', 'n-a'])
    expect(list.every((n) => !n.adopted)).toBe(true)
  })

  it('marks and unmarks a notice 被上级采用, scoring it for each of its villages', async () => {
    expect(await admin('notices.setAdopted', { id: 'n-ab', adopted: true })).toEqual({
      id: 'n-ab',
      adopted: true,
    })
    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'notices.setAdopted',
      actorId: `u-${who.admin}`,
      target: 'notice:n-ab',
      before: { adoptedAt: null },
      after: { adoptedAt: new Date(NOW).toISOString() },
    })
    expect(counts(await filingTable())).toEqual([
      ['甲村', 3, 1, 6, false],
      ['乙村', 2, 1, 5, false],
      ['丙村', 0, 0, 0, true],
    ])
    const listed = await admin<ActionOutput<'filing.notices'>>('filing.notices', {
      month: '2026-11',
      villageId: 'vil-b',
    })
    expect(listed.find((n) => n.id === 'n-ab')?.adopted).toBe(true)

    await admin('notices.setAdopted', { id: 'n-ab', adopted: false })
    const [undo] = await api.app.store.audit.recent(1)
    expect(undo).toMatchObject({
      target: 'notice:n-ab',
      before: { adoptedAt: new Date(NOW).toISOString() },
      after: { adoptedAt: null },
    })
    expect(counts(await filingTable()).map((r) => r[2])).toEqual([0, 0, 0])
  })

  it('answers NOT_FOUND for unknown, draft, withdrawn and scheduled notices', async () => {
    for (const id of ['n-nope', 'n-a-draft', 'n-a-withdrawn', 'n-b-later']) {
      const res = await api.post('notices.setAdopted', { id, adopted: true }, tokens[who.admin])
      expect(res.body.ok ? null : res.body.error.code).toBe('NOT_FOUND')
    }
    expect(counts(await filingTable()).map((r) => r[2])).toEqual([0, 0, 0])
  })

  it('settings change the score and the minimum, and are audited', async () => {
    expect(await admin<Settings>('filing.settings')).toEqual({
      minimum: 1,
      countWeight: 1,
      adoptedWeight: 3,
    })
    await admin('notices.setAdopted', { id: 'n-a', adopted: true })
    const next = { minimum: 3, countWeight: 2, adoptedWeight: 0.5 }
    expect(await admin<Settings>('filing.setSettings', next)).toEqual(next)
    expect(await admin<Settings>('filing.settings')).toEqual(next)
    const [entry] = await api.app.store.audit.recent(1)
    expect(entry).toMatchObject({
      action: 'filing.setSettings',
      target: 'setting:filing.settings',
      before: { minimum: 1, countWeight: 1, adoptedWeight: 3 },
      after: next,
    })

    const table = await filingTable()
    expect(table).toMatchObject(next)
    expect(counts(table)).toEqual([
      ['甲村', 3, 1, 6.5, false],
      ['乙村', 2, 0, 4, true],
      ['丙村', 0, 0, 0, true],
    ])

    // Equal scores keep the villages' own order.
    await admin('filing.setSettings', { minimum: 0, countWeight: 0, adoptedWeight: 0 })
    expect(counts(await filingTable())).toEqual([
      ['甲村', 3, 1, 0, false],
      ['乙村', 2, 0, 0, false],
      ['丙村', 0, 0, 0, false],
    ])
  })

  it('refuses settings out of range', async () => {
    for (const bad of [
      { minimum: 32, countWeight: 1, adoptedWeight: 3 },
      { minimum: 1.5, countWeight: 1, adoptedWeight: 3 },
      { minimum: 1, countWeight: -1, adoptedWeight: 3 },
      { minimum: 1, countWeight: 1, adoptedWeight: 101 },
    ]) {
      const res = await api.post('filing.setSettings', bad, tokens[who.admin])
      expect(res.body.ok ? null : res.body.error.code).toBe('BAD_INPUT')
    }
    expect(await admin<Settings>('filing.settings')).toMatchObject({ minimum: 1 })
  })

  it('ranks a higher score first', async () => {
    await admin('notices.setAdopted', { id: 'n-b', adopted: true })
    expect(counts(await filingTable()).map((r) => r[0])).toEqual(['乙村', '甲村', '丙村'])
  })

  it('exports the month as an .xlsx that reads back', async () => {
    await admin('notices.setAdopted', { id: 'n-ab', adopted: true })
    const file = await admin<{ fileName: string; content: string }>('filing.export', {
      month: '2026-11',
    })
    expect(file.fileName).toBe('信息报送-2026年11月.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(new Uint8Array(Buffer.from(file.content, 'base64')).buffer)
    const sheet = workbook.worksheets[0]!
    const rows: unknown[][] = []
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows).toEqual([
      ['村', '发布数', '被采用', '得分', '达标情况'],
      ['甲村', 3, 1, 6, '达标'],
      ['乙村', 2, 1, 5, '达标'],
      ['丙村', 0, 0, 0, '未达标'],
    ])
  })

  it('is for admins only, and a refused write changes nothing', async () => {
    const before = await auditCount()
    for (const openid of [who.gridA, who.residentA, who.visitor]) {
      for (const [action, input] of [
        ['filing.table', {}],
        ['filing.notices', { month: '2026-11', villageId: 'vil-a' }],
        ['filing.settings', {}],
        ['filing.export', { month: '2026-11' }],
        ['filing.setSettings', { minimum: 5, countWeight: 1, adoptedWeight: 1 }],
        ['notices.setAdopted', { id: 'n-a', adopted: true }],
      ] as const) {
        const res = await api.post(action, input, tokens[openid])
        expect(res.body.ok ? null : res.body.error.code, `${openid} ${action}`).toBe('FORBIDDEN')
      }
    }
    expect(await auditCount()).toBe(before)
    expect(await api.app.store.settings.get('filing.settings')).toBeNull()
    expect(counts(await filingTable())).toEqual([
      ['甲村', 3, 0, 3, false],
      ['乙村', 2, 0, 2, false],
      ['丙村', 0, 0, 0, true],
    ])
  })
})
