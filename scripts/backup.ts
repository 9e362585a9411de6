// `npm run backup [-- <目录>]`: a consistent copy of the local installation's database and media
// folder, safe while the server runs. Default target: DATA_DIR/backups/<yyyyMMdd-HHmmss>/.
import { loadConfig } from '../server/config'
import { backupData, type BackupManifest } from '../server/local/backup'
import { runBackupCommand } from './backup-command'

const USAGE = `用法：npm run backup [-- <备份目录>]

  把 DATA_DIR（默认 ./data）里的数据库和照片视频文件夹复制一份，服务运行时也可以备份。
  不写目录时备份到 DATA_DIR/backups/<日期-时间>/；写了目录则该目录必须不存在或是空的。
  恢复：先停止服务，再 npm run restore -- <备份目录>`

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** What a backup folder holds, one line each, for the terminal. */
function describeBackup(dir: string, manifest: BackupManifest): string {
  return [
    `目录：${dir}`,
    `  hemei.sqlite  数据库（版本 ${manifest.schemaVersion}，${mb(manifest.databaseBytes)}）`,
    `  media/        照片和视频 ${manifest.mediaFiles} 个（${mb(manifest.mediaBytes)}）`,
    `  manifest.json 备份说明（时间 ${manifest.createdAt}）`,
  ].join('\n')
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  if (argv.length > 1 || argv.some((arg) => arg.startsWith('-'))) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const { dir, manifest } = backupData({ dataDir: config.dataDir, target: argv[0] })
  console.log(`已备份。\n${describeBackup(dir, manifest)}`)
  return 0
}

runBackupCommand('备份失败', () => main(process.argv.slice(2)))
