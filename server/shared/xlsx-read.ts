// Reading one sheet of an .xlsx without a spreadsheet library: the zip's workbook, its
// relationships, the shared strings (rich text joined), the styles (to tell dates from
// numbers) and the sheet's cells, with their row and column numbers as Excel shows them.
import { scanXml } from './xml'
import { openZip } from './zip'

/** A cell's value; a formula's cached result stands for the formula, an error is its text. */
export type XlsxCell = string | number | boolean | Date

export interface XlsxRow {
  /** The row number Excel shows (1-based). */
  line: number
  /** Indexed by column (A is 0); columns without a value are holes. */
  cells: XlsxCell[]
}

/**
 * The file is no .xlsx (a zip without a workbook, a workbook pointing nowhere…) or goes beyond
 * what a worksheet can hold; the message, in Chinese, says what.
 */
export class NotXlsx extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NotXlsx'
  }
}

/** The sheet holds more rows with values than the reader was allowed to take. */
export class TooManyRows extends Error {
  constructor(readonly limit: number) {
    super(`表格超过 ${limit} 行`)
    this.name = 'TooManyRows'
  }
}

export interface XlsxLimits {
  /** All parts read from the file inflate to at most this many bytes together. */
  maxInflatedBytes: number
  /** Rows holding at least one value; more is refused. */
  maxRows: number
}

/** Excel's own bounds: columns A to XFD, rows 1 to 1,048,576. */
export const MAX_COLUMNS = 16_384
export const MAX_ROW_NUMBER = 1_048_576

const DEFAULT_LIMITS: XlsxLimits = { maxInflatedBytes: 8 * 1024 * 1024, maxRows: MAX_ROW_NUMBER }

/** The rows (with a value) of the workbook's first sheet; undefined when it has no sheet. */
export function readFirstSheet(
  content: Buffer,
  limits: XlsxLimits = DEFAULT_LIMITS,
): XlsxRow[] | undefined {
  const zip = openZip(content, { maxTotalBytes: limits.maxInflatedBytes, maxEntries: 10_000 })
  const part = (name: string) => zip.read(name)?.toString('utf8')

  const root = relationshipsOf(part('_rels/.rels'), '')
  const workbookPath =
    [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml'
  const workbook = part(workbookPath)
  if (workbook === undefined) throw new NotXlsx('文件里没有工作簿，不是 .xlsx 文件')
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1)
  const rels = relationshipsOf(
    part(`${folder}_rels/${workbookPath.slice(folder.length)}.rels`),
    folder,
  )

  let firstSheetRel: string | undefined
  let date1904 = false
  scanXml(workbook, {
    open(name, attrs) {
      if (name === 'sheet' && firstSheetRel === undefined) firstSheetRel = attrs['r:id'] ?? attrs.id
      if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true'
    },
  })
  if (firstSheetRel === undefined) return undefined
  const sheetPath = rels.get(firstSheetRel)?.target
  const sheet = sheetPath === undefined ? undefined : part(sheetPath)
  if (sheet === undefined) throw new NotXlsx('找不到第一张工作表')

  const typed = (type: string) =>
    [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target
  const sharedPath = typed('sharedStrings')
  const stylesPath = typed('styles')
  const strings = sharedStrings(sharedPath === undefined ? undefined : part(sharedPath))
  const dateStyles = dateStylesOf(stylesPath === undefined ? undefined : part(stylesPath))
  return sheetRows(sheet, { strings, dateStyles, date1904, maxRows: limits.maxRows })
}

interface Relationship {
  type: string
  target: string
}

/** A part's relationships by id, targets resolved against `folder` (the part's own). */
function relationshipsOf(xml: string | undefined, folder: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>()
  if (xml === undefined) return rels
  scanXml(xml, {
    open(name, attrs) {
      if (name !== 'Relationship' || !attrs.Id || !attrs.Target) return
      if (attrs.TargetMode === 'External') return
      rels.set(attrs.Id, { type: attrs.Type ?? '', target: resolvePath(folder, attrs.Target) })
    },
  })
  return rels
}

function resolvePath(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean)
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop()
    else if (piece !== '' && piece !== '.') parts.push(piece)
  }
  return parts.join('/')
}

// Text escaped the OOXML way (_x000D_ for a carriage return).
const unescapeOoxml = (text: string) =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** Collects the text of `<t>` elements inside `container`, leaving out phonetic runs (rPh). */
function textCollector(container: string, done: (text: string) => void) {
  let inside = false
  let inT = false
  let phonetic = 0
  let text = ''
  return {
    open(name: string, _attrs: Record<string, string>, selfClosing: boolean) {
      if (name === container) {
        inside = true
        text = ''
      } else if (inside && name === 'rPh') phonetic++
      else if (inside && name === 't' && !selfClosing) inT = true
    },
    close(name: string) {
      if (name === 't') inT = false
      else if (name === 'rPh') phonetic--
      else if (name === container && inside) {
        inside = false
        done(unescapeOoxml(text))
      }
    },
    text(chunk: string) {
      if (inT && phonetic === 0) text += chunk
    },
  }
}

