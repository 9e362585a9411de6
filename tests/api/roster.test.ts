import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RosterReport } from '../../contract/places'
import { DATABASE_FILE } from '../../server/local/app'
import { readRosterFile } from '../../server/people/roster.file'
import { createSqliteStore } from '../../server/store/sqlite/sqlite-store'
import type { Store } from '../../server/store/store'
import { buildTestTown, NOW, who } from '../helpers/factories'
import { startTestApi, type TestApi } from '../helpers/http-api'
import { apiStoreKind } from '../helpers/store-adapters'
import { base64, csvOf, ROSTER_HEADER, xlsxOf } from '../helpers/roster-files'

const GOOD_ROWS = [
  // Unchanged: as in the test town.
  ['甲村', '一组', '张小明', '东街1号', 3, 13800000000],
  // Update: one more person, no phone.
  ['甲村', '一组', '李大强', '东街2号', 4, ''],
  // Create in a new group of an existing village.
  ['甲村', '二组', '陈新', '东街20号', 2, '13900000001'],
  // Create in a new village.
  ['丙村', '一组', '孙七', '南街1号', 5, '0571-12345678'],
]

/** A file upload; GOOD_ROWS create 丙村, which the admin confirms as a new village. */
const upload = async (rows: unknown[][], fileName = '花名册.xlsx', newVillages = ['丙村']) => ({
  fileName,
  content: base64(await xlsxOf([ROSTER_HEADER, ...(rows as string[][])])),
  newVillages,
})

