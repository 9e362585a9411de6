// `npm run roster:import -- <file> [--dry-run]`: imports the township's household roster
// (花名册, .xlsx or .csv) into the database under DATA_DIR, for IT staff at the township.
// The same rules as the admin page: any bad row refuses the whole file, nothing is written.
import fs from 'node:fs'
import path from 'node:path'
import type { RosterReport } from '../contract/places'
import { loadConfig } from '../server/config'
import { AppError } from '../server/errors'
import { DATABASE_FILE } from '../server/local/app'
import {
  commitRosterImport,
  planRosterImport,
  rosterAuditNote,
} from '../server/people/roster.actions'
import { newId } from '../server/shared/ids'
import { createSqliteStore } from '../server/store/sqlite/sqlite-store'

const USAGE = `用法：npm run roster:import -- <花名册文件.xlsx|.csv> [--dry-run] [--new-villages 村名,村名]

  --dry-run        只检查并显示将要做的改动，不写入数据库
  --new-villages   确认本次要新建的村（逗号分隔，须与文件中本镇还没有的村名完全一致）；
                   未确认的新村名按错误处理，并提示最接近的现有村名
  数据库位于环境变量 DATA_DIR 指定的目录（默认 ./data）。

文件第一行为表头：村名,村民小组,户主姓名,门牌号,家庭人口,联系电话（联系电话可省略，列的顺序不限）。
有任何一行数据有误时，整个文件都不会导入（退出码 1）。`

/** The report as text for a person at a terminal. */
function formatReport(report: RosterReport, dryRun: boolean): string {
  const lines = [
    `文件：${report.fileName}`,
    `数据行：${report.rows}`,
    `新增户：${report.create}，更新户：${report.update}，无变化：${report.unchanged}`,
  ]
  if (report.villagesToCreate.length > 0) {
    lines.push(
      `将新建的村（${report.villagesToCreate.length}）：${report.villagesToCreate.join('、')}`,
    )
  }
  if (report.groupsToCreate.length > 0) {
    lines.push(
      `将新建的村民小组（${report.groupsToCreate.length}）：${report.groupsToCreate.join('、')}`,
    )
  }
  if (report.unknownVillages.length > 0) {
    lines.push(
      `本镇没有的村（${report.unknownVillages.length}）：${report.unknownVillages.join('、')}；如确是新村，请加上 --new-villages ${report.unknownVillages.join(',')}`,
    )
  }
  for (const change of report.changes) {
    const fields = change.fields.map(
      (f) => `${f.field} ${f.from || '（空）'} → ${f.to || '（空）'}`,
    )
    lines.push(
      `  更新 第 ${change.line} 行 ${change.villageName}${change.houseNo}：${fields.join('，')}`,
    )
  }
  if (report.changes.length < report.update) {
    lines.push(`  另有 ${report.update - report.changes.length} 户更新未逐一列出`)
  }
  if (report.errors.length > 0) {
    lines.push(`有误的行（${report.errors.length}）：`)
    for (const error of report.errors) lines.push(`  第 ${error.line} 行：${error.message}`)
    lines.push('未导入：请在表格中改正以上各行后重新导入。')
  } else {
    lines.push(dryRun ? '试运行（--dry-run）：数据库未作任何改动。' : '已导入。')
  }
  return lines.join('\n')
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run')
  const at = argv.indexOf('--new-villages')
  const newVillages =
    at >= 0
      ? (argv[at + 1] ?? '')
          .split(/[,，、]/)
          .map((name) => name.trim())
          .filter(Boolean)
      : []
  const files = argv.filter(
    (arg, i) => arg !== '--dry-run' && (at < 0 || (i !== at && i !== at + 1)),
  )
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  const [file] = files
  if (!file || files.length > 1 || file.startsWith('-')) {
    console.error(USAGE)
    return 2
  }
  if (!/\.(xlsx|csv)$/i.test(file)) {
    console.error(`只支持 .xlsx 或 .csv 文件：${file}`)
    return 2
  }
  let content: Buffer
  try {
    content = fs.readFileSync(file)
  } catch (error) {
    console.error(`无法打开文件 ${file}：${error instanceof Error ? error.message : String(error)}`)
    return 2
  }

  const config = loadConfig()
  fs.mkdirSync(config.dataDir, { recursive: true })
  // Opening the database creates and migrates it when this is a fresh data directory.
  const store = createSqliteStore(path.join(config.dataDir, DATABASE_FILE))
  try {
    const now = Date.now()
    const planned = await planRosterImport(
      store,
      { fileName: path.basename(file), content },
      now,
      newVillages,
    )
    if (dryRun || planned.report.errors.length > 0) {
      console.log(formatReport(planned.report, dryRun))
      return planned.report.errors.length > 0 ? 1 : 0
    }
    const report = await commitRosterImport(store, planned)
    const note = rosterAuditNote(planned)
    await store.audit.append([
      {
        requestId: newId('cli'),
        actorId: null,
        actorRole: 'cli',
        action: 'roster.commit',
        target: note.target,
        before: null,
        after: note.after,
        at: now,
      },
    ])
    console.log(formatReport(report, false))
    console.log(`数据库：${path.join(config.dataDir, DATABASE_FILE)}`)
    return 0
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message)
      return 1
    }
    throw error
  } finally {
    await store.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(
      `导入失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    process.exitCode = 1
  },
)
