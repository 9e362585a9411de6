// Reading and writing the township's household roster (花名册) as .xlsx or .csv. Everything
// becomes trimmed strings here; what the strings mean is decided in roster.rules.ts.
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { newWorkbook, tableSheet } from '../shared/xlsx'
import type { RosterEntry } from '../store/store'
import { ROSTER_COLUMNS, type RosterField, type RosterIssue, type RosterRow } from './roster.rules'

const FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[]
const OPTIONAL: readonly RosterField[] = ['phone']
const HEADER_TEXT = FIELDS.map((field) => ROSTER_COLUMNS[field]).join(',')

export interface RosterFile {
  rows: RosterRow[]
  /** File-level problems (a missing header); when present, `rows` is empty. */
  errors: RosterIssue[]
}

/** The bytes are not an .xlsx or .csv that can be read at all. */
export class UnreadableRosterFile extends Error {
  constructor(cause: unknown) {
    super('unreadable roster file', { cause })
    this.name = 'UnreadableRosterFile'
  }
}

// Many township sheets carry a title row or two ("某某村花名册") above the header: the
// header is the best-matching row among the first few, and lines stay the sheet's own.
const HEADER_SEARCH_ROWS = 10

/** Reads a roster from an .xlsx or .csv file (chosen by its name) into trimmed rows. */
export async function readRosterFile(content: Buffer, fileName: string): Promise<RosterFile> {
  let sheet: ExcelJS.Worksheet | undefined
  try {
    sheet = /\.csv$/i.test(fileName) ? await readCsv(content) : await readXlsx(content)
  } catch (error) {
    throw new UnreadableRosterFile(error)
  }
  // A workbook without any sheet reads like an empty one.
  return rowsOf(sheet ?? new ExcelJS.Workbook().addWorksheet())
}

async function readXlsx(content: Buffer): Promise<ExcelJS.Worksheet | undefined> {
  const workbook = new ExcelJS.Workbook()
  // exceljs types its input as its own ArrayBuffer-like `Buffer`; a plain copy satisfies it.
  await workbook.xlsx.load(new Uint8Array(content).buffer)
  return workbook.worksheets[0]
}

async function readCsv(content: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  return workbook.csv.read(Readable.from([decodeText(content)]), {
    // exceljs would turn "0571…" into a number (losing the 0) and "2026-01-02" into a Date:
    // a roster's cells are text, so every value is kept as written.
    map: (value: unknown) => value,
  })
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

/** A cell's value as trimmed text: numbers as written, rich text joined, formulas' results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('richText' in value) {
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim()
  }
  if ('hyperlink' in value) return cellText(value.text)
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result)
  // An error a formula left (#N/A from a failed VLOOKUP…) stays visible, for the checks to refuse.
  if ('error' in value) return value.error
  return ''
}

function missingHeader(line: number, missing: readonly RosterField[]): RosterIssue {
  const names = missing.map((field) => ROSTER_COLUMNS[field]).join('、')
  return {
    line,
    message: `表头缺少必需的列：${names}。第一行应为：${HEADER_TEXT}`,
  }
}

function rowsOf(sheet: ExcelJS.Worksheet): RosterFile {
  const lines: { line: number; cells: string[] }[] = []
  sheet.eachRow((row, line) => {
    const cells: string[] = []
    // Each cell goes to its own column number, so blank cells in between keep the columns
    // aligned with the header's.
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellText(cell.value)
    })
    if (cells.some((text) => text !== '')) lines.push({ line, cells })
  })

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
export async function writeRosterXlsx(entries: readonly RosterEntry[]): Promise<Buffer> {
  const workbook = newWorkbook()
  const sheet = tableSheet(
    workbook,
    '花名册',
    FIELDS.map((field) => ({
      header: ROSTER_COLUMNS[field],
      key: field,
      width: field === 'phone' || field === 'houseNo' ? 16 : 12,
      // 门牌号 and 联系电话 stay text, so Excel neither drops a leading 0 nor shows 1.38E+10.
      style: field === 'phone' || field === 'houseNo' ? { numFmt: '@' } : {},
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
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