describe('roster import over HTTP', () => {
  let api: TestApi
  let store: Store
  const tokens: Record<string, string> = {}

  beforeEach(async () => {
    api = await startTestApi({ snapshot: buildTestTown(), clock: () => NOW })
    store = api.app.store
    for (const openid of [who.admin, who.gridA, who.residentA]) {
      tokens[openid] = await api.login(openid)
    }
  })
  afterEach(() => api.close())

  const admin = <T = RosterReport>(action: string, input: unknown) =>
    api.data<T>(action, input, tokens[who.admin])
  const snapshot = async () => ({
    entries: await store.roster.entries(),
    places: (await store.places.tree()).map((p) => ({
      village: p.village.name,
      groups: p.groups.map((g) => g.name),
      grids: p.grids.map((g) => g.name),
    })),
    audit: (await store.audit.recent(50)).filter((a) => a.action.startsWith('roster.')),
  })

  it('roster.preview reports what a good .xlsx would do and writes nothing', async () => {
    const before = await snapshot()
    const report = await admin('roster.preview', await upload(GOOD_ROWS))
    expect(report).toEqual({
      fileName: '花名册.xlsx',
      rows: 4,
      create: 2,
      update: 1,
      unchanged: 1,
      villagesToCreate: ['丙村'],
      unknownVillages: [],
      groupsToCreate: ['甲村/二组', '丙村/一组'],
      changes: [
        {
          line: 3,
          villageName: '甲村',
          houseNo: '东街2号',
          fields: [
            { field: '家庭人口', from: '3', to: '4' },
            { field: '联系电话', from: '13800000000', to: '' },
          ],
        },
      ],
      errors: [],
      committed: false,
    })
    expect(await snapshot()).toEqual(before)
  })

  it('roster.commit imports, records one audit note, and a re-import changes nothing', async () => {
    const file = await upload(GOOD_ROWS)
    const report = await admin('roster.commit', file)
    expect(report).toMatchObject({ create: 2, update: 1, unchanged: 1, committed: true })

    const after = await snapshot()
    expect(after.places).toContainEqual({ village: '丙村', groups: ['一组'], grids: ['丙村网格'] })
    expect(after.places).toContainEqual({
      village: '甲村',
      groups: ['一组', '二组'],
      grids: ['甲村网格'],
    })
    const byHouse = new Map(after.entries.map((e) => [e.houseNo, e]))
    expect(byHouse.get('东街2号')).toMatchObject({ headName: '李大强', size: 4, phone: null })
    expect(byHouse.get('东街20号')).toMatchObject({ villageName: '甲村', groupName: '二组' })
    expect(byHouse.get('南街1号')).toMatchObject({ villageName: '丙村', phone: '0571-12345678' })
    // The new household of 甲村 joined its existing grid.
    const chen = byHouse.get('东街20号')
    const view = chen ? await store.places.household(chen.householdId) : null
    expect(view?.gridId).toBe('vil-a-grid')

    expect(after.audit).toHaveLength(1)
    expect(after.audit[0]).toMatchObject({
      action: 'roster.commit',
      actorId: `u-${who.admin}`,
      target: 'roster:花名册.xlsx',
      after: {
        create: 2,
        update: 1,
        villagesToCreate: ['丙村'],
        gridsToCreate: ['丙村网格'],
      },
    })
    // The audit log keeps counts, never the file itself.
    expect(JSON.stringify(after.audit[0])).not.toContain(file.content.slice(0, 40))

    // 丙村 exists now: the same file needs no confirmation, and refuses a stale one.
    const stale = await api.post('roster.preview', file, tokens[who.admin])
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    const again = await admin('roster.preview', { ...file, newVillages: [] })
    expect(again).toMatchObject({ create: 0, update: 0, unchanged: 4, villagesToCreate: [] })
    const recommit = await admin('roster.commit', { ...file, newVillages: [] })
    expect(recommit).toMatchObject({ create: 0, update: 0, unchanged: 4, committed: true })
    expect((await snapshot()).entries).toEqual(after.entries)
  })

  it('a file with bad rows shows every error with its line, and commit writes nothing', async () => {
    const file = await upload([
      ...GOOD_ROWS,
      ['甲村', '一组', '', '东街5号', 3, ''],
      ['', '一组', '某人', '1号', 3, ''],
      ['甲村', '一组', '王五', '', 3, ''],
      ['甲村', '一组', '赵六', '东街20号', 3, ''],
      ['乙村', '一组', '钱七', '西街9号', 3, '12345'],
      ['乙村', '一组', '孙八', '西街8号', 31, ''],
    ])
    const before = await snapshot()
    const report = await admin('roster.preview', file)
    expect(report.errors).toEqual([
      { line: 6, message: '缺少户主姓名' },
      { line: 7, message: '缺少村名' },
      { line: 8, message: '缺少门牌号' },
      { line: 9, message: '门牌号「东街20号」与第 4 行重复（同一个村的门牌号不能重复）' },
      { line: 10, message: expect.stringContaining('联系电话「12345」格式不正确') },
      { line: 11, message: '家庭人口「31」应为 1 到 30 之间的整数' },
    ])
    expect(report).toMatchObject({ rows: 10, create: 2, update: 1, unchanged: 1 })

    const { status, body } = await api.post('roster.commit', file, tokens[who.admin])
    expect(status).toBe(400)
    expect(body).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: '有 6 行数据有误，请修改后重新上传',
        details: { fields: expect.arrayContaining([{ path: '第 6 行', message: '缺少户主姓名' }]) },
      },
    })
    expect(await snapshot()).toEqual(before)
  })

  it('a file without the required columns gets one error on line 1', async () => {
    const file = {
      fileName: 'old.csv',
      content: base64(
        csvOf([
          ['村名', '姓名', '门牌'],
          ['甲村', '张三', '1号'],
        ]),
      ),
    }
    const report = await admin('roster.preview', file)
    expect(report).toMatchObject({ rows: 0, create: 0 })
    expect(report.errors).toEqual([
      { line: 1, message: expect.stringContaining('村民小组、户主姓名、门牌号、家庭人口') },
    ])
    const { status, body } = await api.post('roster.commit', file, tokens[who.admin])
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { message: expect.stringContaining('表头缺少必需的列') } })
  })

  it('a file that is no spreadsheet is refused with a clear message', async () => {
    const { status, body } = await api.post(
      'roster.preview',
      { fileName: 'scan.xlsx', content: base64(Buffer.from('%PDF-1.7 not a workbook')) },
      tokens[who.admin],
    )
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: {
        code: 'BAD_INPUT',
        message: '无法读取文件：不是 zip 格式的文件。请确认是 .xlsx 或 .csv 格式',
      },
    })
  })

  it('only admins may preview, commit or export; nothing is written for others', async () => {
    const file = await upload(GOOD_ROWS)
    const before = await snapshot()
    for (const openid of [who.gridA, who.residentA]) {
      for (const action of ['roster.preview', 'roster.commit', 'roster.export']) {
        const input = action === 'roster.export' ? {} : file
        const { status, body } = await api.post(action, input, tokens[openid])
        expect(status).toBe(403)
        expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    const { status } = await api.post('roster.commit', file)
    expect(status).toBe(401)
    const after = await snapshot()
    expect({ ...after, audit: [] }).toEqual({ ...before, audit: [] })
    // Each refused commit is audited as refused, with the file's name and never its content.
    const refused = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id))
    expect(refused.map((a) => [a.action, a.actorRole, a.after])).toEqual([
      [
        'roster.commit',
        'resident',
        { refused: 'FORBIDDEN', fileName: file.fileName, newVillages: ['丙村'] },
      ],
      [
        'roster.commit',
        'gridWorker',
        { refused: 'FORBIDDEN', fileName: file.fileName, newVillages: ['丙村'] },
      ],
    ])
  })

  it('roster.export round-trips into an import that changes nothing', async () => {
    await admin('roster.commit', await upload(GOOD_ROWS))
    const exported = await admin<{ fileName: string; content: string }>('roster.export', {})
    expect(exported.fileName).toBe('花名册-全镇-2026-11-26.xlsx')

    const read = await readRosterFile(Buffer.from(exported.content, 'base64'), exported.fileName)
    expect(read.rows.map((r) => [r.village, r.group, r.houseNo])).toEqual([
      ['甲村', '一组', '东街1号'],
      ['甲村', '一组', '东街2号'],
      ['甲村', '一组', '东街3号'],
      ['甲村', '一组', '东街10号'],
      ['甲村', '二组', '东街20号'],
      ['乙村', '一组', '西街1号'],
      ['乙村', '一组', '西街2号'],
      ['丙村', '一组', '南街1号'],
    ])

    const report = await admin('roster.preview', exported)
    expect(report).toMatchObject({ rows: 8, create: 0, update: 0, unchanged: 8, errors: [] })
  })

  it('roster.export of one village names it, and an unknown village is not found', async () => {
    const one = await admin<{ fileName: string; content: string }>('roster.export', {
      villageId: 'vil-b',
    })
    expect(one.fileName).toBe('花名册-乙村-2026-11-26.xlsx')
    const read = await readRosterFile(Buffer.from(one.content, 'base64'), one.fileName)
    expect(read.rows.map((r) => r.headName)).toEqual(['赵四', '钱多多'])

    const { status } = await api.post('roster.export', { villageId: 'vil-x' }, tokens[who.admin])
    expect(status).toBe(404)
  })
})

