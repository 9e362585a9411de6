// What the people area's cloud repositories share: keyword conditions, record mappers that
// normalise optional fields the way the SQLite rows come back, and the one-open-binding key.
import type { BindingRecord, GridRecord, GroupRecord, UserRecord, VillageRecord } from '../records'
import { fromDoc } from './docs'
import type { CloudDb, Doc } from './sdk'

/**
 * A where() value matching `keyword` anywhere in a field, literally (as SQLite's escaped
 * LIKE '%…%' does); case-insensitive for ASCII letters like LIKE.
 */
export function containing(db: CloudDb, keyword: string): object {
  return db.RegExp({ regexp: keyword.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'), options: 'i' })
}

const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

export const userOf = (d: Doc): UserRecord => {
  const u = fromDoc<UserRecord>(d)
  return {
    id: u.id,
    openid: String(u.openid),
    nickname: String(u.nickname),
    staffRole: u.staffRole === 'admin' || u.staffRole === 'gridWorker' ? u.staffRole : null,
    createdAt: Number(u.createdAt),
  }
}

export const villageOf = (v: VillageRecord): VillageRecord => ({
  id: v.id,
  name: v.name,
  code: optStr(v.code),
  sort: Number(v.sort),
  archivedAt: optNum(v.archivedAt),
})

export const groupOf = (g: GroupRecord): Required<GroupRecord> => ({
  id: g.id,
  villageId: g.villageId,
  name: g.name,
  sort: Number(g.sort),
  archivedAt: optNum(g.archivedAt),
})

export const gridOf = (g: GridRecord): Required<GridRecord> => ({
  id: g.id,
  villageId: g.villageId,
  name: g.name,
  archivedAt: optNum(g.archivedAt),
})

export const bindingOf = (d: Doc): BindingRecord => {
  const b = fromDoc<BindingRecord>(d)
  return {
    id: b.id,
    userId: b.userId,
    householdId: b.householdId,
    relation: b.relation === 'head' ? 'head' : 'member',
    status: b.status,
    createdAt: Number(b.createdAt),
    decidedBy: optStr(b.decidedBy),
    decidedAt: optNum(b.decidedAt),
    reason: optStr(b.reason),
  }
}

/** Statuses that hold the user's one open binding (the `unique_keys` claim below). */
export const isOpen = (status: BindingRecord['status']) =>
  status === 'pending' || status === 'approved'

/** The unique_keys claim a pending or approved binding holds: one open binding per user. */
export const bindingKey = (userId: string) => `binding:${userId}`
export const BINDING_CONSTRAINT = 'bindings: one open binding per user'

/** The unique_keys claim of a village's optional 行政区划代码 (SQLite: code TEXT UNIQUE). */
export const villageCodeKey = (code: string) => `village-code:${code}`

/** Compares like SQLite's BINARY collation does for our strings and numbers. */
export const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0)
