// Reading and writing the township's household roster (花名册) as .xlsx or .csv. Everything
// becomes trimmed strings here; what the strings mean is decided in roster.rules.ts.
import { BadCsv, parseCsv } from '../shared/csv'
import { BadXml } from '../shared/xml'
import { newWorkbook, tableSheet, writeXlsx } from '../shared/xlsx'
import {
  NotXlsx,
  readFirstSheet,
  TooManyRows,
  type XlsxCell,
  type XlsxRow,
} from '../shared/xlsx-read'
import { BadZip } from '../shared/zip'
import type { RosterEntry } from '../store/store'
import {
  MAX_ROSTER_ROWS,
  ROSTER_COLUMNS,
  type RosterField,
  type RosterIssue,
  type RosterRow,
} from './roster.rules'

const FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[]
const OPTIONAL: readonly RosterField[] = ['phone']
const HEADER_TEXT = FIELDS.map((field) => ROSTER_COLUMNS[field]).join(',')

export interface RosterFile {
  rows: RosterRow[]
  /** File-level problems (a missing header); when present, `rows` is empty. */
  errors: RosterIssue[]
}

/** The bytes are not an .xlsx or .csv that can be read at all; `reason` says why, in Chinese. */
export class UnreadableRosterFile extends Error {
  readonly reason: string
  constructor(cause: unknown) {
    super('unreadable roster file', { cause })
    this.name = 'UnreadableRosterFile'
    const known = [BadZip, BadXml, NotXlsx, BadCsv].some((k) => cause instanceof k)
    this.reason =
      cause instanceof TooManyRows
        ? `花名册一次最多导入 ${MAX_ROSTER_ROWS} 户，请分成几个文件`
        : `无法读取文件：${known ? (cause as Error).message : '格式无法识别'}。请确认是 .xlsx 或 .csv 格式`
  }
}

/** One file's parts may inflate to this much together: 4,000 households need about 1 MB. */
const MAX_INFLATED_BYTES = 8 * 1024 * 1024

// Many township sheets carry a title row or two ("某某村花名册") above the header: the
// header is the best-matching row among the first few, and lines stay the sheet's own.
const HEADER_SEARCH_ROWS = 10
/** Rows read at most: the households, plus a header and the title rows above it. */
const MAX_SHEET_ROWS = MAX_ROSTER_ROWS + HEADER_SEARCH_ROWS

/** Reads a roster from an .xlsx or .csv file (chosen by its name) into trimmed rows. */
export async function readRosterFile(content: Buffer, fileName: string): Promise<RosterFile> {
  let sheet: XlsxRow[] | undefined
  try {
    sheet = /\.csv$/i.test(fileName)
      ? readCsv(content)
      : readFirstSheet(content, { maxInflatedBytes: MAX_INFLATED_BYTES, maxRows: MAX_SHEET_ROWS })
    if (sheet && sheet.length > MAX_SHEET_ROWS) throw new TooManyRows(MAX_SHEET_ROWS)
  } catch (error) {
    throw new UnreadableRosterFile(error)
  }
  // A workbook without any sheet reads like an empty one.
  const file = rowsOf(sheet ?? [])
  if (file.rows.length > MAX_ROSTER_ROWS) {
    throw new UnreadableRosterFile(new TooManyRows(MAX_ROSTER_ROWS))
  }
  return file
}

/** A CSV's records as rows; every value is kept as written (text), leading zeros and all. */
function readCsv(content: Buffer): XlsxRow[] {
  return parseCsv(decodeText(content)).map((cells, index) => ({ line: index + 1, cells }))
}

/**
 * Text of a CSV file. Excel saves "CSV UTF-8" with a byte-order mark, but plain "CSV" on a
 * Chinese Windows is GB18030 (GBK): bytes that are not valid UTF-8 are read as GB18030.
 */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(content)
  }
}

