// The in-house .xlsx writer and reader, checked against exceljs (test-only): an independent
// producer and reader proves the files are what Excel expects.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { newWorkbook, tableSheet, writeXlsx } from '../../../server/shared/xlsx'
import { BadXml, scanXml } from '../../../server/shared/xml'
import {
  NotXlsx,
  readFirstSheet,
  TooManyRows,
  type XlsxRow,
} from '../../../server/shared/xlsx-read'
import { BadZip, openZip, unzip, zip } from '../../../server/shared/zip'

async function exceljsRead(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(content).buffer)
  return workbook
}

async function exceljsWrite(fill: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  fill(workbook)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const valuesOf = (sheet: ExcelJS.Worksheet | undefined) => {
  const rows: unknown[][] = []
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

/** Rows as [line, cells] with holes shown as undefined, for toEqual. */
const plain = (rows: XlsxRow[] | undefined) => rows?.map((r) => [r.line, Array.from(r.cells)])

describe('xlsx writer, read back by exceljs', () => {
  const written = () => {
    const workbook = newWorkbook()
    const table = tableSheet(workbook, '各村汇总', [
      { header: '村', key: 'village', width: 16 },
      { header: '户数', key: 'households', width: 8 },
      { header: '门牌号', key: 'houseNo', width: 14, text: true },
      { header: '备注', key: 'note' },
    ])
    table.addRow({ village: '甲村', households: 4, houseNo: '0012', note: 'a & b <c> "d"' })
    table.addRow({ village: ' 乙村\n二行 ', households: 79.3, houseNo: '', note: null })
    table.addRow({ village: 'bad\u0001\uFFFEchars\uD800', households: true, note: undefined })
    const info = workbook.addWorksheet('说明')
    info.addRows([
      ['评选', '最美庭院'],
      ['有效票', 12],
    ])
    return writeXlsx(workbook)
  }

  it('keeps sheet names, order, headers, values and the creator', async () => {
    const book = await exceljsRead(written())
    expect(book.creator).toBe('和美村宣')
    expect(book.worksheets.map((s) => s.name)).toEqual(['各村汇总', '说明'])
    expect(valuesOf(book.getWorksheet('各村汇总'))).toEqual([
      ['村', '户数', '门牌号', '备注'],
      ['甲村', 4, '0012', 'a & b <c> "d"'],
      [' 乙村\n二行 ', 79.3, ''],
      ['badchars', true],
    ])
    expect(valuesOf(book.getWorksheet('说明'))).toEqual([
      ['评选', '最美庭院'],
      ['有效票', 12],
    ])
  })

  it('makes the header bold and frozen, sets widths and keeps text columns as text', async () => {
    const book = await exceljsRead(written())
    const sheet = book.getWorksheet('各村汇总')!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' })
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy()
    expect(sheet.getColumn(1).width).toBe(16)
    expect(sheet.getColumn(3).width).toBe(14)
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('@')
    expect(sheet.getColumn(3).numFmt).toBe('@')
    expect(sheet.getRow(1).getCell(3)).toMatchObject({ numFmt: '@', font: { bold: true } })
    // A sheet without a header scrolls freely.
    expect(book.getWorksheet('说明')!.views?.[0]?.state).not.toBe('frozen')
  })

  it('reads back through our own reader, first sheet only', () => {
    expect(plain(readFirstSheet(written()))).toEqual([
      [1, ['村', '户数', '门牌号', '备注']],
      [2, ['甲村', 4, '0012', 'a & b <c> "d"']],
      [3, [' 乙村\n二行 ', 79.3, '']],
      [4, ['badchars', true]],
    ])
  })

  it('keeps carriage returns and text that looks like an OOXML escape', async () => {
    const workbook = newWorkbook()
    workbook.addWorksheet('S').addRow(['a\r\nb', 'x_x000D_y'])
    const file = writeXlsx(workbook)
    expect(plain(readFirstSheet(file))).toEqual([[1, ['a\r\nb', 'x_x000D_y']]])
    const book = await exceljsRead(file)
    expect(book.worksheets[0]?.getCell('A1').value).toBe('a\r\nb')
  })

  it('refuses a sheet name Excel would refuse, and gives the same bytes twice', () => {
    expect(() => tableSheet(newWorkbook(), '结果/2026', [])).toThrow('invalid sheet name')
    expect(() => newWorkbook().addWorksheet('x'.repeat(32))).toThrow('invalid sheet name')
    const workbook = newWorkbook()
    workbook.addWorksheet('A')
    expect(() => workbook.addWorksheet('a')).toThrow('duplicate sheet name')
    expect(written().equals(written())).toBe(true)
  })
})

describe('xlsx reader, files written by exceljs', () => {
  it('reads strings, numbers, booleans, rich text, formulas, errors and dates', async () => {
    const file = await exceljsWrite((workbook) => {
      const sheet = workbook.addWorksheet('花名册')
      sheet.addRow(['文本', 12, 0.1, true, false])
      sheet.addRow([
        { richText: [{ text: '甲' }, { text: '村', font: { bold: true } }] },
        { formula: '1+1', result: 2 },
        { formula: 'A1&""', result: '文本' },
        { formula: 'VLOOKUP(A1,B:B,2,0)', result: { error: '#N/A' } },
        new Date(Date.UTC(2026, 0, 2)),
      ])
      workbook.addWorksheet('第二页').addRow(['不读'])
    })
    expect(plain(readFirstSheet(file))).toEqual([
      [1, ['文本', 12, 0.1, true, false]],
      [2, ['甲村', 2, '文本', '#N/A', new Date(Date.UTC(2026, 0, 2))]],
    ])
  })

  it('keeps gaps: cells land in their own columns and rows keep their numbers', async () => {
    const file = await exceljsWrite((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1')
      sheet.getCell('A2').value = '甲'
      sheet.getCell('C2').value = '丙'
      sheet.getCell('B5').value = 5
    })
    expect(plain(readFirstSheet(file))).toEqual([
      [2, ['甲', undefined, '丙']],
      [5, [undefined, 5]],
    ])
  })

  it('reads a workbook without sheets as no sheet', async () => {
    const file = await exceljsWrite(() => {})
    expect(readFirstSheet(file)).toBeUndefined()
  })
})

/** A hand-made workbook the way Excel itself writes one: shared strings, prefixes, styles. */
function excelLikeFile(sheetData: string, sharedStrings: string, styles = '') {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships'
  const part = (name: string, text: string) => ({ name, data: Buffer.from(text) })
  return zip([
    part(
      '_rels/.rels',
      `<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<x:workbook xmlns:x="${main}" xmlns:r="${rel}"><x:workbookPr/><x:sheets>` +
        `<x:sheet name="名单" sheetId="3" r:id="rId7"/><x:sheet name="其他" sheetId="1" r:id="rId1"/>` +
        `</x:sheets></x:workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${pkg}">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId8" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
        `<Relationship Id="rId9" Type="${rel}/styles" Target="./styles.xml"/>` +
        `</Relationships>`,
    ),
    part('xl/worksheets/sheet1.xml', `<worksheet xmlns="${main}"><sheetData/></worksheet>`),
    part(
      'xl/worksheets/sheet2.xml',
      `<?xml version="1.0"?>\n<!-- made by hand --><x:worksheet xmlns:x="${main}"><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`,
    ),
    part('xl/sharedStrings.xml', `<sst xmlns="${main}">${sharedStrings}</sst>`),
    part('xl/styles.xml', `<styleSheet xmlns="${main}">${styles}</styleSheet>`),
  ])
}

describe('xlsx reader, files as Excel and WPS write them', () => {
  it('reads shared strings with rich-text runs, leaving out phonetic guides', () => {
    const file = excelLikeFile(
      '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>',
      '<si><t>张&amp;三</t></si>' +
        '<si><r><rPr><b/></rPr><t xml:space="preserve">东街 </t></r><r><t>1号</t></r>' +
        '<rPh sb="0" eb="1"><t>ドン</t></rPh></si>',
    )
    expect(plain(readFirstSheet(file))).toEqual([[1, ['张&三', '东街 1号']]])
  })

  it('reads inline strings, rows and cells without references, and custom date formats', () => {
    const file = excelLikeFile(
      '<x:row><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c s="1"><x:v>46024</x:v></x:c>' +
        '<x:c s="2"><x:v>46024</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#REF!</x:v></x:c></x:row>' +
        '<x:row><x:c><x:v>0571</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>a_x000D_b</x:v></x:c></x:row>',
      '',
      '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
        '<numFmt numFmtId="177" formatCode="[>=1]yyyy/m/d;0"/></numFmts>' +
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs>',
    )
    expect(plain(readFirstSheet(file))).toEqual([
      [1, ['内联', new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)), true, '#REF!']],
      [2, [571, 'a\rb']],
    ])
  })

  it('refuses a zip without a workbook as no .xlsx', () => {
    const file = zip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }])
    expect(() => readFirstSheet(file)).toThrow(NotXlsx)
  })
})

describe('zip', () => {
  const entries = [
    { name: 'a.txt', data: Buffer.from('和美村宣 '.repeat(100)) },
    { name: 'dir/empty', data: Buffer.alloc(0) },
  ]

  it('reads back what it writes, and only the entries asked for', () => {
    const files = unzip(zip(entries))
    expect([...files.keys()]).toEqual(['a.txt', 'dir/empty'])
    expect(files.get('a.txt')?.equals(entries[0]!.data)).toBe(true)
    expect(files.get('dir/empty')?.length).toBe(0)
    expect([...unzip(zip(entries), (name) => name === 'dir/empty').keys()]).toEqual(['dir/empty'])
  })

  it('reads stored (uncompressed) entries', () => {
    expect(
      unzip(storedZip('s.xml', Buffer.from('<s/>')))
        .get('s.xml')
        ?.toString(),
    ).toBe('<s/>')
  })

  it('refuses what is no zip, a truncated zip and a corrupted entry', () => {
    const good = zip(entries)
    expect(() => unzip(Buffer.from('%PDF-1.7 not a workbook'))).toThrow(BadZip)
    expect(() => unzip(Buffer.alloc(0))).toThrow(BadZip)
    expect(() => unzip(good.subarray(0, good.length - 30))).toThrow(BadZip)
    const corrupt = Buffer.from(good)
    corrupt[40] = (corrupt[40] as number) ^ 0xff // inside a.txt's deflated bytes
    expect(() => unzip(corrupt)).toThrow(BadZip)
    const stored = storedZip('s.xml', Buffer.from('<s/>'))
    stored[stored.indexOf('<s/>')] = 0x3e // same length, wrong CRC
    expect(() => unzip(stored)).toThrow('压缩包内的 s.xml 已损坏')
  })

  it('refuses entries that would inflate beyond the limit', () => {
    const bomb = zip([{ name: 'big.xml', data: Buffer.alloc(2_000_000) }])
    expect(bomb.length).toBeLessThan(10_000)
    expect(() => unzip(bomb, () => true, { maxTotalBytes: 1_000_000, maxEntries: 10 })).toThrow(
      '解压后的内容过大',
    )
  })

  it('stops a bomb whose directory lies about its size as soon as the budget is spent', () => {
    // 64 MB of zeros deflate to ~64 KB; the directory claims 10 bytes.
    const bomb = zip([{ name: 'big.xml', data: Buffer.alloc(64 * 1024 * 1024) }])
    const lying = Buffer.from(bomb)
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    lying.writeUInt32LE(10, central + 24)
    // Timed against inflating all of it on the same machine, so that a loaded machine (or
    // instrumented code under mutation testing) measures the same thing.
    const whole = performance.now()
    expect(unzip(bomb, () => true, { maxTotalBytes: 64 * 1024 * 1024, maxEntries: 10 }).size).toBe(
      1,
    )
    const wholeMs = performance.now() - whole
    const started = performance.now()
    expect(() =>
      unzip(lying, () => true, { maxTotalBytes: 2 * 1024 * 1024, maxEntries: 10 }),
    ).toThrow('解压后的内容过大')
    // 2 MB of 64 MB is 3 % of the work.
    expect(performance.now() - started).toBeLessThan(wholeMs / 4)
  }, 30_000)

  it('shares one budget among all the parts read from one file', () => {
    const part = Buffer.alloc(600_000, 0x61)
    const file = zip([
      { name: 'a.xml', data: part },
      { name: 'b.xml', data: part },
    ])
    const limits = { maxTotalBytes: 1_000_000, maxEntries: 10 }
    const reader = openZip(file, limits)
    expect(reader.read('a.xml')?.length).toBe(600_000)
    expect(() => reader.read('b.xml')).toThrow('解压后的内容过大')
    // Each part alone fits.
    expect(openZip(file, limits).read('b.xml')?.length).toBe(600_000)
  })

  it('refuses a zip holding two entries of the same name', () => {
    const file = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<a/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<b/>') },
    ])
    expect(() => openZip(file)).toThrow('压缩包里有两个 xl/workbook.xml')
  })
})

describe('xlsx reader bounds', () => {
  const cell = (ref: string) => `<x:row r="1"><x:c r="${ref}" t="s"><x:v>0</x:v></x:c></x:row>`

  it('refuses a file whose one cell is FXSHRXW1 (15 s and 2.1 GB before), at once', () => {
    const file = excelLikeFile(cell('FXSHRXW1'), '<si><t>甲</t></si>')
    const started = performance.now()
    expect(() => readFirstSheet(file)).toThrow(NotXlsx)
    expect(() => readFirstSheet(file)).toThrow('单元格地址「FXSHRXW1」超出了表格的范围')
    expect(performance.now() - started).toBeLessThan(200)
  })

  it('takes cell references up to XFD1048576 and refuses one past either edge', () => {
    const last = readFirstSheet(excelLikeFile(cell('XFD1048576'), '<si><t>甲</t></si>'))
    expect(last?.[0]?.cells.length).toBe(16_384)
    expect(last?.[0]?.cells[16_383]).toBe('甲')
    expect(last?.[0]?.cells.filter(() => true)).toEqual(['甲'])
    for (const [ref, message] of [
      ['XFE1', '单元格地址「XFE1」超出了表格的范围'],
      ['A1048577', '单元格地址「A1048577」超出了表格的范围'],
      ['A0', '单元格地址「A0」超出了表格的范围'],
      ['1A', '单元格地址「1A」无效'],
    ]) {
      expect(
        () => readFirstSheet(excelLikeFile(cell(ref as string), '<si><t>甲</t></si>')),
        ref,
      ).toThrow(message as string)
    }
  })

  it('refuses row numbers beyond 1,048,576', () => {
    const row = (r: string) => `<x:row r="${r}"><x:c t="s"><x:v>0</x:v></x:c></x:row>`
    expect(readFirstSheet(excelLikeFile(row('1048576'), '<si><t>甲</t></si>'))?.[0]?.line).toBe(
      1_048_576,
    )
    expect(() => readFirstSheet(excelLikeFile(row('1048577'), '<si><t>甲</t></si>'))).toThrow(
      '行号「1048577」超出了表格的范围',
    )
    expect(() => readFirstSheet(excelLikeFile(row('99999999999'), '<si><t>甲</t></si>'))).toThrow(
      NotXlsx,
    )
  })

  it('reads at most maxRows rows with values; rows without values do not count', () => {
    const rows = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `<x:row r="${i + 1}"><x:c><x:v>${i}</x:v></x:c></x:row>`,
      ).join('') + '<x:row r="900"/><x:row r="901"><x:c/></x:row>'
    const limits = { maxInflatedBytes: 8 * 1024 * 1024, maxRows: 3 }
    expect(readFirstSheet(excelLikeFile(rows(3), ''), limits)).toHaveLength(3)
    expect(() => readFirstSheet(excelLikeFile(rows(4), ''), limits)).toThrow(TooManyRows)
    expect(readFirstSheet(excelLikeFile(rows(2), ''), limits)).toHaveLength(2)
  })

  it('refuses XML that is not well-formed, naming where', () => {
    expect(() => readFirstSheet(excelLikeFile('<x:row><x:c><x:v>1</x:c></x:row>', ''))).toThrow(
      BadXml,
    )
    expect(() => scanXml('<a>\n<b></a>', {})).toThrow('第 2 行')
  })

  it('never expands entities a DOCTYPE declares', () => {
    const laughs =
      '<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;">]><a>&l2;</a>'
    expect(() => scanXml(laughs, {})).toThrow(BadXml)
    const texts: string[] = []
    scanXml('<a>&lt;&#x5F20;&#20013;&amp;</a>', { text: (t) => texts.push(t) })
    expect(texts.join('')).toBe('<张中&')
  })
})

/** A one-entry zip with the entry stored, as some tools write small parts. */
function storedZip(name: string, data: Buffer): Buffer {
  const viaDeflate = zip([{ name, data }])
  const crc = viaDeflate.readUInt32LE(14)
  const nameBytes = Buffer.from(name)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(10, 4)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(nameBytes.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  local.copy(central, 6, 4, 26)
  central.writeUInt16LE(nameBytes.length, 28)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(46 + nameBytes.length, 12)
  end.writeUInt32LE(30 + nameBytes.length + data.length, 16)
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end])
}
