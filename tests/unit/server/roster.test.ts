import { describe, expect, it } from 'vitest'
import {
  readRosterFile,
  UnreadableRosterFile,
  writeRosterXlsx,
} from '../../../server/people/roster.file'
import {
  checkRows,
  exportOrder,
  planRoster,
  type RosterPlace,
  type RosterRow,
  type RosterState,
} from '../../../server/people/roster.rules'
import { MAX_LISTED_CHANGES } from '../../../server/people/roster-changes.rules'
import { placesRepo } from '../../../server/store/sqlite/places'
import { rosterRepo } from '../../../server/store/sqlite/roster'
import { importSnapshot } from '../../../server/store/sqlite/snapshot'
import { createSql } from '../../../server/store/sqlite/sql'
import { openDatabase } from '../../../server/store/sqlite/sqlite-store'
import { UniqueViolation, type RosterEntry } from '../../../server/store/store'
import { buildTestTown, NOW } from '../../helpers/factories'
import { csvOf, csvTextOf, ROSTER_HEADER, xlsxOf } from '../../helpers/roster-files'

/** A row as the file reader gives it; line 2 unless said. */
const row = (cells: Partial<RosterRow> = {}): RosterRow => ({
  line: 2,
  village: '甲村',
  group: '一组',
  headName: '张小明',
  houseNo: '东街1号',
  size: '3',
  phone: '13800000000',
  ...cells,
})

const rows = (...list: Partial<RosterRow>[]) => list.map((r, i) => row({ line: i + 2, ...r }))

/** Ids that say what they are, so expectations can name them. */
const sequentialIds = () => {
  let n = 0
  return (prefix: string) => `${prefix}-${++n}`
}

const place = (
  id: string,
  name: string,
  extra: Partial<Omit<RosterPlace, 'village'>> & { archivedAt?: number | null; sort?: number } = {},
): RosterPlace => ({
  village: { id, name, sort: extra.sort ?? 0, archivedAt: extra.archivedAt ?? null },
  groups: extra.groups ?? [{ id: `${id}-g1`, name: '一组', sort: 0, archivedAt: null }],
  grids: extra.grids ?? [{ id: `${id}-grid`, name: `${name}网格`, archivedAt: null }],
})

const entry = (overrides: Partial<RosterEntry> & { householdId: string }) => ({
  villageName: '甲村',
  groupName: '一组',
  headName: '张小明',
  houseNo: '东街1号',
  size: 3,
  phone: '13800000000' as string | null,
  ...overrides,
})

const town = (): RosterState => ({
  places: [place('vil-a', '甲村'), place('vil-b', '乙村', { sort: 1 })],
  entries: [
    entry({ householdId: 'hh-a1' }),
    entry({ householdId: 'hh-a2', headName: '李大强', houseNo: '东街2号', phone: null }),
  ],
})

const plan = (list: RosterRow[], state = town(), newVillages: string[] = []) =>
  planRoster(list, state, { now: NOW, newId: sequentialIds(), newVillages })

