import Database from 'better-sqlite3'
import type {
  AuditRecord,
  CampaignQuery,
  CampaignView,
  Keyset,
  NoticeQuery,
  NoticeRecord,
  NoticeView,
  Page,
  ScoreRow,
  Snapshot,
  Store,
} from '../store'
import { migrations } from './migrations'
import {
  campaignFrom,
  columnFrom,
  householdFrom,
  insertSql,
  noticeFrom,
  roundFrom,
  toParams,
  userFrom,
  villageFrom,
} from './rows'
import { newId } from '../../shared/ids'

type Row = Record<string, unknown>
type Db = Database.Database

/** Applies the migrations this database has not run yet; returns the resulting version. */
export function migrate(db: Db): number {
  const current = Number(db.pragma('user_version', { simple: true }))
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v])
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
  return migrations.length
}

/** Opens (creating if needed) and migrates a SQLite database; ':memory:' for a throwaway one. */
export function openDatabase(file: string): Db {
  const db = new Database(file)
  if (file !== ':memory:') db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
  migrate(db)
  return db
}

function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Keyset): Page<T> {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next: rows.length > limit && last ? keyOf(last) : null }
}

// LIKE treats % and _ as wildcards: a user's keyword must match literally.
const likePattern = (keyword: string) => `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The Store on an embedded SQLite database (better-sqlite3). */
export function createSqliteStore(file: string): Store {
  const db = openDatabase(file)
  // Statements are compiled once and reused: preparing is the costly part of a small query.
  const statements = new Map<string, Database.Statement>()
  const prepare = (sql: string) => {
    let statement = statements.get(sql)
    if (!statement) statements.set(sql, (statement = db.prepare(sql)))
    return statement
  }
  const one = (sql: string, params: object = {}) => prepare(sql).get(params) as Row | undefined
  const all = (sql: string, params: object = {}) => prepare(sql).all(params) as Row[]

  function noticeViews(rows: Row[]): NoticeView[] {
    if (rows.length === 0) return []
    const ids = JSON.stringify(rows.map((r) => r.id))
    const villages = all(
      `SELECT nv.notice_id, v.id, v.name FROM notice_villages nv JOIN villages v ON v.id = nv.village_id
       WHERE nv.notice_id IN (SELECT value FROM json_each(@ids)) ORDER BY v.sort, v.name`,
      { ids },
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

  const noticeSelect = `SELECT n.*, c.name AS column_name, u.nickname AS author_name
    FROM notices n JOIN columns c ON c.id = n.column_id JOIN users u ON u.id = n.author_id`

  function insertNotice(notice: NoticeRecord) {
    const { villageIds, ...row } = notice
    const params = { ...toParams(row), township_wide: Number(villageIds.length === 0) }
    prepare(insertSql('notices', params)).run(params)
    const link = prepare('INSERT INTO notice_villages (notice_id, village_id) VALUES (?, ?)')
    for (const villageId of villageIds) link.run(notice.id, villageId)
  }

  const store: Store = {
    users: {
      async byOpenid(openid) {
        const row = one('SELECT * FROM users WHERE openid = @openid', { openid })
        return row ? userFrom(row) : null
      },
      async ensure(openid, now) {
        // INSERT OR IGNORE keeps this race-free when two first requests arrive together.
        prepare(
          `INSERT OR IGNORE INTO users (id, openid, nickname, staff_role, created_at)
           VALUES (@id, @openid, @nickname, NULL, @now)`,
        ).run({ id: newId('usr'), openid, nickname: '微信用户', now })
        return userFrom(one('SELECT * FROM users WHERE openid = @openid', { openid }) as Row)
      },
      async update(id, patch) {
        prepare('UPDATE users SET nickname = @nickname WHERE id = @id').run({ id, ...patch })
        return userFrom(one('SELECT * FROM users WHERE id = @id', { id }) as Row)
      },
    },

    places: {
      async villages() {
        return all(
          `SELECT v.*,
             (SELECT COUNT(*) FROM village_groups g WHERE g.village_id = v.id) AS group_count,
             (SELECT COUNT(*) FROM households h WHERE h.village_id = v.id) AS household_count
           FROM villages v WHERE v.archived_at IS NULL ORDER BY v.sort, v.name`,
        ).map((r) => ({
          ...villageFrom(r),
          groupCount: Number(r.group_count),
          householdCount: Number(r.household_count),
        }))
      },
      async household(id) {
        const r = one(
          `SELECT h.*, v.name AS village_name, g.name AS group_name FROM households h
           JOIN villages v ON v.id = h.village_id JOIN village_groups g ON g.id = h.group_id
           WHERE h.id = @id`,
          { id },
        )
        return r
          ? {
              ...householdFrom(r),
              villageName: String(r.village_name),
              groupName: String(r.group_name),
            }
          : null
      },
      async gridVillageIds(userId) {
        return all(
          `SELECT DISTINCT g.village_id FROM grid_workers w JOIN grids g ON g.id = w.grid_id
           WHERE w.user_id = @userId ORDER BY g.village_id`,
          { userId },
        ).map((r) => String(r.village_id))
      },
      async approvedBinding(userId) {
        const r = one(`SELECT * FROM bindings WHERE user_id = @userId AND status = 'approved'`, {
          userId,
        })
        if (!r) return null
        return {
          id: String(r.id),
          userId: String(r.user_id),
          householdId: String(r.household_id),
          relation: r.relation === 'head' ? 'head' : 'member',
          status: 'approved',
          createdAt: Number(r.created_at),
          decidedBy: r.decided_by === null ? null : String(r.decided_by),
          decidedAt: r.decided_at === null ? null : Number(r.decided_at),
          reason: r.reason === null ? null : String(r.reason),
        }
      },
    },

    columns: {
      async list() {
        return all('SELECT * FROM columns WHERE hidden = 0 ORDER BY sort, name').map(columnFrom)
      },
      async get(id) {
        const r = one('SELECT * FROM columns WHERE id = @id', { id })
        return r ? columnFrom(r) : null
      },
    },

    notices: {
      async list(q: NoticeQuery) {
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
            villages: q.villageIds === null ? null : JSON.stringify(q.villageIds),
            columnId: q.columnId ?? null,
            pinned: q.pinned === undefined ? null : Number(q.pinned),
            keyword: q.keyword ? likePattern(q.keyword) : null,
            afterAt: q.after?.at ?? null,
            afterId: q.after?.id ?? null,
            take: q.limit + 1,
          },
        )
        return pageOf(noticeViews(rows), q.limit, (n) => ({ at: n.publishAt, id: n.id }))
      },
      async get(id) {
        const r = one(`${noticeSelect} WHERE n.id = @id`, { id })
        return r ? (noticeViews([r])[0] ?? null) : null
      },
      async create(notice) {
        db.transaction(insertNotice)(notice)
        const created = await store.notices.get(notice.id)
        if (!created) throw new Error(`notice ${notice.id} vanished after insert`)
        return created
      },
      async countView(id) {
        prepare('UPDATE notices SET view_count = view_count + 1 WHERE id = @id').run({ id })
      },
    },

    board: {
      async rounds(q) {
        const rows = all(
          `SELECT * FROM rounds WHERE (@publishedOnly = 0 OR status = 'published')
             AND (@afterAt IS NULL OR window_start < @afterAt
                  OR (window_start = @afterAt AND id < @afterId))
           ORDER BY window_start DESC, id DESC LIMIT @take`,
          {
            publishedOnly: Number(q.publishedOnly),
            afterAt: q.after?.at ?? null,
            afterId: q.after?.id ?? null,
            take: q.limit + 1,
          },
        ).map(roundFrom)
        return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.id }))
      },
      async round(id) {
        const r = one('SELECT * FROM rounds WHERE id = @id', { id })
        return r ? roundFrom(r) : null
      },
      async scores(roundId, villageId) {
        return all(
          `SELECT h.id AS household_id, h.head_name, h.house_no, h.village_id, v.name AS village_name,
             g.name AS group_name, h.show_name_on_red, i.total,
             (SELECT COUNT(*) FROM inspection_items ii JOIN criteria c ON c.id = ii.criterion_id
               WHERE ii.inspection_id = i.id AND ii.points < c.max_points) AS deducted_items
           FROM inspections i
           JOIN households h ON h.id = i.household_id
           JOIN villages v ON v.id = h.village_id
           JOIN village_groups g ON g.id = h.group_id
           WHERE i.round_id = @roundId AND (@villageId IS NULL OR h.village_id = @villageId)
             AND i.version = (SELECT MAX(version) FROM inspections l
                              WHERE l.round_id = i.round_id AND l.household_id = i.household_id)`,
          { roundId, villageId: villageId ?? null },
        ).map((r): ScoreRow => ({
          householdId: String(r.household_id),
          headName: String(r.head_name),
          houseNo: String(r.house_no),
          villageId: String(r.village_id),
          villageName: String(r.village_name),
          groupName: String(r.group_name),
          showNameOnRed: r.show_name_on_red === 1,
          total: Number(r.total),
          deductedItems: Number(r.deducted_items),
        }))
      },
    },

    campaigns: {
      async list(q: CampaignQuery) {
        const rows = all(
          `SELECT c.*, v.name AS village_name,
             (SELECT COUNT(*) FROM nominations m
               WHERE m.campaign_id = c.id AND m.status = 'approved') AS candidate_count
           FROM campaigns c LEFT JOIN villages v ON v.id = c.village_id
           WHERE (c.village_id IS NULL OR @villages IS NULL
                  OR c.village_id IN (SELECT value FROM json_each(@villages)))
             AND (@afterAt IS NULL OR c.publicity_ends_at < @afterAt
                  OR (c.publicity_ends_at = @afterAt AND c.id < @afterId))
           ORDER BY c.publicity_ends_at DESC, c.id DESC LIMIT @take`,
          {
            villages: q.villageIds === null ? null : JSON.stringify(q.villageIds),
            afterAt: q.after?.at ?? null,
            afterId: q.after?.id ?? null,
            take: q.limit + 1,
          },
        ).map((r): CampaignView => ({
          ...campaignFrom(r),
          villageName: r.village_name === null ? null : String(r.village_name),
          candidateCount: Number(r.candidate_count),
        }))
        return pageOf(rows, q.limit, (c) => ({ at: c.publicityEndsAt, id: c.id }))
      },
    },

    audit: {
      async append(entries: AuditRecord[]) {
        const insert = prepare(
          `INSERT INTO audit_log (request_id, actor_id, actor_role, action, target, before_json,
             after_json, at) VALUES (@requestId, @actorId, @actorRole, @action, @target, @before,
             @after, @at)`,
        )
        db.transaction(() => {
          for (const e of entries) {
            insert.run({
              ...e,
              before: e.before === undefined ? null : JSON.stringify(e.before),
              after: e.after === undefined ? null : JSON.stringify(e.after),
            })
          }
        })()
      },
      async recent(limit) {
        return all('SELECT * FROM audit_log ORDER BY id DESC LIMIT @limit', { limit }).map((r) => ({
          id: Number(r.id),
          requestId: String(r.request_id),
          actorId: r.actor_id === null ? null : String(r.actor_id),
          actorRole: String(r.actor_role),
          action: String(r.action),
          target: r.target === null ? null : String(r.target),
          before: r.before_json === null ? null : JSON.parse(String(r.before_json)),
          after: r.after_json === null ? null : JSON.parse(String(r.after_json)),
          at: Number(r.at),
        }))
      },
    },

    async importSnapshot(s: Snapshot) {
      const put = (table: string, record: object) => {
        const params = toParams(record)
        prepare(insertSql(table, params)).run(params)
      }
      db.transaction(() => {
        s.villages.forEach((r) => put('villages', r))
        s.groups.forEach((r) => put('village_groups', r))
        s.grids.forEach((r) => put('grids', r))
        s.users.forEach((r) => put('users', r))
        s.gridWorkers.forEach((r) => put('grid_workers', r))
        s.households.forEach((r) => put('households', r))
        s.bindings.forEach((r) => put('bindings', r))
        s.columns.forEach((r) => put('columns', r))
        s.notices.forEach(insertNotice)
        s.rubrics.forEach((r) => put('rubrics', r))
        s.criteria.forEach((r) => put('criteria', r))
        s.rounds.forEach((r) => put('rounds', r))
        for (const { items, ...inspection } of s.inspections) {
          put('inspections', inspection)
          items.forEach((item) => put('inspection_items', { inspectionId: inspection.id, ...item }))
        }
        s.campaigns.forEach((r) => put('campaigns', r))
        s.nominations.forEach((r) => put('nominations', r))
        s.votes.forEach((r) => put('votes', r))
      })()
    },

    async isEmpty() {
      return one('SELECT 1 AS present FROM villages LIMIT 1') === undefined
    },

    async close() {
      db.close()
    },
  }
  return store
}
