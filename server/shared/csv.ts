// CSV as RFC 4180 and Excel write it: comma-separated fields, a field in double quotes may hold
// commas, line breaks and doubled quotes (""). Lines end in CRLF, LF or a lone CR.

/**
 * The text has a quoted field that never closes, or text right after a closing quote; the
 * message, in Chinese, names the line.
 */
export class BadCsv extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadCsv'
  }
}

const UNQUOTED = /[^,\r\n]*/y

/** The line (1-based, as an editor counts them) of the character at `at`. */
const lineAt = (text: string, at: number) => text.slice(0, at).split(/\r\n|\r|\n/).length

/**
 * The records of `text` (a leading byte-order mark is dropped), every field as written. An
 * empty line is a record of one empty field, so record numbers stay the lines a user sees in
 * Excel; a final line break does not start another record.
 */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '')
  const records: string[][] = []
  let record: string[] = []
  let at = 0
  const n = source.length
  while (at < n) {
    let field = ''
    const start = at
    if (source[at] === '"') {
      at++
      for (;;) {
        const quote = source.indexOf('"', at)
        if (quote === -1) throw new BadCsv(`第 ${lineAt(source, start)} 行的引号没有闭合`)
        field += source.slice(at, quote)
        at = quote + 1
        if (source[at] !== '"') break
        field += '"'
        at++
      }
      if (at < n && !/[,\r\n]/.test(source[at] as string)) {
        throw new BadCsv(`第 ${lineAt(source, at)} 行的引号后面紧跟着文字`)
      }
    } else {
      UNQUOTED.lastIndex = at
      field = UNQUOTED.exec(source)?.[0] ?? ''
      at += field.length
    }
    record.push(field)
    const separator = source[at]
    if (separator === ',') {
      at++
      if (at < n) continue
      // A comma ending the text leaves an empty last field.
      record.push('')
    }
    records.push(record)
    record = []
    if (separator === '\r' && source[at + 1] === '\n') at += 2
    else at++
  }
  return records
}
