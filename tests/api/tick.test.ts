// system.tick as the timer runs it (the local server's interval calls the same router.tick):
// unused uploads go after 7 days, idempotency keys after 24 hours; both Store adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestTown, DAY, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { tinyPng } from '../helpers/images'

describe('the timer (system.tick)', () => {
  let api: TestApi
  let now = NOW

  beforeAll(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => now })
  })
  afterAll(() => api.close())

  it('deletes an upload no record used once 7 days have passed, not a day sooner', async () => {
    now = NOW
    const token = await api.login(who.gridA)
    const uploaded = await api.data<{ url: string }>(
      'media.upload',
      { fileName: 'photo.png', kind: 'image', content: tinyPng().toString('base64') },
      token,
    )
    const served = async () => (await fetch(`${api.app.url}${uploaded.url}`)).status
    expect(await served()).toBe(200)
    now = NOW + 6 * DAY
    expect((await api.app.tick()).mediaRemoved).toBe(0)
    expect(await served()).toBe(200)
    now = NOW + 7 * DAY + 1
    expect((await api.app.tick()).mediaRemoved).toBe(1)
    expect(await served()).toBe(404)
  })

  it('forgets an idempotency key after 24 hours: the same key is then a new write', async () => {
    now = NOW + 10 * DAY
    const token = await api.login(who.admin)
    const column = (name: string) =>
      api.post<{ id: string }>('columns.create', { name }, token, 'tick-key-000001')
    const first = await column('定时栏目一')
    expect(first.body.ok).toBe(true)
    // Within the day the key answers the first write again, whatever else is sent under it.
    expect((await api.app.tick()).keysExpired).toBe(0)
    expect((await column('定时栏目一')).body).toEqual(first.body)
    now += DAY + 1
    expect((await api.app.tick()).keysExpired).toBeGreaterThanOrEqual(1)
    const again = await column('定时栏目二')
    expect(again.body.ok).toBe(true)
    expect(again.body).not.toEqual(first.body)
  })
})