describe('roster file reading', () => {
  it('reads an .xlsx with columns in any order, extra columns and a trimmed header', async () => {
    const file = await xlsxOf([
      ['备注', ' 联系电话 ', '户主姓名', '门牌号', '村民小组', '家庭人口', '村名 '],
      ['新户', '13900000001', ' 王芳 ', '东街3号', '一组', '2', '甲村'],
    ])
    const { rows: read, errors } = await readRosterFile(file, '花名册.xlsx')
    expect(errors).toEqual([])
    expect(read).toEqual([
      {
        line: 2,
        village: '甲村',
        group: '一组',
        headName: '王芳',
        houseNo: '东街3号',
        size: '2',
        phone: '13900000001',
      },
    ])
  })

  it('turns numbers, rich text and formulas in cells into trimmed text', async () => {
    const file = await xlsxOf([
      ROSTER_HEADER,
      [
        { richText: [{ text: '甲' }, { text: '村 ', font: { bold: true } }] },
        '一组',
        '张小明',
        12,
        3,
        13800000000,
      ],
      ['甲村', '一组', '李四', 13, { formula: '1+1', result: 2 }, null],
    ])
    const { rows: read } = await readRosterFile(file, 'a.xlsx')
    expect(read.map((r) => [r.village, r.houseNo, r.size, r.phone])).toEqual([
      ['甲村', '12', '3', '13800000000'],
      ['甲村', '13', '2', ''],
    ])
  })

  it('skips empty rows but keeps the line numbers the spreadsheet shows', async () => {
    const file = await xlsxOf([
      ROSTER_HEADER,
      ['甲村', '一组', '张三', '1号', 3, ''],
      [],
      ['', '  ', '', '', '', ''],
      ['甲村', '一组', '李四', '2号', 3, ''],
    ])
    const { rows: read } = await readRosterFile(file, 'a.xlsx')
    expect(read.map((r) => [r.line, r.headName])).toEqual([
      [2, '张三'],
      [5, '李四'],
    ])
  })

  it('finds the header below a title row, with lines as in the sheet', async () => {
    const file = await xlsxOf([['某某镇户籍花名册'], ROSTER_HEADER, ['甲村', '一组', '张三', 1, 3]])
    const { rows: read, errors } = await readRosterFile(file, 'a.xlsx')
    expect(errors).toEqual([])
    expect(read.map((r) => [r.line, r.headName, r.phone])).toEqual([[3, '张三', '']])
  })

  it('reports one file-level error on line 1 naming the missing columns', async () => {
    const file = await xlsxOf([
      ['村名', '户主姓名', '家庭人口'],
      ['甲村', '张三', 3],
    ])
    const result = await readRosterFile(file, 'a.xlsx')
    expect(result.rows).toEqual([])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]?.line).toBe(1)
    expect(result.errors[0]?.message).toContain('村民小组、门牌号')
    expect(result.errors[0]?.message).not.toContain('联系电话、')
  })

  it('says an empty file is empty', async () => {
    const result = await readRosterFile(await xlsxOf([]), 'a.xlsx')
    expect(result.errors).toEqual([{ line: 1, message: expect.stringContaining('文件是空的') }])
  })

  it('reads a CSV with a BOM, CRLF, quoted commas, quotes and line breaks', async () => {
    const file = csvOf([
      ROSTER_HEADER,
      ['甲村', '一组', '张"老"三', '东街1号,后院', '3', '0571-12345678'],
      ['甲村', '一组', '李四', '东街\n2号', '4', ''],
    ])
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const { rows: read, errors } = await readRosterFile(file, '花名册.CSV')
    expect(errors).toEqual([])
    expect(read).toEqual([
      row({ headName: '张"老"三', houseNo: '东街1号,后院', phone: '0571-12345678' }),
      row({ line: 3, headName: '李四', houseNo: '东街\n2号', size: '4', phone: '' }),
    ])
  })

  it('keeps CSV text as written: leading zeros and date-like text survive', async () => {
    const file = Buffer.from(
      csvTextOf([ROSTER_HEADER, ['甲村', '一组', '张三', '2026-01-02', '03', '057112345678']]),
    )
    const { rows: read } = await readRosterFile(file, 'a.csv')
    expect(read.map((r) => [r.houseNo, r.size, r.phone])).toEqual([
      ['2026-01-02', '03', '057112345678'],
    ])
  })

  it('reads a CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const file = csvOf(
      [ROSTER_HEADER, ['甲村', '一组', '欧阳春花', '东街10号', '5', '']],
      'gb18030',
    )
    const { rows: read, errors } = await readRosterFile(file, 'a.csv')
    expect(errors).toEqual([])
    expect(read[0]).toMatchObject({ village: '甲村', headName: '欧阳春花', houseNo: '东街10号' })
  })

  it('refuses bytes that are no .xlsx', async () => {
    await expect(readRosterFile(Buffer.from('not a zip'), 'a.xlsx')).rejects.toBeInstanceOf(
      UnreadableRosterFile,
    )
  })

  it('writes an .xlsx that reads back as the same rows', async () => {
    const entries = [
      entry({ householdId: 'x', phone: '057112345678' }),
      entry({ householdId: 'y', houseNo: '0012', phone: null }),
    ]
    const { rows: read } = await readRosterFile(await writeRosterXlsx(entries), 'out.xlsx')
    expect(read.map((r) => [r.houseNo, r.size, r.phone])).toEqual([
      ['东街1号', '3', '057112345678'],
      ['0012', '3', ''],
    ])
  })
})

