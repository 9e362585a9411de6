// Names staff can tell apart: 人员与角色 (users.search, staff.list) and 代投 (campaigns.assistees)
// show each person's village, 门牌号, 户主 and the household's phone masked by the server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import type { StaffUser } from '../../contract/people'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

describe('people lists for staff', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    for (const openid of Object.values(who)) tokens[openid] = await api.login(openid)
    // 张小明's household (resident A) has a mobile, 赵四's (resident B) a landline.
    const admin = tokens[who.admin]
    await api.data('households.update', { id: 'hh-a1', phone: '13912345678' }, admin)
    await api.data('households.update', { id: 'hh-b1', phone: '0571-88123456' }, admin)
  })
  afterEach(() => api.close())

  const search = (keyword: string) =>
    api.data<{ items: StaffUser[] }>('users.search', { keyword }, tokens[who.admin])

  it('users.search names the village, 门牌号, 户主 and a masked phone', async () => {
    const a = await search('张小明')
    expect(a.items.map((u) => u.household)).toEqual([
      { villageName: '甲村', houseNo: '东街1号', headName: '张小明', maskedPhone: '139****5678' },
    ])
    const b = await search('赵四')
    expect(b.items.map((u) => u.household)).toEqual([
      { villageName: '乙村', houseNo: '西街1号', headName: '赵四', maskedPhone: '0571-****3456' },
    ])
    // The full numbers appear nowhere in the answers.
    expect(JSON.stringify([a, b])).not.toMatch(/13912345678|88123456/)
  })

  it('a person without a household, or a household without a phone, shows no phone', async () => {
    const visitor = await search(who.visitor)
    expect(visitor.items.map((u) => [u.role, u.household])).toEqual([['visitor', null]])
    await api.data('households.update', { id: 'hh-a1', phone: null }, tokens[who.admin])
    expect((await search('张小明')).items[0]?.household?.maskedPhone).toBeNull()
  })

  it('staff.list carries the same fields (staff of the test town have no household)', async () => {
    const staff = await api.data<StaffUser[]>('staff.list', {}, tokens[who.admin])
    expect(staff.map((u) => [u.id, u.household])).toEqual(
      expect.arrayContaining([
        [`u-${who.admin}`, null],
        [`u-${who.gridA}`, null],
      ]),
    )
    // Appointing resident A keeps their household on the staff list.
    await api.data(
      'staff.appoint',
      { userId: `u-${who.residentA}`, role: 'gridWorker' },
      tokens[who.admin],
    )
    const after = await api.data<StaffUser[]>('staff.list', {}, tokens[who.admin])
    expect(after.find((u) => u.id === `u-${who.residentA}`)?.household).toEqual({
      villageName: '甲村',
      houseNo: '东街1号',
      headName: '张小明',
      maskedPhone: '139****5678',
    })
  })

  it('代投 lists each resident with 门牌号 and a masked phone', async () => {
    const page = await api.data<ActionOutput<'campaigns.assistees'>>(
      'campaigns.assistees',
      { campaignId: 'c-town' },
      tokens[who.gridA],
    )
    expect(page.items.map((r) => [r.household.name, r.houseNo, r.maskedPhone])).toEqual([
      ['张小明', '东街1号', '139****5678'],
    ])
    expect(JSON.stringify(page)).not.toContain('13912345678')
  })
})
