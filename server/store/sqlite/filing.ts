import type { Store } from '../store'
import type { Sql } from './sql'

// "Published" as the public lists see it: status published and publish_at reached ('scheduled'
// is derived). Expired notices were published, so they still count for their month.
const counted = `n.status = 'published' AND n.publish_at >= @from AND n.publish_at < @to
  AND n.publish_at <= @now`

export function filingRepo({ one, all, prepare }: Sql): Store['filing'] {
  return {
    async villageCounts({ from, to, now }) {
      return all(
        `SELECT nv.village_id, COUNT(*) AS count,
           SUM(CASE WHEN n.adopted_at IS NULL THEN 0 ELSE 1 END) AS adopted
         FROM notices n JOIN notice_villages nv ON nv.notice_id = n.id
         WHERE ${counted}
         GROUP BY nv.village_id`,
        { from, to, now },
      ).map((r) => ({
        villageId: String(r.village_id),
        count: Number(r.count),
        adopted: Number(r.adopted),
      }))
    },
    async villageNotices({ villageId, from, to, now }) {
      return all(
        `SELECT n.id, n.title, n.publish_at, n.adopted_at
         FROM notices n JOIN notice_villages nv ON nv.notice_id = n.id
         WHERE nv.village_id = @villageId AND ${counted}
         ORDER BY n.publish_at, n.id`,
        { villageId, from, to, now },
      ).map((r) => ({
        id: String(r.id),
        title: String(r.title),
        publishAt: Number(r.publish_at),
        adoptedAt: r.adopted_at === null ? null : Number(r.adopted_at),
      }))
    },
    async adoption(noticeId) {
      const r = one('SELECT status, publish_at, adopted_at FROM notices WHERE id = @noticeId', {
        noticeId,
      })
      if (!r) return null
      return {
        status: String(r.status) as 'draft' | 'published' | 'withdrawn',
        publishAt: Number(r.publish_at),
        adoptedAt: r.adopted_at === null ? null : Number(r.adopted_at),
      }
    },
    async setAdopted(noticeId, adoptedAt, by) {
      prepare(
        'UPDATE notices SET adopted_at = @adoptedAt, adopted_by = @by WHERE id = @noticeId',
      ).run({ noticeId, adoptedAt, by })
    },
  }
}
