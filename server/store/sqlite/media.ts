import type { MediaRecord, Store } from '../store'
import { insertSql, toParams } from './rows'
import type { Row, Sql } from './sql'

const mediaFrom = (r: Row): MediaRecord => ({
  id: String(r.id),
  ownerId: String(r.owner_id),
  kind: r.kind === 'video' ? 'video' : 'image',
  mime: String(r.mime),
  bytes: Number(r.bytes),
  createdAt: Number(r.created_at),
})

/** Rows of uploaded files (the bytes themselves live with the media storage). */
export function mediaRepo({ one, prepare }: Sql): Store['media'] {
  return {
    async create(record) {
      const params = toParams(record)
      prepare(insertSql('media', params)).run(params)
    },
    async get(id) {
      const r = one('SELECT * FROM media WHERE id = @id', { id })
      return r ? mediaFrom(r) : null
    },
  }
}
