import { describe, expect, it } from 'vitest'
import { readRosterFile, UnreadableRosterFile } from '../../../server/people/roster.file'
import { BadCsv, parseCsv } from '../../../server/shared/csv'
import { csvOf, csvTextOf, generatedRoster, ROSTER_HEADER } from '../../helpers/roster-files'

describe('CSV parsing (RFC 4180 as Excel writes it)', () => {
  it('splits fields and records on CRLF, LF and a lone CR, without a record after the last', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ])
    expect(parseCsv('a,b')).toEqual([['a', 'b']])
    expect(parseCsv('')).toEqual([])
  })

  it('reads quoted commas, line breaks and doubled quotes', () => {
    expect(parseCsv('"东街1号,后院","张""老""三","东街\r\n2号",""\r\n')).toEqual([
      ['东街1号,后院', '张"老"三', '东街\r\n2号', ''],
    ])
  })

  it('drops a byte-order mark and keeps every value as written', () => {
    expect(parseCsv('\uFEFF村名, 0571 ,2026-01-02,#N/A,TRUE')).toEqual([
      ['村名', ' 0571 ', '2026-01-02', '#N/A', 'TRUE'],
    ])
  })

  it('keeps empty lines and empty fields, so record numbers match the lines', () => {
    expect(parseCsv('a,,c\r\n\r\n,b,\r\n,')).toEqual([
      ['a', '', 'c'],
      [''],
      ['', 'b', ''],
      ['', ''],
    ])
  })

  it('reads back what the test helper writes, quotes and all', () => {
    const rows = [ROSTER_HEADER, ['甲村', '一组', '张"老"三', '东街1号,后院', '3', '']]
    expect(parseCsv(csvTextOf(rows))).toEqual(rows)
    expect(parseCsv(csvTextOf(rows, '\n'))).toEqual(rows)
  })

  it('refuses a quote that never closes, or text right after a closing quote', () => {
    expect(() => parseCsv('a,"b\r\nc')).toThrow('第 1 行的引号没有闭合')
    expect(() => parseCsv('a\r\nb\n"a"b,c')).toThrow('第 3 行的引号后面紧跟着文字')
    expect(() => parseCsv('"a"b,c')).toThrow(BadCsv)
    // A quote inside an unquoted field is just a character.
    expect(parseCsv('张"三,b')).toEqual([['张"三', 'b']])
  })

  it('makes a malformed roster CSV unreadable rather than half-read', async () => {
    const file = Buffer.from(`${ROSTER_HEADER.join(',')}\r\n甲村,一组,"张三,东街1号,3,\r\n`)
    await expect(readRosterFile(file, 'a.csv')).rejects.toBeInstanceOf(UnreadableRosterFile)
  })

  it('reads a roster of 10,000 households; one more is refused, naming the limit', async () => {
    const rows = generatedRoster(10_001)
    const full = await readRosterFile(csvOf([ROSTER_HEADER, ...rows.slice(0, 10_000)]), 'a.csv')
    expect(full.rows).toHaveLength(10_000)
    // The limit counts households, not the header or title lines above it.
    const titled = csvOf([['某某镇花名册'], ROSTER_HEADER, ...rows.slice(0, 10_000)])
    expect((await readRosterFile(titled, 'a.csv')).rows).toHaveLength(10_000)
    const over = readRosterFile(csvOf([ROSTER_HEADER, ...rows]), 'a.csv')
    await expect(over).rejects.toMatchObject({
      reason: '花名册一次最多导入 10000 户，请分成几个文件',
    })
  })
})
