import { useDidShow } from '@tarojs/taro'
import { useRemote } from '@/lib/use-remote'
import { getMe, listDevAccounts } from '../api/me'

/** The signed-in user, refreshed whenever the page shows again. */
export function useMe() {
  const me = useRemote('me', getMe)
  useDidShow(() => {
    if (!me.loading) void me.reload()
  })
  return me
}

/** The demo accounts; only asked for when the server runs in dev mode. */
export const useDevAccounts = (devMode: boolean) =>
  useRemote(`dev-accounts:${devMode}`, () => (devMode ? listDevAccounts() : Promise.resolve([])))