// Each run starts tsx and loads the server modules: seconds, not milliseconds.
// The script opens the local SQLite database itself and runs on its own clock, whatever the
// project's adapter (STORE) or clock (TEST_SHIFT_DAYS): it runs once, in the api project, not
// again as the same four processes in api-cloud and api-later.
const sameScriptRunElsewhere = apiStoreKind() === 'cloud' || Boolean(process.env.TEST_SHIFT_DAYS)

describe.skipIf(sameScriptRunElsewhere)('roster:import script', { timeout: 60_000 }, () => {
  const root = path.resolve(__dirname, '../..')
  const tsx = path.join(root, 'node_modules/.bin/tsx')
  const script = path.join(root, 'scripts/roster-import.ts')
  let dir: string

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-roster-cli-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const run = (dataDir: string, ...args: string[]) => {
    const result = spawnSync(tsx, [script, ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { code: result.status, out: `${result.stdout}${result.stderr}` }
  }
  const inDatabase = async (dataDir: string) => {
    const store = createSqliteStore(path.join(dataDir, DATABASE_FILE))
    try {
      return {
        entries: await store.roster.entries(),
        audit: (await store.audit.recent(10)).map((a) => [a.action, a.actorId, a.actorRole]),
      }
    } finally {
      await store.close()
    }
  }

  it('--dry-run reports into a fresh DATA_DIR and writes nothing; a real run imports', async () => {
    const file = path.join(dir, '花名册.xlsx')
    fs.writeFileSync(file, await xlsxOf([ROSTER_HEADER, ...GOOD_ROWS]))
    const dataDir = path.join(dir, 'data-good')

    // A fresh database has no village: every one is new, and confirmed as such.
    const unconfirmed = run(dataDir, file, '--dry-run')
    expect(unconfirmed.out).toContain('第 2 行：本镇没有“甲村”')
    expect(unconfirmed.out).toContain('--new-villages 甲村,丙村')
    expect(unconfirmed.code).toBe(1)

    const dry = run(dataDir, file, '--dry-run', '--new-villages', '甲村,丙村')
    expect(dry.out).toContain('新增户：4')
    expect(dry.out).toContain('将新建的村（2）：甲村、丙村')
    expect(dry.out).toContain('试运行')
    expect(dry.code).toBe(0)
    expect(await inDatabase(dataDir)).toEqual({ entries: [], audit: [] })

    const real = run(dataDir, '--new-villages', '甲村，丙村', file)
    expect(real.out).toContain('已导入')
    expect(real.code).toBe(0)
    const after = await inDatabase(dataDir)
    expect(after.entries).toHaveLength(4)
    expect(after.audit).toEqual([['roster.commit', null, 'cli']])
  })

  it('exits 1 and writes nothing when a row is bad, naming the line', async () => {
    const file = path.join(dir, 'bad.csv')
    fs.writeFileSync(
      file,
      csvOf([
        ROSTER_HEADER,
        ['甲村', '一组', '张三', '1号', '3', ''],
        ['甲村', '一组', '', '2号', '3', ''],
      ]),
    )
    const dataDir = path.join(dir, 'data-bad')
    const result = run(dataDir, file, '--new-villages', '甲村')
    expect(result.out).toContain('第 3 行：缺少户主姓名')
    expect(result.out).toContain('未导入')
    expect(result.code).toBe(1)
    expect((await inDatabase(dataDir)).entries).toEqual([])
  })

  it('prints its usage when the file is missing', () => {
    const result = run(path.join(dir, 'data-none'))
    expect(result.out).toContain('用法：npm run roster:import')
    expect(result.code).toBe(2)
  })
})
