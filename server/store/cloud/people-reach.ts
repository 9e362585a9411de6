// Reach (Store.reach): which households have opened a notice, on the cloud database.
import type { HouseholdView, Store } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { allOf, byIds, householdView, isDuplicate, keysetPage, loadPlaces } from './docs'
import type { CloudDb, Doc } from './sdk'

export function reachRepo(db: CloudDb): Store['reach'] {
  const _ = db.command
  return {
    async markRead(noticeId, householdId, at) {
      // The _id is the (notice, household) pair: a later read is a duplicate, ignored.
      try {
        await db.collection('notice_reads').add({
          data: { _id: `${noticeId}:${householdId}`, noticeId, householdId, firstReadAt: at },
        })
      } catch (e) {
        if (!isDuplicate(e)) throw e
      }
    },
    async unreached(q) {
      // Households in the notice's villages (all for a township-wide one) and the grids.
      const conds: object[] = []
      if (q.villageIds.length > 0) conds.push({ villageId: _.in(q.villageIds) })
      if (q.gridIds !== null) conds.push({ gridId: _.in(q.gridIds) })
      const scope = conds.length === 0 ? undefined : conds.length === 1 ? conds[0] : _.and(conds)
      const inScope = (h: Doc) =>
        (q.villageIds.length === 0 || q.villageIds.includes(String(h.villageId))) &&
        (q.gridIds === null || q.gridIds.includes(String(h.gridId)))

      const [reads, total, places] = await Promise.all([
        allOf(db, 'notice_reads', { noticeId: q.noticeId }),
        (scope ? db.collection('households').where(scope) : db.collection('households')).count(),
        loadPlaces(db),
      ])
      const readIds = new Set(reads.map((r) => String(r.householdId)))
      const readHouseholds = await byIds(db, 'households', readIds)
      const reached = [...readHouseholds.values()].filter(inScope).length

      // The page: households in scope by 门牌号, skipping those that read it, one keyset page
      // of the collection at a time until the page (and one more, to know of a next) is full.
      const found: HouseholdView[] = []
      let after = q.after
      for (;;) {
        const page = await keysetPage(db, {
          collection: 'households',
          where: scope,
          field: 'houseSort',
          direction: 'asc',
          after,
          limit: 99,
        })
        for (const d of page.docs)
          if (!readIds.has(String(d._id))) found.push(householdView(d, places))
        if (found.length > q.limit || !page.next) break
        after = page.next
      }
      const items = found.slice(0, q.limit)
      const last = items[items.length - 1]
      return {
        items,
        next:
          found.length > q.limit && last ? { at: houseSortKey(last.houseNo), id: last.id } : null,
        inScope: total.total,
        reached,
      }
    },
  }
}
