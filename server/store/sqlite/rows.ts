// Mapping between SQLite rows (snake_case, 0/1 booleans) and Store records.
import type {
  BindingRecord,
  CampaignRecord,
  ColumnRecord,
  HouseholdRecord,
  NoticeRecord,
  RoundRecord,
  UserRecord,
  VillageRecord,
} from '../records'
import { houseSortKey } from '../../places/house-order.rules'

type Row = Record<string, unknown>

const str = (v: unknown): string => String(v)
const num = (v: unknown): number => Number(v)
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** camelCase record → snake_case parameters, booleans as 0/1, for INSERT statements. */
export function toParams(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    out[column] = typeof value === 'boolean' ? Number(value) : value
  }
  return out
}

/** A household's INSERT parameters, with its stored walking-order key (house_sort). */
export function householdParams(record: HouseholdRecord): Record<string, unknown> {
  return { ...toParams(record), house_sort: houseSortKey(record.houseNo) }
}

/** INSERT statement text for a table and the columns of a record. */
export function insertSql(table: string, params: Record<string, unknown>): string {
  const columns = Object.keys(params)
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
}

export const userFrom = (r: Row): UserRecord => ({
  id: str(r.id),
  openid: str(r.openid),
  nickname: str(r.nickname),
  staffRole: r.staff_role === 'admin' || r.staff_role === 'gridWorker' ? r.staff_role : null,
  createdAt: num(r.created_at),
})

export const villageFrom = (r: Row): VillageRecord => ({
  id: str(r.id),
  name: str(r.name),
  code: optStr(r.code),
  sort: num(r.sort),
  archivedAt: optNum(r.archived_at),
})

export const householdFrom = (r: Row): HouseholdRecord => ({
  id: str(r.id),
  villageId: str(r.village_id),
  groupId: str(r.group_id),
  gridId: str(r.grid_id),
  headName: str(r.head_name),
  houseNo: str(r.house_no),
  size: num(r.size),
  phone: optStr(r.phone),
  showNameOnRed: r.show_name_on_red === 1,
  createdAt: num(r.created_at),
})

export const columnFrom = (r: Row): ColumnRecord => ({
  id: str(r.id),
  name: str(r.name),
  sort: num(r.sort),
  hidden: r.hidden === 1,
})

export const noticeFrom = (r: Row, villageIds: string[]): NoticeRecord => ({
  id: str(r.id),
  columnId: str(r.column_id),
  title: str(r.title),
  summary: str(r.summary),
  body: str(r.body),
  villageIds,
  pinned: r.pinned === 1,
  status: r.status as NoticeRecord['status'],
  authorId: str(r.author_id),
  publishAt: num(r.publish_at),
  expireAt: optNum(r.expire_at),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  viewCount: num(r.view_count),
  cover: optStr(r.cover),
  images: r.images_json ? (JSON.parse(String(r.images_json)) as string[]) : [],
  video: optStr(r.video),
  adoptedAt: optNum(r.adopted_at),
})

export const roundFrom = (r: Row): RoundRecord => ({
  id: str(r.id),
  month: str(r.month),
  title: str(r.title),
  rubricId: str(r.rubric_id),
  status: r.status === 'published' ? 'published' : 'open',
  windowStart: num(r.window_start),
  windowEnd: num(r.window_end),
  scope: r.scope === 'group' || r.scope === 'township' ? r.scope : 'village',
  redThreshold: r.red_by_score === 0 ? null : num(r.red_threshold),
  redTopN: optNum(r.red_top_n),
  blackThreshold: r.black_by_score === 0 ? null : num(r.black_threshold),
  blackBottomN: optNum(r.black_bottom_n),
  publicityDays: num(r.publicity_days),
  rectificationDays: num(r.rectification_days),
  publishedAt: optNum(r.published_at),
  publicityEndsAt: optNum(r.publicity_ends_at),
  createdAt: num(r.created_at),
})

export const campaignFrom = (r: Row): CampaignRecord => ({
  id: str(r.id),
  type: r.type as CampaignRecord['type'],
  customTypeName: optStr(r.custom_type_name),
  title: str(r.title),
  description: str(r.description),
  villageId: optStr(r.village_id),
  nominationStartsAt: num(r.nomination_starts_at),
  reviewStartsAt: num(r.review_starts_at),
  votingStartsAt: num(r.voting_starts_at),
  votingEndsAt: num(r.voting_ends_at),
  publicityEndsAt: num(r.publicity_ends_at),
  rules: JSON.parse(str(r.rules_json)) as CampaignRecord['rules'],
  createdAt: num(r.created_at),
})

export const bindingFrom = (r: Row): BindingRecord => ({
  id: str(r.id),
  userId: str(r.user_id),
  householdId: str(r.household_id),
  relation: r.relation === 'head' ? 'head' : 'member',
  status: r.status as BindingRecord['status'],
  createdAt: num(r.created_at),
  decidedBy: optStr(r.decided_by),
  decidedAt: optNum(r.decided_at),
  reason: optStr(r.reason),
})
