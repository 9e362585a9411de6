// Filing (信息报送考核) on the cloud database: counts over one period's notices.
//
// Scale: villageCounts reads every counted notice of the period (`all`, 100 per get) and counts
// in the function. A township publishes tens to a few hundred notices a month, so that is a few
// gets; a group() aggregate over the unwound villageIds would do it in one call if it grows.
import type { FilingCount, NoticeRecord, Store } from '../store'
import { all, getDoc } from './docs'
import type { CloudDb } from './sdk'

export function filingRepo(db: CloudDb): Store['filing'] {
  const _ = db.command

  /**
   * "Published" as the public lists see it: status published and publishAt reached
   * ('scheduled' is derived). Expired notices were published, so they still count.
   */
  const counted = (from: number, to: number, now: number, more: object = {}) =>
    _.and([
      { status: _.eq('published'), ...more },
      { publishAt: _.gte(from) },
      { publishAt: _.lt(to) },
      { publishAt: _.lte(now) },
    ])

  return {
    async villageCounts({ from, to, now }) {
      const docs = await all(
        db
          .collection('notices')
          .where(counted(from, to, now))
          .orderBy('_id', 'asc')
          .field({ villageIds: true, adoptedAt: true }),
      )
      const byVillage = new Map<string, FilingCount>()
      for (const d of docs) {
        const villageIds = Array.isArray(d.villageIds) ? d.villageIds.map(String) : []
        for (const villageId of new Set(villageIds)) {
          const row = byVillage.get(villageId) ?? { villageId, count: 0, adopted: 0 }
          row.count++
          if (d.adoptedAt !== null && d.adoptedAt !== undefined) row.adopted++
          byVillage.set(villageId, row)
        }
      }
      // SQLite's GROUP BY answers in village id order.
      return [...byVillage.values()].sort((a, b) =>
        a.villageId < b.villageId ? -1 : a.villageId > b.villageId ? 1 : 0,
      )
    },
    async villageNotices({ villageId, from, to, now }) {
      const docs = await all(
        db
          .collection('notices')
          .where(counted(from, to, now, { villageIds: _.eq(villageId) }))
          .orderBy('publishAt', 'asc')
          .orderBy('_id', 'asc')
          .field({ title: true, publishAt: true, adoptedAt: true }),
      )
      return docs.map((d) => ({
        id: String(d._id),
        title: String(d.title),
        publishAt: Number(d.publishAt),
        adoptedAt: d.adoptedAt === null || d.adoptedAt === undefined ? null : Number(d.adoptedAt),
      }))
    },
    async adoption(noticeId) {
      const d = await getDoc(db.collection('notices').doc(noticeId))
      if (!d) return null
      return {
        status: String(d.status) as NoticeRecord['status'],
        publishAt: Number(d.publishAt),
        adoptedAt: d.adoptedAt === null || d.adoptedAt === undefined ? null : Number(d.adoptedAt),
      }
    },
    async setAdopted(noticeId, adoptedAt, by) {
      await db
        .collection('notices')
        .doc(noticeId)
        .update({ data: { adoptedAt, adoptedBy: by } })
    },
  }
}
