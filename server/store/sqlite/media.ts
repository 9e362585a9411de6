import type { MediaRecord, MediaStatus, Store } from '../store'
import { insertSql, toParams } from './rows'
import type { Row, Sql } from './sql'

const statuses: readonly MediaStatus[] = ['pending', 'pass', 'risky', 'review']
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))

const mediaFrom = (r: Row): MediaRecord => ({
  id: String(r.id),
  ownerId: String(r.owner_id),
  kind: r.kind === 'video' ? 'video' : 'image',
  mime: String(r.mime),
  bytes: Number(r.bytes),
  createdAt: Number(r.created_at),
  status: statuses.find((s) => s === r.status) ?? 'pending',
  cloudPath: optStr(r.cloud_path),
  fileId: optStr(r.file_id),
  traceId: optStr(r.trace_id),
  usedAt: r.used_at === null || r.used_at === undefined ? null : Number(r.used_at),
})

/** Rows of uploaded files (the bytes themselves live with the media storage). */
export function mediaRepo({ one, all, prepare, tx }: Sql): Store['media'] {
  return {
    async create(record) {
      const params = toParams(record)
      prepare(insertSql('media', params)).run(params)
    },
    async get(id) {
      const r = one('SELECT * FROM media WHERE id = @id', { id })
      return r ? mediaFrom(r) : null
    },
    async many(ids) {
      if (ids.length === 0) return []
      // One statement for any number of ids: they go in as one JSON array.
      return all('SELECT * FROM media WHERE id IN (SELECT value FROM json_each(@ids))', {
        ids: JSON.stringify([...new Set(ids)]),
      }).map(mediaFrom)
    },
    async register(id, file) {
      const { changes } = prepare(
        `UPDATE media SET file_id = @fileId, trace_id = @traceId, status = @status
         WHERE id = @id AND file_id IS NULL`,
      ).run({ id, ...file })
      return changes === 1
    },
    async settle(traceId, status) {
      return tx(() => {
        const r = one(`SELECT * FROM media WHERE trace_id = @traceId AND status = 'pending'`, {
          traceId,
        })
        if (!r) return null
        prepare('UPDATE media SET status = @status WHERE id = @id').run({ id: r.id, status })
        return mediaFrom({ ...r, status })
      })
    },
    async markUsed(ids, at) {
      if (ids.length === 0) return
      prepare(
        `UPDATE media SET used_at = @at
         WHERE id IN (SELECT value FROM json_each(@ids)) AND used_at IS NULL`,
      ).run({ ids: JSON.stringify([...new Set(ids)]), at })
    },
    async unused({ createdBefore, limit }) {
      return all(
        `SELECT * FROM media WHERE used_at IS NULL AND created_at < @createdBefore
         ORDER BY created_at, id LIMIT @limit`,
        { createdBefore, limit },
      ).map(mediaFrom)
    },
    async removeUnused(id) {
      const { changes } = prepare('DELETE FROM media WHERE id = @id AND used_at IS NULL').run({
        id,
      })
      return changes === 1
    },
    async held(limit) {
      return all(
        `SELECT * FROM media WHERE status = 'review' ORDER BY created_at DESC, id DESC LIMIT @limit`,
        { limit },
      ).map(mediaFrom)
    },
    async decide(id, from, to) {
      return tx(() => {
        const r = one('SELECT * FROM media WHERE id = @id AND status = @from', { id, from })
        if (!r) return null
        prepare('UPDATE media SET status = @to WHERE id = @id').run({ id, to })
        return mediaFrom({ ...r, status: to })
      })
    },
  }
}
