import { useDidShow } from '@tarojs/taro'
import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import { getMe, listStaff, listVillages, searchUsers } from '../api/people'

/** The signed-in user (role, grid villages), refreshed whenever the page shows again. */
export function useStaffMe() {
  const me = useRemote('staff:me', getMe)
  useDidShow(() => {
    if (!me.loading) void me.reload()
  })
  return me
}

/** The township's villages; only asked for when `enabled` (an admin's village filter). */
export const useVillages = (enabled: boolean) =>
  useRemote(`staff:villages:${enabled}`, () => (enabled ? listVillages() : Promise.resolve([])))

/** Admins and grid workers with their grids. */
export const useStaffList = () => useRemote('staff:list', listStaff)

/** Users found by nickname, household head or openid, newest first. */
export const useUserSearch = (keyword: string) =>
  usePaged(`staff:users:${keyword}`, (cursor) => searchUsers({ keyword, cursor, limit: 20 }))
