import { ApiError, call, setSessionToken } from '@/lib/api-client'

export const getMe = () => call('me.get')

export const listDevAccounts = () => call('auth.devAccounts')

/** Signs in as a demo account (dev mode) and keeps its token for the next calls. */
export async function devLogin(openid: string) {
  const { token, user } = await call('auth.devLogin', { openid })
  setSessionToken(token)
  return user
}

/** Ends the session on the server, then forgets the token (also when it was no longer valid). */
export async function signOut() {
  try {
    await call('auth.logout')
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error
  }
  setSessionToken(null)
}
