// The .xlsx exports' common shape, written without a spreadsheet library (the cloud function
// stays small): a workbook signed 和美村宣, and sheets whose first row is a bold header that
// stays in view while scrolling. Strings go to a shared strings table, as Excel writes them.
import { escapeXml } from './xml'
import { zip } from './zip'

export type XlsxValue = string | number | boolean | null | undefined

export interface XlsxColumn {
  header: string
  /** The property of a row object that fills this column. */
  key: string
  /** In characters, as Excel counts them. */
  width?: number
  /** Cells formatted as text (@), so Excel neither drops a leading 0 nor shows 1.38E+10. */
  text?: boolean
}

type XlsxRowInput = readonly XlsxValue[] | Readonly<Record<string, XlsxValue>>

// Array.isArray does not narrow a readonly array out of a union.
const isList = (row: XlsxRowInput): row is readonly XlsxValue[] => Array.isArray(row)

export class XlsxSheet {
  readonly rows: XlsxValue[][] = []

  constructor(
    readonly name: string,
    /** With columns, row 1 is their bold, frozen header. */
    readonly columns: readonly XlsxColumn[] = [],
  ) {}

  /** A row as values in column order, or as an object keyed by the columns' keys. */
  addRow(row: XlsxRowInput): void {
    this.rows.push(isList(row) ? [...row] : this.columns.map((c) => row[c.key]))
  }

  addRows(rows: readonly (readonly XlsxValue[])[]): void {
    for (const row of rows) this.addRow(row)
  }
}

export class XlsxWorkbook {
  readonly sheets: XlsxSheet[] = []
  creator = '和美村宣'

  /** A sheet without header; `tableSheet` makes one with. */
  addWorksheet(name: string, columns: readonly XlsxColumn[] = []): XlsxSheet {
    checkSheetName(name, this.sheets)
    const sheet = new XlsxSheet(name, columns)
    this.sheets.push(sheet)
    return sheet
  }
}

export function newWorkbook(): XlsxWorkbook {
  return new XlsxWorkbook()
}

/** A sheet with `columns` as its bold, frozen header row. */
export function tableSheet(
  workbook: XlsxWorkbook,
  name: string,
  columns: readonly XlsxColumn[],
): XlsxSheet {
  return workbook.addWorksheet(name, columns)
}

function checkSheetName(name: string, sheets: readonly XlsxSheet[]) {
  // Excel's own rules; breaking one makes it "repair" the file, dropping the sheet.
  if (name.length < 1 || name.length > 31 || /[\\/?*:[\]]/.test(name) || /^'|'$/.test(name)) {
    throw new Error(`invalid sheet name: ${name}`)
  }
  if (sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new Error(`duplicate sheet name: ${name}`)
  }
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** Cell style indexes in styles.xml's cellXfs. */
const PLAIN = 0
const BOLD = 1
const TEXT = 2
const BOLD_TEXT = 3

/** The workbook as the bytes of an .xlsx file. */
export function writeXlsx(workbook: XlsxWorkbook): Buffer {
  if (workbook.sheets.length === 0) throw new Error('a workbook needs a sheet')
  const strings = new SharedStrings()
  const sheetParts = workbook.sheets.map((sheet, index) => ({
    name: `xl/worksheets/sheet${index + 1}.xml`,
    data: Buffer.from(sheetXml(sheet, index === 0, strings)),
  }))
  const n = workbook.sheets.length
  const entries = [
    ['[Content_Types].xml', contentTypes(n)],
    [
      '_rels/.rels',
      relationships([
        [`${REL}/officeDocument`, 'xl/workbook.xml'],
        [`${PKG_REL}/metadata/core-properties`, 'docProps/core.xml'],
      ]),
    ],
    ['docProps/core.xml', coreProperties(workbook.creator)],
    ['xl/workbook.xml', workbookXml(workbook.sheets)],
    [
      'xl/_rels/workbook.xml.rels',
      relationships([
        ...workbook.sheets.map(
          (_, i) => [`${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`] as const,
        ),
        [`${REL}/styles`, 'styles.xml'],
        [`${REL}/sharedStrings`, 'sharedStrings.xml'],
      ]),
    ],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', strings.xml()],
  ] as const
  return zip([...entries.map(([name, text]) => ({ name, data: Buffer.from(text) })), ...sheetParts])
}

class SharedStrings {
  private readonly index = new Map<string, number>()
  private uses = 0

  add(text: string): number {
    this.uses++
    let at = this.index.get(text)
    if (at === undefined) {
      at = this.index.size
      this.index.set(text, at)
    }
    return at
  }

  xml(): string {
    const items = [...this.index.keys()].map((text) => `<si>${textElement(text)}</si>`)
    return `${HEAD}<sst xmlns="${MAIN}" count="${this.uses}" uniqueCount="${this.index.size}">${items.join('')}</sst>`
  }
}

// A carriage return survives as a character reference (a literal one would be read as a line
// end), and text that looks like Excel's own _xHHHH_ escape is escaped itself, as Excel does.
const stringText = (text: string) =>
  escapeXml(text)
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/\r/g, '&#13;')

