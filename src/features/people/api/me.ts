import { call, setSessionToken } from '@/lib/api-client'

export const getMe = () => call('me.get')

export const listDevAccounts = () => call('auth.devAccounts')

/** Signs in as a demo account (dev mode) and keeps its token for the next calls. */
export async function devLogin(openid: string) {
  const { token, user } = await call('auth.devLogin', { openid })
  setSessionToken(token)
  return user
}

export const signOut = () => setSessionToken(null)
