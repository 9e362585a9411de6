import type { NoticeRecord, NoticeState, NoticeView, Store } from '../store'
import { guardUnique } from './errors'
import { columnFrom, insertSql, noticeFrom, toParams } from './rows'
import { jsonList, keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

const noticeSelect = `SELECT n.*, c.name AS column_name, u.nickname AS author_name
  FROM notices n JOIN columns c ON c.id = n.column_id JOIN users u ON u.id = n.author_id`

/** Writes a notice and its village links; call inside a transaction. */
export function insertNotice({ prepare }: Sql, notice: NoticeRecord): void {
  const { villageIds, images, ...row } = notice
  const params = {
    ...toParams(row),
    township_wide: Number(villageIds.length === 0),
    images_json: JSON.stringify(images ?? []),
  }
  prepare(insertSql('notices', params)).run(params)
  const link = prepare('INSERT INTO notice_villages (notice_id, village_id) VALUES (?, ?)')
  for (const villageId of villageIds) link.run(notice.id, villageId)
}

/** SQL for one derived state, against `@now`; the same order of tests as noticeState. */
const stateWhere: Record<NoticeState, string> = {
  draft: "n.status = 'draft'",
  withdrawn: "n.status = 'withdrawn'",
  expired: "n.status = 'published' AND n.expire_at IS NOT NULL AND n.expire_at <= @now",
  scheduled:
    "n.status = 'published' AND (n.expire_at IS NULL OR n.expire_at > @now) AND n.publish_at > @now",
  published:
    "n.status = 'published' AND (n.expire_at IS NULL OR n.expire_at > @now) AND n.publish_at <= @now",
}

export function columnsRepo({ one, all, prepare, tx }: Sql): Store['columns'] {
  return {
    async list() {
      return all('SELECT * FROM columns WHERE hidden = 0 ORDER BY sort, name').map(columnFrom)
    },
    async get(id) {
      const r = one('SELECT * FROM columns WHERE id = @id', { id })
      return r ? columnFrom(r) : null
    },
    async all() {
      return all(
        `SELECT c.*, (SELECT COUNT(*) FROM notices n
           WHERE n.column_id = c.id AND n.status = 'published') AS notice_count
         FROM columns c ORDER BY c.sort, c.name`,
      ).map((r) => ({ ...columnFrom(r), noticeCount: Number(r.notice_count) }))
    },
    async create({ id, name }) {
      // The next sort is computed in the INSERT itself, so two creations never share one.
      guardUnique(() =>
        prepare(
          `INSERT INTO columns (id, name, sort, hidden)
           VALUES (@id, @name, (SELECT COALESCE(MAX(sort), -1) + 1 FROM columns), 0)`,
        ).run({ id, name }),
      )
    },
    async rename(id, name) {
      guardUnique(() => prepare('UPDATE columns SET name = @name WHERE id = @id').run({ id, name }))
    },
    async reorder(ids) {
      // Checked inside the transaction, so a column created meanwhile makes this refuse.
      return tx(() => {
        const existing = all('SELECT id FROM columns').map((r) => String(r.id))
        const wanted = new Set(ids)
        if (
          wanted.size !== ids.length ||
          ids.length !== existing.length ||
          existing.some((id) => !wanted.has(id))
        ) {
          return false
        }
        const update = prepare('UPDATE columns SET sort = @sort WHERE id = @id')
        ids.forEach((id, sort) => update.run({ id, sort }))
        return true
      })
    },
    async setHidden(id, hidden) {
      prepare('UPDATE columns SET hidden = @hidden WHERE id = @id').run({
        id,
        hidden: Number(hidden),
      })
    },
  }
}

export function noticesRepo(sql: Sql): Store['notices'] {
  const { one, all, prepare, tx } = sql

  function views(rows: Row[]): NoticeView[] {
    if (rows.length === 0) return []
    const villages = all(
      `SELECT nv.notice_id, v.id, v.name FROM notice_villages nv JOIN villages v ON v.id = nv.village_id
       WHERE nv.notice_id IN (SELECT value FROM json_each(@ids)) ORDER BY v.sort, v.name`,
      { ids: JSON.stringify(rows.map((r) => r.id)) },
    )
    return rows.map((r) => {
      const own = villages.filter((v) => v.notice_id === r.id)
      return {
        ...noticeFrom(
          r,
          own.map((v) => String(v.id)),
        ),
        columnName: String(r.column_name),
        authorName: String(r.author_name),
        villages: own.map((v) => ({ id: String(v.id), name: String(v.name) })),
      }
    })
  }

  const get = async (id: string) => {
    const r = one(`${noticeSelect} WHERE n.id = @id`, { id })
    return r ? (views([r])[0] ?? null) : null
  }

  return {
    async list(q) {
      const rows = all(
        `${noticeSelect}
         WHERE n.status = 'published' AND n.publish_at <= @now
           AND (n.expire_at IS NULL OR n.expire_at > @now) AND c.hidden = 0
           AND (n.township_wide = 1 OR @villages IS NULL OR EXISTS (
             SELECT 1 FROM notice_villages nv WHERE nv.notice_id = n.id
               AND nv.village_id IN (SELECT value FROM json_each(@villages))))
           AND (@columnId IS NULL OR n.column_id = @columnId)
           AND (@pinned IS NULL OR n.pinned = @pinned)
           AND (@keyword IS NULL OR n.title LIKE @keyword ESCAPE '\\'
                OR n.body LIKE @keyword ESCAPE '\\')
           AND (@afterAt IS NULL OR n.publish_at < @afterAt
                OR (n.publish_at = @afterAt AND n.id < @afterId))
         ORDER BY n.publish_at DESC, n.id DESC LIMIT @take`,
        {
          now: q.now,
          villages: jsonList(q.villageIds),
          columnId: q.columnId ?? null,
          pinned: q.pinned === undefined ? null : Number(q.pinned),
          keyword: q.keyword ? likePattern(q.keyword) : null,
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(views(rows), q.limit, (n) => ({ at: n.publishAt, id: n.id }))
    },
    get,
    async create(notice) {
      tx(() => insertNotice(sql, notice))
      const created = await get(notice.id)
      if (!created) throw new Error(`notice ${notice.id} vanished after insert`)
      return created
    },
    async update(id, patch) {
      const { villageIds, images, ...rest } = patch
      // A key present but undefined means "unchanged", like a missing one.
      const params = Object.fromEntries(
        Object.entries(toParams(rest)).filter(([, value]) => value !== undefined),
      )
      if (images !== undefined) params.images_json = JSON.stringify(images)
      if (villageIds !== undefined) params.township_wide = Number(villageIds.length === 0)
      // Column names come from the patch's own keys (a fixed type), never from user input.
      const sets = Object.keys(params).map((c) => `${c} = @${c}`)
      tx(() => {
        sql.db
          .prepare(`UPDATE notices SET ${sets.join(', ')} WHERE id = @id`)
          .run({ ...params, id })
        if (villageIds !== undefined) {
          prepare('DELETE FROM notice_villages WHERE notice_id = ?').run(id)
          const link = prepare('INSERT INTO notice_villages (notice_id, village_id) VALUES (?, ?)')
          for (const villageId of villageIds) link.run(id, villageId)
        }
      })
      const updated = await get(id)
      if (!updated) throw new Error(`notice ${id} vanished after update`)
      return updated
    },
    async mine(q) {
      const rows = all(
        `${noticeSelect}
         WHERE (@authorId IS NULL OR n.author_id = @authorId)
           AND ${q.status ? stateWhere[q.status] : '1 = 1'}
           AND (@afterAt IS NULL OR n.updated_at < @afterAt
                OR (n.updated_at = @afterAt AND n.id < @afterId))
         ORDER BY n.updated_at DESC, n.id DESC LIMIT @take`,
        { now: q.now, authorId: q.authorId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(views(rows), q.limit, (n) => ({ at: n.updatedAt, id: n.id }))
    },
    async countView(id) {
      prepare('UPDATE notices SET view_count = view_count + 1 WHERE id = @id').run({ id })
    },
  }
}