/** A cell's value as trimmed text: numbers as written, dates as YYYY-MM-DD. */
function cellText(value: XlsxCell | undefined): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value.trim()
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  }
  // Formula errors (#N/A from a failed VLOOKUP…) arrive as their text, for the checks to refuse.
  return String(value)
}

function missingHeader(line: number, missing: readonly RosterField[]): RosterIssue {
  const names = missing.map((field) => ROSTER_COLUMNS[field]).join('、')
  return {
    line,
    message: `表头缺少必需的列：${names}。第一行应为：${HEADER_TEXT}`,
  }
}

function rowsOf(sheet: readonly XlsxRow[]): RosterFile {
  const lines: { line: number; cells: string[] }[] = []
  for (const row of sheet) {
    // Each cell keeps its own column number, so blank cells in between keep the columns
    // aligned with the header's. Holes stay holes: a cell at column XFD is one entry.
    const cells: string[] = []
    row.cells.forEach((value, column) => {
      const text = cellText(value)
      if (text !== '') cells[column] = text
    })
    if (cells.length > 0) lines.push({ line: row.line, cells })
  }

  if (lines.length === 0) {
    return {
      rows: [],
      errors: [{ line: 1, message: `文件是空的。第一行应为表头：${HEADER_TEXT}` }],
    }
  }
  const header = findHeader(lines.slice(0, HEADER_SEARCH_ROWS))
  if (!header.columns) {
    return { rows: [], errors: [missingHeader(header.line, header.missing)] }
  }
  const columns = header.columns
  const rows: RosterRow[] = []
  for (const { line, cells } of lines) {
    if (line <= header.line) continue
    const row = { line } as RosterRow
    for (const field of FIELDS) {
      const column = columns[field]
      row[field] = column === undefined ? '' : (cells[column] ?? '')
    }
    // A row with text only in columns we ignore (a remark) carries no household.
    if (FIELDS.some((field) => row[field] !== '')) rows.push(row)
  }
  return { rows, errors: [] }
}

interface HeaderMatch {
  line: number
  /** Column index of each field; absent while a required column is missing. */
  columns?: Partial<Record<RosterField, number>>
  missing: RosterField[]
}

function findHeader(candidates: { line: number; cells: string[] }[]): HeaderMatch {
  // Nothing looking like a header at all is blamed on the first line, where it belongs.
  let best: HeaderMatch = { line: candidates[0]?.line ?? 1, missing: requiredFields() }
  for (const { line, cells } of candidates) {
    const columns: Partial<Record<RosterField, number>> = {}
    cells.forEach((text, index) => {
      const field = FIELDS.find((f) => ROSTER_COLUMNS[f] === text)
      // The first of two same-named columns wins, like a person reading left to right.
      if (field && columns[field] === undefined) columns[field] = index
    })
    const missing = requiredFields().filter((field) => columns[field] === undefined)
    if (missing.length === 0) return { line, columns, missing }
    if (missing.length < best.missing.length) best = { line, missing }
  }
  return best
}

const requiredFields = () => FIELDS.filter((field) => !OPTIONAL.includes(field))

/** An .xlsx with the roster header and one row per household, for export. */
export function writeRosterXlsx(entries: readonly RosterEntry[]): Buffer {
  const workbook = newWorkbook()
  const sheet = tableSheet(
    workbook,
    '花名册',
    FIELDS.map((field) => ({
      header: ROSTER_COLUMNS[field],
      key: field,
      width: field === 'phone' || field === 'houseNo' ? 16 : 12,
      // 门牌号 and 联系电话 stay text, so Excel neither drops a leading 0 nor shows 1.38E+10.
      text: field === 'phone' || field === 'houseNo',
    })),
  )
  for (const entry of entries) {
    sheet.addRow({
      village: entry.villageName,
      group: entry.groupName,
      headName: entry.headName,
      houseNo: entry.houseNo,
      size: entry.size,
      phone: entry.phone ?? '',
    })
  }
  return writeXlsx(workbook)
}
