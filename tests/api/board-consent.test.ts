// 红榜显示户主全名 is the householder's to decide: only the member bound as 户主 may change it;
// the other members see it with who set it and when. The demo accounts say who is which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ActionOutput } from '../../contract'
import { NOW } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'

type Consent = ActionOutput<'board.consent'>
type Me = ActionOutput<'me.get'>

describe('red-list name consent: the householder decides (demo township)', () => {
  let api: TestApi
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    api = await startTestApi({ clock: () => NOW })
    for (const openid of [
      'demo-resident-1',
      'demo-resident-2',
      'demo-resident-3',
      'demo-resident-4',
    ]) {
      tokens[openid] = await api.login(openid)
    }
  })
  afterAll(() => api.close())

  it('the demo residents are bound as their pages say: 张大爷 is 户主 张德顺, 刘阿姨 a member', async () => {
    const me = async (openid: string) =>
      (await api.data<Me>('me.get', {}, tokens[openid])).user?.household
    expect(await me('demo-resident-1')).toMatchObject({ headName: '张德顺', relation: 'head' })
    expect(await me('demo-resident-2')).toMatchObject({ relation: 'member' })
    expect(await me('demo-resident-3')).toMatchObject({ headName: '陈国强', relation: 'head' })
    expect(await me('demo-resident-4')).toMatchObject({ relation: 'member' })
    const accounts = await api.data<{ openid: string; description: string }[]>('auth.devAccounts')
    const line = (openid: string) => accounts.find((a) => a.openid === openid)?.description ?? ''
    expect(line('demo-resident-1')).toContain('户主本人（张德顺）')
    expect(line('demo-resident-2')).toContain('家庭成员（户主 张德顺）')
  })

  it('a member is refused in Chinese and nothing changes; they see it read-only', async () => {
    const member = tokens['demo-resident-2']
    const before = await api.data<Consent>('board.consent', {}, member)
    expect(before).toMatchObject({ canChange: false, setByName: null, setAt: null })
    const refused = await api.post(
      'board.setConsent',
      { showNameOnRed: !before.showNameOnRed },
      member,
    )
    expect(refused.status).toBe(403)
    expect(refused.body.ok ? '' : refused.body.error.message).toBe(
      '只有户主本人可以更改红榜是否显示户主全名，请让户主用自己的微信更改',
    )
    expect(await api.data<Consent>('board.consent', {}, member)).toEqual(before)
  })

  it('the householder changes it; the record says who and when, for every member', async () => {
    const head = tokens['demo-resident-1']
    const before = await api.data<Consent>('board.consent', {}, head)
    expect(before.canChange).toBe(true)
    const saved = await api.data<Consent>(
      'board.setConsent',
      { showNameOnRed: !before.showNameOnRed },
      head,
    )
    expect(saved).toEqual({
      householdId: before.householdId,
      showNameOnRed: !before.showNameOnRed,
      canChange: true,
      setByName: '村民 张大爷',
      setAt: new Date(NOW).toISOString(),
    })
    expect(await api.data<Consent>('board.consent', {}, head)).toEqual(saved)
    // 刘阿姨, a member of 张德顺's household, sees it read-only with who set it and when.
    expect(await api.data<Consent>('board.consent', {}, tokens['demo-resident-2'])).toEqual({
      ...saved,
      canChange: false,
    })
  })
})
