// Roster rows, pure: the columns of a roster file and which rows are bad, each row on its own
// and against the rows above it (roster.rules.ts plans what the good ones would change).
import { phoneSchema } from '../../contract/places'
import type { RosterEntry } from '../store/store'

/** The columns of a roster file, in the order an export writes them. */
export const ROSTER_COLUMNS = {
  village: '村名',
  group: '村民小组',
  headName: '户主姓名',
  houseNo: '门牌号',
  size: '家庭人口',
  phone: '联系电话',
} as const

export type RosterField = keyof typeof ROSTER_COLUMNS

/** One data row as read from the file: trimmed text per column ('' when empty or absent). */
export type RosterRow = { line: number } & Record<RosterField, string>

/** A problem with the file or one of its rows; `line` as the spreadsheet shows it. */
export interface RosterIssue {
  line: number
  message: string
}

/** Households one roster file may hold: a township's, with room to spare. */
export const MAX_ROSTER_ROWS = 10_000
export const MAX_NAME_LENGTH = 20
export const MAX_HOUSE_NO_LENGTH = 30
export const MAX_HOUSEHOLD_SIZE = 30

/** A good row, its text turned into values. */
export interface CheckedRow {
  line: number
  entry: RosterEntry
}

// What Excel shows in a cell whose formula failed; as text it would pass for a name.
const EXCEL_ERROR = /^#(N\/A|REF!|NAME\?|DIV\/0!|NULL!|VALUE!|NUM!)$/

/** A household's key in a file and in the town: its village's name and its 门牌号. */
export const rowKey = (villageName: string, houseNo: string) => `${villageName}\u0000${houseNo}`

/**
 * Checks every row on its own and against the rows above it. Returns the good rows and
 * one issue per bad row, all of that row's problems in one message.
 */
export function checkRows(rows: readonly RosterRow[]): {
  good: CheckedRow[]
  errors: RosterIssue[]
} {
  const good: CheckedRow[] = []
  const errors: RosterIssue[] = []
  const firstLineOf = new Map<string, number>()
  for (const row of rows) {
    const problems: string[] = []
    const { village, group, headName, houseNo } = row

    for (const field of Object.keys(ROSTER_COLUMNS) as RosterField[]) {
      if (EXCEL_ERROR.test(row[field])) {
        problems.push(`${ROSTER_COLUMNS[field]}是公式错误 ${row[field]}，请改为实际内容`)
      }
    }
    if (!village) problems.push('缺少村名')
    else if (village.length > MAX_NAME_LENGTH) problems.push(`村名最多 ${MAX_NAME_LENGTH} 个字`)
    if (!group) problems.push('缺少村民小组')
    else if (group.length > MAX_NAME_LENGTH) problems.push(`村民小组最多 ${MAX_NAME_LENGTH} 个字`)
    if (!headName) problems.push('缺少户主姓名')
    else if (headName.length > MAX_NAME_LENGTH) {
      problems.push(`户主姓名最多 ${MAX_NAME_LENGTH} 个字`)
    }
    if (!houseNo) problems.push('缺少门牌号')
    else if (houseNo.length > MAX_HOUSE_NO_LENGTH) {
      problems.push(`门牌号最多 ${MAX_HOUSE_NO_LENGTH} 个字`)
    }

    const size = parseSize(row.size)
    if (size === null) {
      problems.push(
        row.size
          ? `家庭人口「${row.size}」应为 1 到 ${MAX_HOUSEHOLD_SIZE} 之间的整数`
          : '缺少家庭人口',
      )
    }
    const phone = parsePhone(row.phone)
    if (phone === undefined) {
      problems.push(`联系电话「${row.phone}」格式不正确，应为 11 位手机号或带区号的固定电话`)
    }

    if (village && houseNo) {
      const earlier = firstLineOf.get(rowKey(village, houseNo))
      if (earlier === undefined) firstLineOf.set(rowKey(village, houseNo), row.line)
      else problems.push(`门牌号「${houseNo}」与第 ${earlier} 行重复（同一个村的门牌号不能重复）`)
    }

    // Stryker disable next-line ConditionalExpression: equivalent, a bad size or phone has already added a problem (these two only narrow the types)
    if (problems.length > 0 || size === null || phone === undefined) {
      errors.push({ line: row.line, message: problems.join('；') })
    } else {
      good.push({
        line: row.line,
        entry: { villageName: village, groupName: group, headName, houseNo, size, phone },
      })
    }
  }
  return { good, errors }
}

// Digits typed with a Chinese input method come out full-width (１３８…); NFKC makes them
// ASCII, and spaces people put in phone numbers ("138 0000 0000") carry no meaning.
// Stryker disable next-line Regex: equivalent, dropping each whitespace character or each run of them leaves the same text
const normaliseDigits = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

/** 家庭人口 as a whole number of people, or null when it is not one in range. */
export function parseSize(text: string): number | null {
  const digits = normaliseDigits(text)
  if (!/^\d+$/.test(digits)) return null
  const size = Number(digits)
  return size >= 1 && size <= MAX_HOUSEHOLD_SIZE ? size : null
}

/** 联系电话 by the contract's own rule: null when empty, undefined when invalid. */
export function parsePhone(text: string): string | null | undefined {
  if (!text) return null
  const parsed = phoneSchema.safeParse(normaliseDigits(text))
  return parsed.success ? parsed.data : undefined
}