describe('roster row checks', () => {
  const messageOf = (cells: Partial<RosterRow>) => checkRows([row(cells)]).errors[0]?.message

  it('accepts a good row and turns its text into values', () => {
    expect(checkRows([row({ size: '３', phone: '138 0000 0000' })])).toEqual({
      good: [
        {
          line: 2,
          entry: {
            villageName: '甲村',
            groupName: '一组',
            headName: '张小明',
            houseNo: '东街1号',
            size: 3,
            phone: '13800000000',
          },
        },
      ],
      errors: [],
    })
    expect(checkRows([row({ phone: '' })]).good[0]?.entry.phone).toBeNull()
  })

  it('names each missing field', () => {
    expect(messageOf({ village: '' })).toBe('缺少村名')
    expect(messageOf({ group: '' })).toBe('缺少村民小组')
    expect(messageOf({ headName: '' })).toBe('缺少户主姓名')
    expect(messageOf({ houseNo: '' })).toBe('缺少门牌号')
    expect(messageOf({ size: '' })).toBe('缺少家庭人口')
  })

  it('refuses a population that is not a whole number from 1 to 30', () => {
    for (const size of ['0', '31', '2.5', '三', '-1']) {
      expect(messageOf({ size })).toBe(`家庭人口「${size}」应为 1 到 30 之间的整数`)
    }
    expect(messageOf({ size: '30' })).toBeUndefined()
  })

  it('checks phones with the contract rule', () => {
    for (const phone of ['12345', '1380000000', '23800000000', '138000000001']) {
      expect(messageOf({ phone })).toContain(`联系电话「${phone}」格式不正确`)
    }
    for (const phone of ['13800000000', '0571-12345678', '010-1234567']) {
      expect(messageOf({ phone })).toBeUndefined()
    }
  })

  it('names and 门牌号 are accepted at their length limits (20, 30) and refused one above', () => {
    expect(messageOf({ village: '村'.repeat(20) })).toBeUndefined()
    expect(messageOf({ group: '组'.repeat(20) })).toBeUndefined()
    expect(messageOf({ headName: '名'.repeat(20) })).toBeUndefined()
    expect(messageOf({ houseNo: '号'.repeat(30) })).toBeUndefined()
    expect(messageOf({ group: '组'.repeat(21) })).toBe('村民小组最多 20 个字')
    expect(messageOf({ houseNo: '号'.repeat(31) })).toBe('门牌号最多 30 个字')
  })

  it('a household of 1 is accepted; 0 is not', () => {
    expect(messageOf({ size: '1' })).toBeUndefined()
    expect(messageOf({ size: ' 1 ' })).toBeUndefined()
    expect(messageOf({ size: '0' })).toBe('家庭人口「0」应为 1 到 30 之间的整数')
  })

  it('rows without a village are not compared by 门牌号 (only the missing village is said)', () => {
    const { errors } = checkRows(rows({ village: '' }, { village: '' }))
    expect(errors).toEqual([
      { line: 2, message: '缺少村名' },
      { line: 3, message: '缺少村名' },
    ])
  })

  it('refuses over-long names', () => {
    expect(messageOf({ headName: '名'.repeat(21) })).toBe('户主姓名最多 20 个字')
    expect(messageOf({ village: '村'.repeat(21) })).toBe('村名最多 20 个字')
  })

  it('refuses a cell holding a formula error instead of taking it for a name', async () => {
    const file = await xlsxOf([
      ROSTER_HEADER,
      ['甲村', '一组', { formula: 'VLOOKUP(A1,B:B,2,0)', result: { error: '#N/A' } }, '1号', 3],
    ])
    const { rows: read } = await readRosterFile(file, 'a.xlsx')
    expect(checkRows(read).errors).toEqual([
      { line: 2, message: '户主姓名是公式错误 #N/A，请改为实际内容' },
    ])
  })

  it('puts every problem of a row in one message', () => {
    const { errors } = checkRows([row({ line: 7, headName: '', size: 'x', phone: '1' })])
    expect(errors).toEqual([
      {
        line: 7,
        message:
          '缺少户主姓名；家庭人口「x」应为 1 到 30 之间的整数；联系电话「1」格式不正确，应为 11 位手机号或带区号的固定电话',
      },
    ])
  })

  it('reports a repeated 门牌号 within a village on the later line, naming the earlier', () => {
    const { good, errors } = checkRows(
      rows({}, { village: '乙村' }, { headName: '李四' }, { headName: '王五' }),
    )
    expect(good.map((g) => g.line)).toEqual([2, 3])
    expect(errors).toEqual([
      { line: 4, message: '门牌号「东街1号」与第 2 行重复（同一个村的门牌号不能重复）' },
      { line: 5, message: '门牌号「东街1号」与第 2 行重复（同一个村的门牌号不能重复）' },
    ])
  })
})

