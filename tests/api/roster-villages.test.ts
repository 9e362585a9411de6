// The roster never creates a village by a typo, and says what it changes — over HTTP on both
// adapters, over the demo township (柳家村 is one of its villages).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Household, RosterReport } from '../../contract/places'
import { NOW } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { base64, csvOf, ROSTER_HEADER } from '../helpers/roster-files'

const file = (rows: string[][], newVillages?: string[]) => ({
  fileName: '花名册.csv',
  content: base64(csvOf([ROSTER_HEADER, ...rows])),
  ...(newVillages ? { newVillages } : {}),
})

describe('roster villages and changes over HTTP', () => {
  let api: TestApi
  let admin = ''
  let now = NOW
  let first: Household
  let second: Household
  const dump = () => api.dumpAll(['audit_log'])

  beforeAll(async () => {
    api = await startTestApi({ clock: () => now })
    admin = await api.login('demo-admin')
    const page = await api.data<{ items: Household[] }>(
      'households.list',
      { villageId: 'vil-01', limit: 2 },
      admin,
    )
    ;[first, second] = page.items as [Household, Household]
  }, 60_000)
  afterAll(() => api.close())
  beforeEach(() => {
    now += 61_000
  })

  const row = (
    h: Household,
    patch: Partial<Record<'village' | 'size' | 'phone' | 'head', string>> = {},
  ) => [
    patch.village ?? h.village.name,
    h.group.name,
    patch.head ?? h.headName,
    h.houseNo,
    patch.size ?? String(h.size),
    patch.phone ?? h.phone ?? '',
  ]

  it('a typo of a village is an error on its line naming the nearest village; commit writes nothing', async () => {
    const upload = file([row(first), ['柳家庄', '一组', '新来户', '北街99号', '2', '']])
    const report = await api.data<RosterReport>('roster.preview', upload, admin)
    expect(report.errors).toEqual([{ line: 3, message: '本镇没有“柳家庄”，是不是“柳家村”？' }])
    expect(report).toMatchObject({ unknownVillages: ['柳家庄'], villagesToCreate: [] })

    const before = dump()
    const { status, body } = await api.post('roster.commit', upload, admin)
    expect(status).toBe(400)
    expect(body).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        details: { fields: [{ path: '第 3 行', message: '本镇没有“柳家庄”，是不是“柳家村”？' }] },
      },
    })
    expect(dump()).toBe(before)
  })

  it('a confirmation that differs from what the file would create is refused, nothing written', async () => {
    const before = dump()
    for (const newVillages of [['柳家村'], ['柳家庄', '大王庄'], ['大王庄']]) {
      const upload = file([['柳家庄', '一组', '新来户', '北街99号', '2', '']], newVillages)
      for (const action of ['roster.preview', 'roster.commit']) {
        const { status, body } = await api.post(action, upload, admin)
        expect(status, `${action} ${newVillages.join()}`).toBe(400)
        expect(body).toMatchObject({
          error: { code: 'BAD_INPUT', details: { fields: [{ path: 'newVillages' }] } },
        })
      }
    }
    expect(dump()).toBe(before)
  })

  it('a preview that updates households names each: line, 门牌号, each field from → to', async () => {
    const size = String(first.size + 1)
    const upload = file([row(second), row(first, { size, head: '改名户主' })])
    const report = await api.data<RosterReport>('roster.preview', upload, admin)
    expect(report).toMatchObject({ update: 1, unchanged: 1, errors: [] })
    expect(report.changes).toEqual([
      {
        line: 3,
        villageName: '柳家村',
        houseNo: first.houseNo,
        fields: [
          { field: '户主姓名', from: first.headName, to: '改名户主' },
          { field: '家庭人口', from: String(first.size), to: size },
        ],
      },
    ])
  })

  it('the admin confirms the exact new village: the commit creates it, once', async () => {
    const upload = file([['柳家庄', '一组', '新来户', '北街99号', '2', '']], ['柳家庄'])
    const preview = await api.data<RosterReport>('roster.preview', upload, admin)
    expect(preview).toMatchObject({ errors: [], villagesToCreate: ['柳家庄'], unknownVillages: [] })
    const report = await api.data<RosterReport>('roster.commit', upload, admin)
    expect(report).toMatchObject({ committed: true, create: 1, villagesToCreate: ['柳家庄'] })
    const villages = await api.data<{ name: string }[]>('villages.list', {}, admin)
    expect(villages.filter((v) => v.name === '柳家庄')).toHaveLength(1)
    // The same file again: the village exists, so the confirmation is stale and refused.
    const again = await api.post('roster.commit', upload, admin)
    expect(again.status).toBe(400)
  })
})
