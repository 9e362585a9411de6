// 新时代文明实践 on SQLite. A sign-up and the activity's counters move in one transaction (the
// store's units run one at a time on one connection, and `tx` joins the unit's), and a CHECK
// keeps signed_count within the capacity: no interleaving can oversubscribe an activity.
import {
  type ActivitiesRepo,
  type ActivityRecord,
  type ActivityView,
  type SignupRecord,
  type SignupView,
  signupId,
} from '../activities-repo'
import { guardUnique } from './errors'
import { jsonList, keysetParams, pageOf, type Row, type Sql } from './sql'

const num = (v: unknown) => Number(v)
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))

const activitySelect = `SELECT a.*,
    (SELECT json_group_array(village_id) FROM activity_villages av WHERE av.activity_id = a.id)
      AS village_ids_json
  FROM activities a`

function activityFrom(r: Row): ActivityView {
  return {
    id: String(r.id),
    station: String(r.station),
    type: r.type as ActivityRecord['type'],
    title: String(r.title),
    description: String(r.description),
    pictures: JSON.parse(String(r.pictures_json)) as string[],
    place: String(r.place),
    startsAt: num(r.starts_at),
    endsAt: num(r.ends_at),
    signupDeadline: num(r.signup_deadline),
    capacity: num(r.capacity),
    villageIds: (JSON.parse(String(r.village_ids_json ?? '[]')) as string[]).sort(),
    createdBy: String(r.created_by),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    cancelledAt: optNum(r.cancelled_at),
    cancelReason: optStr(r.cancel_reason),
    remindedAt: optNum(r.reminded_at),
    creditedAt: optNum(r.credited_at),
    noticeId: optStr(r.notice_id),
    signedCount: num(r.signed_count),
    waitingCount: num(r.waiting_count),
  }
}

function signupFrom(r: Row): SignupRecord {
  return {
    id: String(r.id),
    activityId: String(r.activity_id),
    userId: String(r.user_id),
    householdId: String(r.household_id),
    villageId: String(r.village_id),
    status: r.status as SignupRecord['status'],
    seq: num(r.seq),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    checkedInAt: optNum(r.checked_in_at),
    checkedInBy: optStr(r.checked_in_by),
    minutes: optNum(r.minutes),
    adjustReason: optStr(r.adjust_reason),
  }
}

const signupSelect = `SELECT s.*, u.nickname, h.head_name, h.house_no, v.name AS village_name,
    CASE s.status WHEN 'signed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END AS rank_key
  FROM activity_signups s JOIN users u ON u.id = s.user_id
  JOIN households h ON h.id = s.household_id JOIN villages v ON v.id = s.village_id`

const signupViewFrom = (r: Row): SignupView => ({
  ...signupFrom(r),
  nickname: String(r.nickname),
  householdName: String(r.head_name),
  houseNo: String(r.house_no),
  villageName: String(r.village_name),
})

/** A signup's place in the staff list: status first, then sign-up order (as one sortable key). */
const rankAt = (status: string, seq: number) =>
  `${status === 'signed' ? 0 : status === 'waiting' ? 1 : 2}:${String(seq).padStart(8, '0')}`