describe('roster plan', () => {
  it('leaves rows equal to the database alone, updates changed ones, creates new ones', () => {
    const { plan: p, counts } = plan(
      rows(
        {},
        { headName: '李大强', houseNo: '东街2号', size: '4', phone: '' },
        { headName: '王芳', houseNo: '东街3号', phone: '' },
      ),
    )
    expect(counts).toEqual({
      rows: 3,
      create: 1,
      update: 1,
      unchanged: 1,
      villagesToCreate: [],
      unknownVillages: [],
      groupsToCreate: [],
      changes: [
        {
          line: 3,
          villageName: '甲村',
          houseNo: '东街2号',
          fields: [{ field: '家庭人口', from: '3', to: '4' }],
        },
      ],
      errors: [],
    })
    expect(p.update).toEqual([
      { id: 'hh-a2', headName: '李大强', size: 4, phone: null, groupId: 'vil-a-g1' },
    ])
    expect(p.create).toEqual([
      {
        id: 'hh-1',
        villageId: 'vil-a',
        groupId: 'vil-a-g1',
        gridId: 'vil-a-grid',
        headName: '王芳',
        houseNo: '东街3号',
        size: 3,
        phone: null,
        showNameOnRed: false,
        createdAt: NOW,
      },
    ])
  })

  it('counts a change of head, size, phone or group as an update', () => {
    const changes: Partial<RosterRow>[] = [
      { headName: '张大明' },
      { size: '5' },
      { phone: '13900000000' },
      { phone: '' },
      { group: '二组' },
    ]
    for (const change of changes) {
      expect(plan([row(change)]).counts).toMatchObject({ update: 1, unchanged: 0 })
    }
  })

  it('creates confirmed new villages with a default grid, and unknown groups in their village', () => {
    const { plan: p, counts } = plan(
      rows(
        { village: '丙村', group: '三组', houseNo: '1号' },
        { village: '丙村', group: '一组', houseNo: '2号' },
        { village: '甲村', group: '二组', houseNo: '东街9号' },
        { group: '二组', houseNo: '东街2号', headName: '李大强', phone: '' },
      ),
      town(),
      ['丙村'],
    )
    expect(counts.errors).toEqual([])
    expect(counts.unknownVillages).toEqual([])
    expect(counts.villagesToCreate).toEqual(['丙村'])
    expect(counts.groupsToCreate).toEqual(['甲村/二组', '丙村/三组', '丙村/一组'])
    expect(p.villages).toEqual([
      { id: 'vil-1', name: '丙村', code: null, sort: 2, archivedAt: null },
    ])
    expect(p.grids).toEqual([
      { id: 'grid-4', villageId: 'vil-1', name: '丙村网格', archivedAt: null },
    ])
    expect(p.groups.find((g) => g.name === '二组')).toMatchObject({ villageId: 'vil-a', sort: 1 })
    expect(p.create.map((h) => [h.houseNo, h.gridId])).toEqual([
      ['1号', 'grid-4'],
      ['2号', 'grid-4'],
      ['东街9号', 'vil-a-grid'],
    ])
    // The household moved into the new group; the new group was created only once.
    expect(p.update).toEqual([expect.objectContaining({ id: 'hh-a2', groupId: p.groups[0]?.id })])
    expect(p.groups).toHaveLength(3)
  })

  it("puts new households in a village's first grid that is not archived", () => {
    const state = town()
    state.places = [
      place('vil-a', '甲村', {
        grids: [
          { id: 'old', name: '甲村老网格', archivedAt: NOW - 1 },
          { id: 'east', name: '甲村东片网格', archivedAt: null },
          { id: 'west', name: '甲村西片网格', archivedAt: null },
        ],
      }),
    ]
    const { plan: p } = plan([row({ houseNo: '新1号' })], state)
    expect(p.create[0]?.gridId).toBe('east')
    expect(p.grids).toEqual([])
  })

  it('creates a grid for a village that has none open, avoiding an archived name', () => {
    const state = town()
    state.places = [
      place('vil-a', '甲村', { grids: [{ id: 'old', name: '甲村网格', archivedAt: NOW - 1 }] }),
    ]
    const { plan: p } = plan(rows({ houseNo: '新1号' }, { houseNo: '新2号' }), state)
    expect(p.grids).toEqual([
      { id: 'grid-2', villageId: 'vil-a', name: '甲村网格2', archivedAt: null },
    ])
    expect(p.create.map((h) => h.gridId)).toEqual(['grid-2', 'grid-2'])
  })

  it('refuses rows naming an archived village or adding to an archived group', () => {
    const state = town()
    state.places = [
      place('vil-a', '甲村', {
        groups: [
          { id: 'g1', name: '一组', sort: 0, archivedAt: NOW - 1 },
          { id: 'g2', name: '二组', sort: 1, archivedAt: null },
        ],
      }),
      place('vil-old', '旧村', { archivedAt: NOW - 1 }),
    ]
    const { plan: p, counts } = plan(
      rows(
        { village: '旧村', houseNo: '1号' },
        { houseNo: '新1号' },
        // Already in the archived group: staying there is fine.
        { size: '4' },
      ),
      state,
    )
    expect(counts.errors).toEqual([
      { line: 2, message: '村「旧村」已归档，请先在管理端恢复该村' },
      { line: 3, message: '村民小组「一组」已归档，请先在管理端恢复该组或改填其他小组' },
    ])
    expect(p.villages).toEqual([])
    expect(p.create).toEqual([])
    expect(p.update).toEqual([expect.objectContaining({ id: 'hh-a1', size: 4, groupId: 'g1' })])
  })

  it('refuses a village name two open villages share', () => {
    const state = town()
    state.places = [place('v1', '甲村'), place('v2', '甲村')]
    expect(plan([row()], state).counts.errors).toEqual([
      { line: 2, message: '系统中有 2 个名为「甲村」的村，请先在管理端改名区分' },
    ])
  })

  it('never creates a village by a typo: an unknown name is an error on its line, with the nearest', () => {
    const { plan: p, counts } = plan(
      rows(
        { houseNo: '新1号' },
        { village: '甲庄', houseNo: '新2号' },
        { village: '甲庄', houseNo: '新3号' },
      ),
    )
    expect(counts.errors).toEqual([
      { line: 3, message: '本镇没有“甲庄”，是不是“甲村”？' },
      { line: 4, message: '本镇没有“甲庄”，是不是“甲村”？' },
    ])
    expect(counts).toMatchObject({ create: 1, villagesToCreate: [], unknownVillages: ['甲庄'] })
    expect(p.villages).toEqual([])
    expect(p.create.map((h) => h.houseNo)).toEqual(['新1号'])
  })

  it('suggests the nearest live village, and none when nothing is near', () => {
    const state = town()
    state.places = [
      place('vil-a', '柳家村'),
      place('vil-b', '石坪村', { sort: 1 }),
      place('vil-old', '柳家庄', { archivedAt: NOW - 1, sort: 2 }),
    ]
    const messages = (village: string) =>
      plan([row({ village, houseNo: '1号' })], state).counts.errors.map((e) => e.message)
    expect(messages('柳家屯')).toEqual(['本镇没有“柳家屯”，是不是“柳家村”？'])
    expect(messages('石平村')).toEqual(['本镇没有“石平村”，是不是“石坪村”？'])
    expect(messages('大王庄')).toEqual([
      '本镇没有“大王庄”。如确是新建的村，请在导入前确认新建“大王庄”',
    ])
    // An archived village is named as archived, not as unknown.
    expect(messages('柳家庄')).toEqual(['村「柳家庄」已归档，请先在管理端恢复该村'])
  })

  it('creates exactly the confirmed villages; other unknown names stay errors', () => {
    const { plan: p, counts } = plan(
      rows({ village: '丙村', houseNo: '1号' }, { village: '丁村', houseNo: '1号' }),
      town(),
      ['丙村'],
    )
    expect(p.villages.map((v) => v.name)).toEqual(['丙村'])
    expect(counts).toMatchObject({ villagesToCreate: ['丙村'], unknownVillages: ['丁村'] })
    expect(counts.errors).toEqual([{ line: 3, message: expect.stringContaining('本镇没有“丁村”') }])
  })

  it('names each household an update changes: line, 门牌号, each field from → to', () => {
    const { counts } = plan(
      rows(
        {},
        { headName: '李小强', houseNo: '东街2号', size: '5', phone: '13900000000', group: '二组' },
        { houseNo: '东街9号' },
      ),
    )
    expect(counts.update).toBe(1)
    expect(counts.changes).toEqual([
      {
        line: 3,
        villageName: '甲村',
        houseNo: '东街2号',
        fields: [
          { field: '户主姓名', from: '李大强', to: '李小强' },
          { field: '村民小组', from: '一组', to: '二组' },
          { field: '家庭人口', from: '3', to: '5' },
          { field: '联系电话', from: '', to: '13900000000' },
        ],
      },
    ])
  })

  it('lists at most MAX_LISTED_CHANGES updates one by one, and counts them all', () => {
    const many = Array.from({ length: MAX_LISTED_CHANGES + 2 }, (_, i) =>
      entry({ householdId: `hh-${i}`, houseNo: `${i}号` }),
    )
    const state = { ...town(), entries: many }
    const list = many.map((e, i) => row({ line: i + 2, houseNo: e.houseNo, size: '4' }))
    const { counts } = plan(list, state)
    expect(counts.update).toBe(MAX_LISTED_CHANGES + 2)
    expect(counts.changes).toHaveLength(MAX_LISTED_CHANGES)
    expect(counts.changes.at(-1)?.line).toBe(MAX_LISTED_CHANGES + 1)
  })

  it('leaves bad rows out of the plan and counts only good ones', () => {
    const { plan: p, counts } = plan(rows({ houseNo: '新1号' }, { houseNo: '新2号', size: '0' }))
    expect(counts).toMatchObject({ rows: 2, create: 1, errors: [{ line: 3 }] })
    expect(p.create.map((h) => h.houseNo)).toEqual(['新1号'])
  })
})

