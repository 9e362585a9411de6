// Roster files (花名册) made in code, so no binary fixture lives in the repository.
import ExcelJS from 'exceljs'

export const ROSTER_HEADER = ['村名', '村民小组', '户主姓名', '门牌号', '家庭人口', '联系电话']

export type Cell = ExcelJS.CellValue

/** An .xlsx whose first sheet holds these rows, the first being whatever header you pass. */
export async function xlsxOf(rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Sheet1')
  for (const row of rows) sheet.addRow([...row])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** CSV text as Excel writes it: fields with commas, quotes or line breaks are quoted. */
export function csvTextOf(rows: readonly (readonly string[])[], eol = '\r\n'): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)
  return rows.map((row) => row.map(field).join(',')).join(eol) + eol
}

/** CSV bytes: UTF-8 with a byte-order mark ("CSV UTF-8"), plain UTF-8, or GB18030 ("CSV"). */
export function csvOf(
  rows: readonly (readonly string[])[],
  encoding: 'utf8-bom' | 'utf8' | 'gb18030' = 'utf8-bom',
): Buffer {
  const text = csvTextOf(rows)
  if (encoding === 'gb18030') return encodeGb18030(text)
  return Buffer.from(encoding === 'utf8-bom' ? `\uFEFF${text}` : text, 'utf8')
}

let gbTable: Map<string, number[]> | undefined

/**
 * Node can decode GB18030 but not encode it: the table is built by decoding every two-byte
 * GBK code once, which covers the common Chinese characters a test uses.
 */
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map()
    const decoder = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const char = decoder.decode(Uint8Array.of(lead, trail))
        if (!gbTable.has(char)) gbTable.set(char, [lead, trail])
      }
    }
  }
  const bytes: number[] = []
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0))
    else {
      const code = gbTable.get(char)
      if (!code) throw new Error(`no two-byte GB18030 code for ${char}`)
      bytes.push(...code)
    }
  }
  return Buffer.from(bytes)
}

export const base64 = (content: Buffer) => content.toString('base64')

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = ['建国', '秀英', '桂兰', '志强', '玉梅', '国华', '春花', '德明', '海燕', '长青']
const GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组']

/**
 * A roster of `count` households spread over `villages` villages (名 `测试1村`…), as rows
 * after the header; deterministic, so two calls give the same file.
 */
export function generatedRoster(count: number, villages = 10): string[][] {
  const rows: string[][] = []
  for (let i = 0; i < count; i++) {
    const v = i % villages
    const n = Math.floor(i / villages)
    rows.push([
      `测试${v + 1}村`,
      GROUPS[n % GROUPS.length] as string,
      `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      `${['东街', '西街', '南巷'][n % 3]}${n + 1}号`,
      String((i % 6) + 1),
      i % 3 === 0 ? '' : `139${String(10_000_000 + i).padStart(8, '0')}`,
    ])
  }
  return rows
}