const textElement = (text: string) =>
  /^\s|\s$|\n/.test(text)
    ? `<t xml:space="preserve">${stringText(text)}</t>`
    : `<t>${stringText(text)}</t>`

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

function cellXml(ref: string, value: XlsxValue, style: number, strings: SharedStrings): string {
  const s = style === PLAIN ? '' : ` s="${style}"`
  if (typeof value === 'string') return `<c r="${ref}"${s} t="s"><v>${strings.add(value)}</v></c>`
  if (typeof value === 'number' && Number.isFinite(value)) {
    return `<c r="${ref}"${s}><v>${value}</v></c>`
  }
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`
  return style === PLAIN ? '' : `<c r="${ref}"${s}/>`
}

function sheetXml(sheet: XlsxSheet, selected: boolean, strings: SharedStrings): string {
  const { columns } = sheet
  const hasHeader = columns.length > 0
  const lines: XlsxValue[][] = hasHeader
    ? [columns.map((c) => c.header), ...sheet.rows]
    : sheet.rows
  const rows = lines.map((values, r) => {
    const cells = values.map((value, c) => {
      const text = columns[c]?.text === true
      const style = hasHeader && r === 0 ? (text ? BOLD_TEXT : BOLD) : text ? TEXT : PLAIN
      return cellXml(`${columnLetters(c)}${r + 1}`, value, style, strings)
    })
    return `<row r="${r + 1}">${cells.join('')}</row>`
  })
  const tab = selected ? ' tabSelected="1"' : ''
  const view = hasHeader
    ? `<sheetView workbookViewId="0"${tab}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`
    : selected
      ? `<sheetView workbookViewId="0"${tab}/>`
      : '' // a plain sheet in the background needs no view of its own
  const cols = columns.map((c, i) => {
    const width = c.width === undefined ? '' : ` width="${c.width}" customWidth="1"`
    const style = c.text ? ` style="${TEXT}"` : ''
    return `<col min="${i + 1}" max="${i + 1}"${width}${style}/>`
  })
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    (view ? `<sheetViews>${view}</sheetViews>` : '') +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData></worksheet>`
  )
}

function workbookXml(sheets: readonly XlsxSheet[]): string {
  const list = sheets.map(
    (sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  )
  return `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${list.join('')}</sheets></workbook>`
}

function relationships(targets: readonly (readonly [type: string, target: string])[]): string {
  const list = targets.map(
    ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`,
  )
  return `${HEAD}<Relationships xmlns="${PKG_REL}">${list.join('')}</Relationships>`
}

function contentTypes(sheetCount: number): string {
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  const parts: [string, string][] = [
    ['/xl/workbook.xml', `${ml}.sheet.main+xml`],
    ['/xl/styles.xml', `${ml}.styles+xml`],
    ['/xl/sharedStrings.xml', `${ml}.sharedStrings+xml`],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
  ]
  for (let i = 1; i <= sheetCount; i++) {
    parts.push([`/xl/worksheets/sheet${i}.xml`, `${ml}.worksheet+xml`])
  }
  return (
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    parts.map(([name, type]) => `<Override PartName="${name}" ContentType="${type}"/>`).join('') +
    '</Types>'
  )
}

function coreProperties(creator: string): string {
  return (
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(creator)}</dc:creator></cp:coreProperties>`
  )
}

// Fonts: 0 regular, 1 bold. Cell styles: 0 plain, 1 bold (the header), 2 text (numFmt 49,
// @), 3 bold text (a text column's header).
const STYLES =
  `${HEAD}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'