describe('roster plan against the SQLite store', () => {
  const open = () => {
    const sql = createSql(openDatabase(':memory:'))
    importSnapshot(sql, buildTestTown())
    const places = placesRepo(sql)
    const roster = rosterRepo(sql)
    const state = async (): Promise<RosterState> => ({
      places: await places.tree(),
      entries: await roster.entries(),
    })
    return { sql, roster, state }
  }
  const file = rows(
    { headName: '张小明' },
    { headName: '李大强', houseNo: '东街2号', size: '5' },
    { village: '丙村', group: '一组', headName: '孙七', houseNo: '南街1号', phone: '' },
    { village: '丙村', group: '二组', headName: '周八', houseNo: '南街2号' },
  )

  it('applies a plan, after which the same file plans nothing (idempotent)', async () => {
    const { roster, state } = open()
    const first = planRoster(file, await state(), { now: NOW, newVillages: ['丙村'] })
    expect(first.counts).toMatchObject({ create: 2, update: 1, unchanged: 1 })
    await roster.apply(first.plan)

    const again = planRoster(file, await state(), { now: NOW, newVillages: ['丙村'] })
    expect(again.counts).toEqual({
      rows: 4,
      create: 0,
      update: 0,
      unchanged: 4,
      villagesToCreate: [],
      unknownVillages: [],
      groupsToCreate: [],
      changes: [],
      errors: [],
    })
    expect(again.plan).toEqual({ villages: [], groups: [], grids: [], create: [], update: [] })
    const bing = (await roster.entries()).filter((e) => e.villageName === '丙村')
    expect(bing.map((e) => [e.groupName, e.headName, e.phone])).toEqual([
      ['一组', '孙七', null],
      ['二组', '周八', '13800000000'],
    ])
  })

  it('refuses a second plan made from the same state (two imports at once)', async () => {
    const { roster, state } = open()
    const before = await state()
    const one = planRoster(file, before, { now: NOW, newVillages: ['丙村'] })
    const other = planRoster(file, before, { now: NOW, newVillages: ['丙村'] })
    await roster.apply(one.plan)
    const after = await roster.entries()
    // The village 丙村 would be created twice: no index stops that, the repository does.
    await expect(roster.apply(other.plan)).rejects.toBeInstanceOf(UniqueViolation)
    expect(await roster.entries()).toEqual(after)
  })

  it('lists entries of one village, and none of archived villages', async () => {
    const { sql, roster } = open()
    expect((await roster.entries('vil-b')).map((e) => e.houseNo)).toEqual(['西街1号', '西街2号'])
    sql.db.prepare(`UPDATE villages SET archived_at = 1 WHERE id = 'vil-b'`).run()
    expect((await roster.entries()).map((e) => e.villageName)).not.toContain('乙村')
  })

  it('writes nothing when any part of a plan fails', async () => {
    const { roster, state } = open()
    const { plan: p } = planRoster(file, await state(), { now: NOW, newVillages: ['丙村'] })
    const clash = { ...p.create[0]!, id: 'hh-clash', houseNo: p.create[1]!.houseNo }
    const before = await roster.entries()
    await expect(roster.apply({ ...p, create: [...p.create, clash] })).rejects.toBeInstanceOf(
      UniqueViolation,
    )
    expect(await roster.entries()).toEqual(before)
    expect((await state()).places.map((x) => x.village.name)).toEqual(['甲村', '乙村'])
  })

  it('orders an export by village, group, then 门牌号 with numbers as numbers', () => {
    const list = ['东街10号', '东街2号', '东街1号'].map((houseNo, i) =>
      entry({ householdId: `h${i}`, houseNo }),
    )
    const other = entry({ householdId: 'b', villageName: '乙村', houseNo: '1号' })
    expect(exportOrder([...list, other]).map((e) => e.houseNo)).toEqual([
      '东街1号',
      '东街2号',
      '东街10号',
      '1号',
    ])
    // The store lists 甲村 first: its households stay together before 乙村's.
    const mixed = [list[0]!, other, list[1]!, list[2]!]
    expect(exportOrder(mixed).map((e) => e.householdId)).toEqual(['h2', 'h1', 'h0', 'b'])
  })
})

