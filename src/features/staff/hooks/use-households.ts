import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import { getHousehold, listHouseholds } from '../api/households'

/** Households in the caller's scope, by 门牌号; narrowed by a keyword and a village. */
export function useHouseholds(keyword: string, villageId: string) {
  return usePaged(`staff:households:${villageId}:${keyword}`, (cursor) =>
    listHouseholds({
      cursor,
      limit: 20,
      keyword: keyword || undefined,
      villageId: villageId || undefined,
    }),
  )
}

/** One household with its members and phone. */
export const useHousehold = (id: string) =>
  useRemote(`staff:household:${id}`, () => getHousehold(id))