function sharedStrings(xml: string | undefined): string[] {
  const strings: string[] = []
  if (xml !== undefined)
    scanXml(
      xml,
      textCollector('si', (text) => strings.push(text)),
    )
  return strings
}

// Built-in number formats that show a date or time: Excel's own, and those of the Chinese
// locale (27–36, 50–58: yyyy"年"m"月"d"日" and the like).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
])

const isDateFormat = (code: string) =>
  /[dmyhs]/i.test(code.replace(/"[^"]*"|\\.|\[[^\]]*\]|_.|\*./g, '').replace(/General/gi, ''))

/** The cell style indexes (cellXfs) whose number format shows a date. */
function dateStylesOf(xml: string | undefined): Set<number> {
  const styles = new Set<number>()
  if (xml === undefined) return styles
  const custom = new Map<number, string>()
  let inCellXfs = false
  let index = 0
  scanXml(xml, {
    open(name, attrs) {
      if (name === 'numFmt') custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '')
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attrs.numFmtId ?? 0)
        const code = custom.get(id)
        if (code === undefined ? DATE_FORMAT_IDS.has(id) : isDateFormat(code)) styles.add(index)
        index++
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  return styles
}

/** Excel's serial day number as a date (1900 system, or 1904 on old Mac workbooks). */
function serialDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? 24107 : 25569 // days from each system's day 0 to 1970-01-01
  return new Date(Math.round((serial - epoch) * 86_400_000))
}

/** "BC12" → { column: 54, row: 12 } (column 0-based); within Excel's bounds or refused. */
function parseRef(ref: string): { column: number; row: number } {
  const match = /^\$?([A-Z]{1,10})\$?(\d{1,10})$/i.exec(ref)
  if (!match) throw new NotXlsx(`单元格地址「${ref.slice(0, 20)}」无效`)
  const letters = (match[1] as string).toUpperCase()
  let column = 0
  for (const letter of letters) column = column * 26 + letter.charCodeAt(0) - 64
  const row = Number(match[2])
  if (column > MAX_COLUMNS || row < 1 || row > MAX_ROW_NUMBER) {
    throw new NotXlsx(`单元格地址「${ref}」超出了表格的范围（最大为 XFD1048576）`)
  }
  return { column: column - 1, row }
}

/** A row's number as written (`r`), within Excel's bounds or refused. */
function rowNumber(text: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new NotXlsx(`行号「${text.slice(0, 20)}」无效`)
  const row = Number(text)
  if (row < 1 || row > MAX_ROW_NUMBER) {
    throw new NotXlsx(`行号「${text.slice(0, 20)}」超出了表格的范围`)
  }
  return row
}

interface SheetContext {
  strings: readonly string[]
  dateStyles: ReadonlySet<number>
  date1904: boolean
  maxRows: number
}

function sheetRows(xml: string, sheet: SheetContext): XlsxRow[] {
  const { strings, dateStyles, date1904, maxRows } = sheet
  const rows: XlsxRow[] = []
  let row: XlsxRow | undefined
  let lastLine = 0
  let column = -1
  let cell = { type: 'n', style: 0, value: '', inline: undefined as string | undefined }
  let inV = false
  const inline = textCollector('is', (text) => (cell.inline = text))

  const valueOf = (): XlsxCell | undefined => {
    const { type, value } = cell
    switch (type) {
      case 's':
        return strings[Number(value)] ?? ''
      case 'inlineStr':
        return cell.inline ?? value
      case 'str':
      case 'e':
        return unescapeOoxml(value)
      case 'b':
        return value === '1' || value === 'true'
      case 'd':
        return value === '' ? undefined : new Date(value)
      default: {
        if (value.trim() === '') return undefined
        const number = Number(value)
        if (Number.isNaN(number)) return value
        return dateStyles.has(cell.style) ? serialDate(number, date1904) : number
      }
    }
  }

  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === 'row') {
        lastLine = attrs.r ? rowNumber(attrs.r) : lastLine + 1
        if (lastLine > MAX_ROW_NUMBER) throw new NotXlsx('表格的行数超出了范围')
        // Kept once it holds a value: rows only formatted cost nothing.
        row = { line: lastLine, cells: [] }
        column = -1
      } else if (name === 'c') {
        column = attrs.r ? parseRef(attrs.r).column : column + 1
        if (column >= MAX_COLUMNS) throw new NotXlsx('表格的列数超出了范围')
        cell = { type: attrs.t ?? 'n', style: Number(attrs.s ?? 0), value: '', inline: undefined }
      } else if (name === 'v' && !selfClosing) inV = true
      else inline.open(name, attrs, selfClosing)
    },
    close(name) {
      if (name === 'v') inV = false
      else if (name === 'c' && row) {
        const value = valueOf()
        if (value === undefined) return
        if (rows.at(-1) !== row) {
          if (rows.length >= maxRows) throw new TooManyRows(maxRows)
          rows.push(row)
        }
        // Cells far to the right leave holes, never a filled array of that length.
        row.cells[column] = value
      } else inline.close(name)
    },
    text(chunk) {
      if (inV) cell.value += chunk
      else inline.text(chunk)
    },
  })
  return rows
}