describe('roster plan: order, numbering and suggestions', () => {
  it('numbers new villages after the last one, in file order', () => {
    const one = town()
    one.places = [place('vil-a', '甲村')]
    const { plan: p } = plan(
      rows({ village: '丙村', houseNo: '1号' }, { village: '丁村', houseNo: '1号' }),
      one,
      ['丙村', '丁村'],
    )
    expect(p.villages.map((v) => [v.name, v.sort])).toEqual([
      ['丙村', 1],
      ['丁村', 2],
    ])
    const empty: RosterState = { places: [], entries: [] }
    expect(plan([row({ village: '丙村' })], empty, ['丙村']).plan.villages[0]?.sort).toBe(0)
  })

  it('ids say what they are: villages vil-, groups grp-, grids grid-, households hh-', () => {
    const { plan: p } = plan([row({ village: '丙村', group: '三组', houseNo: '1号' })], town(), [
      '丙村',
    ])
    const prefixes = [p.villages, p.groups, p.grids, p.create].map((list) =>
      list.map((x) => x.id.replace(/-\d+$/, '')),
    )
    expect(prefixes).toEqual([['vil'], ['grp'], ['grid'], ['hh']])
  })

  it('a third grid name when the first two are archived: 甲村网格3', () => {
    const state = town()
    state.places = [
      place('vil-a', '甲村', {
        grids: [
          { id: 'old1', name: '甲村网格', archivedAt: NOW - 2 },
          { id: 'old2', name: '甲村网格2', archivedAt: NOW - 1 },
        ],
      }),
    ]
    expect(plan([row({ houseNo: '新1号' })], state).plan.grids.map((g) => g.name)).toEqual([
      '甲村网格3',
    ])
  })

  it('suggests by the town’s order of live villages, never an archived one', () => {
    const state = town()
    // Listed out of order: 乙村 (sort 0) comes before 甲村 (sort 1) in the town.
    state.places = [place('vil-a', '甲村', { sort: 1 }), place('vil-b', '乙村', { sort: 0 })]
    // 丙村 is one edit from both: the first in the town's order wins.
    expect(plan([row({ village: '丙村' })], state).counts.errors).toEqual([
      { line: 2, message: '本镇没有“丙村”，是不是“乙村”？' },
    ])
    state.places = [
      place('vil-old', '柳家庄', { archivedAt: NOW - 1, sort: 0 }),
      place('vil-a', '柳家村', { sort: 1 }),
    ]
    expect(plan([row({ village: '柳家屯' })], state).counts.errors).toEqual([
      { line: 2, message: '本镇没有“柳家屯”，是不是“柳家村”？' },
    ])
  })

  it('lists errors by line, whether the row or the plan found them', () => {
    const { counts } = plan(rows({ village: '甲庄', houseNo: '新1号' }, { size: '0' }))
    expect(counts.errors.map((e) => e.line)).toEqual([2, 3])
  })
})
