import type { BroadcastRepo, PlayView } from '../broadcast-repo'
import { keysetParams, pageOf, type Row, type Sql } from './sql'

const playFrom = (r: Row): PlayView => ({
  id: String(r.id),
  villageId: String(r.village_id),
  day: String(r.day),
  noticeId: String(r.notice_id),
  scheduledBy: String(r.scheduled_by),
  createdAt: Number(r.created_at),
  playedAt: r.played_at === null ? null : Number(r.played_at),
  playedBy: r.played_by === null ? null : String(r.played_by),
  villageName: String(r.village_name),
  title: String(r.title),
})

const playSelect = `SELECT p.*, v.name AS village_name, n.title FROM broadcast_plays p
  JOIN villages v ON v.id = p.village_id JOIN notices n ON n.id = p.notice_id`

export function broadcastRepo({ prepare, one, all, tx }: Sql): BroadcastRepo {
  return {
    async script(noticeId) {
      const r = one('SELECT * FROM broadcast_scripts WHERE notice_id = @noticeId', { noticeId })
      return r
        ? {
            noticeId: String(r.notice_id),
            text: String(r.text),
            updatedBy: String(r.updated_by),
            updatedAt: Number(r.updated_at),
          }
        : null
    },
    async saveScript(s) {
      prepare(
        `INSERT INTO broadcast_scripts (notice_id, text, updated_by, updated_at)
         VALUES (@noticeId, @text, @updatedBy, @updatedAt)
         ON CONFLICT (notice_id) DO UPDATE SET text = excluded.text,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(s)
    },
    async clearScript(noticeId) {
      prepare('DELETE FROM broadcast_scripts WHERE notice_id = @noticeId').run({ noticeId })
    },
    async schedule(plays) {
      const insert = prepare(
        `INSERT INTO broadcast_plays (id, village_id, day, notice_id, scheduled_by, created_at,
           played_at, played_by)
         VALUES (@id, @villageId, @day, @noticeId, @scheduledBy, @createdAt, @playedAt, @playedBy)
         ON CONFLICT (id) DO NOTHING`,
      )
      return tx(() => plays.reduce((n, p) => n + insert.run(p).changes, 0))
    },
    async play(id) {
      const r = one(`${playSelect} WHERE p.id = @id`, { id })
      return r ? playFrom(r) : null
    },
    async unschedule(id) {
      return (
        prepare('DELETE FROM broadcast_plays WHERE id = @id AND played_at IS NULL').run({ id })
          .changes > 0
      )
    },
    async markPlayed(id, at, by) {
      return (
        prepare(
          `UPDATE broadcast_plays SET played_at = @at, played_by = @by
           WHERE id = @id AND played_at IS NULL`,
        ).run({ id, at, by }).changes > 0
      )
    },
    async plays(q) {
      const rows = all(
        `${playSelect} WHERE p.village_id = @villageId AND p.day >= @from
           AND (@to IS NULL OR p.day <= @to)
           AND (@afterAt IS NULL OR p.day > @afterAt OR (p.day = @afterAt AND p.id > @afterId))
         ORDER BY p.day, p.id LIMIT @take`,
        { villageId: q.villageId, from: q.from, to: q.to, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(playFrom), q.limit, (p) => ({ at: p.day, id: p.id }))
    },
    async month({ from, to }) {
      return all(
        `SELECT village_id, COUNT(*) AS scheduled, COUNT(played_at) AS played
         FROM broadcast_plays WHERE day >= @from AND day <= @to GROUP BY village_id`,
        { from, to },
      ).map((r) => ({
        villageId: String(r.village_id),
        scheduled: Number(r.scheduled),
        played: Number(r.played),
      }))
    },
  }
}