export function activitiesRepo(sql: Sql): ActivitiesRepo {
  const { one, all, prepare } = sql
  const get = (id: string) => {
    const r = one(`${activitySelect} WHERE a.id = @id`, { id })
    return r ? activityFrom(r) : null
  }
  const setVillages = (id: string, villageIds: readonly string[]) => {
    prepare(`DELETE FROM activity_villages WHERE activity_id = @id`).run({ id })
    for (const villageId of villageIds)
      prepare(
        `INSERT INTO activity_villages (activity_id, village_id) VALUES (@id, @villageId)`,
      ).run({ id, villageId })
  }

  /** Moves up to `count` of the first waiting onto the list; answers their user ids. */
  const promote = (activityId: string, count: number, now: number): string[] => {
    if (count <= 0) return []
    const rows = all(
      `SELECT id, user_id FROM activity_signups WHERE activity_id = @activityId
         AND status = 'waiting' ORDER BY seq LIMIT @count`,
      { activityId, count },
    )
    for (const r of rows)
      prepare(
        `UPDATE activity_signups SET status = 'signed', updated_at = @now WHERE id = @id`,
      ).run({ id: r.id, now })
    prepare(
      `UPDATE activities SET signed_count = signed_count + @n, waiting_count = waiting_count - @n
       WHERE id = @activityId`,
    ).run({ activityId, n: rows.length })
    return rows.map((r) => String(r.user_id))
  }

  return {
    async create(a) {
      sql.tx(() => {
        guardUnique(() =>
          prepare(
            `INSERT INTO activities (id, station, type, title, description, pictures_json, place,
               starts_at, ends_at, signup_deadline, capacity, created_by, created_at, updated_at,
               cancelled_at, cancel_reason, reminded_at, credited_at, notice_id)
             VALUES (@id, @station, @type, @title, @description, @pictures, @place, @startsAt,
               @endsAt, @signupDeadline, @capacity, @createdBy, @createdAt, @updatedAt,
               @cancelledAt, @cancelReason, @remindedAt, @creditedAt, @noticeId)`,
          ).run({
            id: a.id,
            station: a.station,
            type: a.type,
            title: a.title,
            description: a.description,
            pictures: JSON.stringify(a.pictures),
            place: a.place,
            startsAt: a.startsAt,
            endsAt: a.endsAt,
            signupDeadline: a.signupDeadline,
            capacity: a.capacity,
            createdBy: a.createdBy,
            createdAt: a.createdAt,
            updatedAt: a.updatedAt,
            cancelledAt: a.cancelledAt,
            cancelReason: a.cancelReason,
            remindedAt: a.remindedAt,
            creditedAt: a.creditedAt,
            noticeId: a.noticeId,
          }),
        )
        setVillages(a.id, a.villageIds)
      })
    },
    get: async (id) => get(id),
    async update(id, p) {
      return sql.tx(() => {
        const current = get(id)
        if (!current) throw new Error(`activity ${id} not found`)
        if (p.capacity < current.signedCount)
          return { ok: false, signed: current.signedCount } as const
        prepare(
          `UPDATE activities SET station = @station, type = @type, title = @title,
             description = @description, pictures_json = @pictures, place = @place,
             starts_at = @startsAt, ends_at = @endsAt, signup_deadline = @signupDeadline,
             capacity = @capacity, updated_at = @updatedAt WHERE id = @id`,
        ).run({
          id,
          station: p.station,
          type: p.type,
          title: p.title,
          description: p.description,
          pictures: JSON.stringify(p.pictures),
          place: p.place,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          signupDeadline: p.signupDeadline,
          capacity: p.capacity,
          updatedAt: p.updatedAt,
        })
        setVillages(id, p.villageIds)
        const free = p.capacity - current.signedCount
        const promoted =
          current.cancelledAt === null && p.updatedAt < p.startsAt
            ? promote(id, Math.min(free, current.waitingCount), p.updatedAt)
            : []
        return { ok: true, promoted } as const
      })
    },
    async cancel(id, d) {
      const info = prepare(
        `UPDATE activities SET cancelled_at = @at, cancel_reason = @reason
         WHERE id = @id AND cancelled_at IS NULL`,
      ).run({ id, at: d.at, reason: d.reason })
      return info.changes === 1
    },
    async list(q) {
      const upcoming = q.when === 'upcoming'
      const params = {
        ...keysetParams(q.after, q.limit),
        now: q.now,
        villages: jsonList(q.villageIds),
      }
      const rows = all(
        `${activitySelect}
         WHERE ${upcoming ? 'a.ends_at > @now' : 'a.ends_at <= @now'}
           AND (@villages IS NULL
             OR NOT EXISTS (SELECT 1 FROM activity_villages x WHERE x.activity_id = a.id)
             OR EXISTS (SELECT 1 FROM activity_villages x WHERE x.activity_id = a.id
               AND x.village_id IN (SELECT value FROM json_each(@villages))))
           AND (@afterAt IS NULL OR a.starts_at ${upcoming ? '>' : '<'} @afterAt
             OR (a.starts_at = @afterAt AND a.id ${upcoming ? '>' : '<'} @afterId))
         ORDER BY a.starts_at ${upcoming ? 'ASC' : 'DESC'}, a.id ${upcoming ? 'ASC' : 'DESC'}
         LIMIT @take`,
        params,
      )
      return pageOf(rows.map(activityFrom), q.limit, (a) => ({ at: a.startsAt, id: a.id }))
    },
    async signUp(s) {
      return sql.tx(() => {
        const a = get(s.activityId)
        if (!a) return { ok: false, reason: 'notFound' } as const
        if (a.cancelledAt !== null) return { ok: false, reason: 'cancelled' } as const
        if (s.now >= a.signupDeadline) return { ok: false, reason: 'closed' } as const
        const id = signupId(s.activityId, s.userId)
        const existing = one(`SELECT status FROM activity_signups WHERE id = @id`, { id })
        if (existing && existing.status !== 'cancelled')
          return { ok: false, reason: 'already' } as const
        const status = a.signedCount < a.capacity ? 'signed' : 'waiting'
        const seq = num(
          one(`UPDATE activities SET seq = seq + 1 WHERE id = @id RETURNING seq`, {
            id: a.id,
          })?.seq,
        )
        const row = {
          id,
          activityId: s.activityId,
          userId: s.userId,
          householdId: s.householdId,
          villageId: s.villageId,
          status,
          seq,
          now: s.now,
        }
        if (existing)
          prepare(
            `UPDATE activity_signups SET status = @status, seq = @seq, household_id = @householdId,
               village_id = @villageId, created_at = @now, updated_at = @now, checked_in_at = NULL,
               checked_in_by = NULL, minutes = NULL, adjust_reason = NULL WHERE id = @id`,
          ).run(row)
        else
          prepare(
            `INSERT INTO activity_signups (id, activity_id, user_id, household_id, village_id,
               status, seq, created_at, updated_at)
             VALUES (@id, @activityId, @userId, @householdId, @villageId, @status, @seq, @now, @now)`,
          ).run(row)
        prepare(
          status === 'signed'
            ? `UPDATE activities SET signed_count = signed_count + 1 WHERE id = @id`
            : `UPDATE activities SET waiting_count = waiting_count + 1 WHERE id = @id`,
        ).run({ id: a.id })
        return { ok: true, status } as const
      })
    },
    async cancelSignup(activityId, userId, now) {
      return sql.tx(() => {
        const a = get(activityId)
        if (!a) return { ok: false, reason: 'notFound' } as const
        const id = signupId(activityId, userId)
        const s = one(`SELECT status FROM activity_signups WHERE id = @id`, { id })
        if (!s || s.status === 'cancelled') return { ok: false, reason: 'none' } as const
        const was = s.status as 'signed' | 'waiting'
        prepare(
          `UPDATE activity_signups SET status = 'cancelled', updated_at = @now WHERE id = @id`,
        ).run({ id, now })
        prepare(
          was === 'signed'
            ? `UPDATE activities SET signed_count = signed_count - 1 WHERE id = @id`
            : `UPDATE activities SET waiting_count = waiting_count - 1 WHERE id = @id`,
        ).run({ id: activityId })
        const promoted =
          was === 'signed' && a.cancelledAt === null && now < a.startsAt
            ? promote(activityId, 1, now)
            : []
        return { ok: true, was, promoted } as const
      })
    },
    async signup(id) {
      const r = one(`${signupSelect} WHERE s.id = @id`, { id })
      return r ? signupViewFrom(r) : null
    },
    async signups(q) {
      const rows = all(
        `SELECT * FROM (${signupSelect} WHERE s.activity_id = @activityId) t
         WHERE @afterAt IS NULL
           OR (printf('%d:%08d', rank_key, seq) > @afterAt)
           OR (printf('%d:%08d', rank_key, seq) = @afterAt AND id > @afterId)
         ORDER BY rank_key, seq, id LIMIT @take`,
        { activityId: q.activityId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(signupViewFrom), q.limit, (s) => ({
        at: rankAt(s.status, s.seq),
        id: s.id,
      }))
    },
    async recipients(activityId, waiting) {
      return all(
        `SELECT user_id FROM activity_signups WHERE activity_id = @activityId
           AND status IN ('signed', @other) ORDER BY seq`,
        { activityId, other: waiting ? 'waiting' : 'signed' },
      ).map((r) => String(r.user_id))
    },
    async waitingPosition(activityId, seq) {
      const r = one(
        `SELECT COUNT(*) AS ahead FROM activity_signups WHERE activity_id = @activityId
           AND status = 'waiting' AND seq < @seq`,
        { activityId, seq },
      )
      return num(r?.ahead) + 1
    },
    async checkIn(id, d) {
      prepare(
        `UPDATE activity_signups SET checked_in_at = @checkedInAt, checked_in_by = @checkedInBy,
           minutes = @minutes, adjust_reason = NULL, updated_at = @at WHERE id = @id`,
      ).run({
        id,
        at: d.at,
        checkedInAt: d.present ? d.at : null,
        checkedInBy: d.present ? d.by : null,
        minutes: d.present ? d.minutes : null,
      })
    },
    async adjust(id, minutes, reason) {
      prepare(
        `UPDATE activity_signups SET minutes = @minutes, adjust_reason = @reason WHERE id = @id`,
      ).run({ id, minutes, reason })
    },
    async creditDue(now, limit) {
      return all(
        `${activitySelect} WHERE a.credited_at IS NULL AND a.cancelled_at IS NULL
           AND a.ends_at <= @now ORDER BY a.ends_at, a.id LIMIT @limit`,
        { now, limit },
      ).map(activityFrom)
    },
    async credit(activityId, minutes, at) {
      return sql.tx(() => {
        const info = prepare(
          `UPDATE activities SET credited_at = @at WHERE id = @activityId AND credited_at IS NULL`,
        ).run({ activityId, at })
        if (info.changes !== 1) return false
        prepare(
          `UPDATE activity_signups SET minutes = @minutes WHERE activity_id = @activityId
             AND status = 'signed' AND checked_in_at IS NOT NULL AND minutes IS NULL`,
        ).run({ activityId, minutes })
        return true
      })
    },
    async reminderDue(from, to, limit) {
      return all(
        `${activitySelect} WHERE a.reminded_at IS NULL AND a.cancelled_at IS NULL
           AND a.starts_at >= @from AND a.starts_at < @to ORDER BY a.starts_at, a.id LIMIT @limit`,
        { from, to, limit },
      ).map(activityFrom)
    },
    async claimReminder(activityId, at) {
      return (
        prepare(
          `UPDATE activities SET reminded_at = @at WHERE id = @activityId AND reminded_at IS NULL`,
        ).run({ activityId, at }).changes === 1
      )
    },
    async setNotice(activityId, noticeId) {
      prepare(`UPDATE activities SET notice_id = @noticeId WHERE id = @activityId`).run({
        activityId,
        noticeId,
      })
    },
    async mine(q) {
      const rows = all(
        `SELECT * FROM activity_signups WHERE user_id = @userId
           AND (@afterAt IS NULL OR created_at < @afterAt OR (created_at = @afterAt AND id < @afterId))
         ORDER BY created_at DESC, id DESC LIMIT @take`,
        { userId: q.userId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(signupFrom), q.limit, (s) => ({ at: s.createdAt, id: s.id }))
    },
    async totals(userId) {
      const r = one(
        `SELECT COALESCE(SUM(minutes), 0) AS minutes, COUNT(*) AS activities
         FROM activity_signups WHERE user_id = @userId AND minutes > 0`,
        { userId },
      )
      return { minutes: num(r?.minutes), activities: num(r?.activities) }
    },
    async householdCredits(householdId) {
      return all(
        `SELECT s.*, u.nickname, a.title, a.starts_at AS activity_starts_at
         FROM activity_signups s JOIN users u ON u.id = s.user_id
         JOIN activities a ON a.id = s.activity_id
         WHERE s.household_id = @householdId AND s.minutes > 0
         ORDER BY a.starts_at DESC, s.id DESC`,
        { householdId },
      ).map((r) => ({
        ...signupFrom(r),
        nickname: String(r.nickname),
        title: String(r.title),
        startsAt: num(r.activity_starts_at),
      }))
    },
    async villageActivities(villageId, from, to) {
      return all(
        `${activitySelect} WHERE a.starts_at >= @from AND a.starts_at < @to
           AND (NOT EXISTS (SELECT 1 FROM activity_villages x WHERE x.activity_id = a.id)
             OR EXISTS (SELECT 1 FROM activity_villages x WHERE x.activity_id = a.id
               AND x.village_id = @villageId))
         ORDER BY a.starts_at, a.id`,
        { villageId, from, to },
      ).map(activityFrom)
    },
    async participants(villageId, activityIds) {
      return all(
        `SELECT s.user_id, u.nickname, h.head_name, h.house_no, SUM(s.minutes) AS minutes,
           COUNT(*) AS activities
         FROM activity_signups s JOIN users u ON u.id = s.user_id
         JOIN households h ON h.id = s.household_id
         WHERE s.village_id = @villageId AND s.minutes > 0
           AND s.activity_id IN (SELECT value FROM json_each(@ids))
         GROUP BY s.user_id, s.household_id`,
        { villageId, ids: JSON.stringify(activityIds) },
      ).map((r) => ({
        userId: String(r.user_id),
        nickname: String(r.nickname),
        householdName: String(r.head_name),
        houseNo: String(r.house_no),
        minutes: num(r.minutes),
        activities: num(r.activities),
      }))
    },
    async code(userId) {
      return optStr(
        one(`SELECT code FROM volunteer_codes WHERE user_id = @userId`, { userId })?.code,
      )
    },
    async ensureCode(userId, code, at) {
      prepare(
        `INSERT INTO volunteer_codes (user_id, code, created_at) VALUES (@userId, @code, @at)
         ON CONFLICT (user_id) DO NOTHING`,
      ).run({ userId, code, at })
      return String(
        one(`SELECT code FROM volunteer_codes WHERE user_id = @userId`, { userId })?.code,
      )
    },
    async codeOwner(code) {
      return optStr(
        one(`SELECT user_id FROM volunteer_codes WHERE code = @code`, { code })?.user_id,
      )
    },
  }
}
