// The one request wrapper's session rule: a token the server no longer accepts is dropped, but
// only if it is still the session. A slow answer to a request that left with an older token
// (signed out elsewhere) must not sign out the person who has signed in since.
import Taro from '@tarojs/taro'
import { ApiError, call, setSessionToken } from '@/lib/api-client'
import { startTestApi, type PageTestApi } from '../../../helpers/api-server'

let api: PageTestApi
beforeAll(async () => {
  api = await startTestApi()
})
afterAll(async () => {
  setSessionToken(null)
  await api.close()
})

const stored = () => Taro.getStorageSync('hemei.session-token') as unknown

describe('api-client sessions', () => {
  it('drops a token the server refuses when it is still the session', async () => {
    const old = await api.tokenOf('demo-resident-3')
    await api.data('auth.logout', {}, old)
    setSessionToken(old)
    await expect(call('me.updateProfile', { nickname: '陈师傅' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    expect(stored()).toBeFalsy()
  })

  it('keeps a session signed in while a request with an older token was on its way', async () => {
    const old = await api.tokenOf('demo-resident-3')
    await api.data('auth.logout', {}, old)
    const fresh = await api.tokenOf('demo-resident-3')
    setSessionToken(old)
    const pending = call('me.updateProfile', { nickname: '陈师傅' })
    // Signed in again before the answer to the old request arrives.
    setSessionToken(fresh)
    const error: unknown = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('UNAUTHENTICATED')
    expect(stored()).toBe(fresh)
    // And the session works.
    const me = await call('me.get', {})
    expect(me.user?.nickname).toBeTruthy()
  })
})
