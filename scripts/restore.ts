// `npm run restore -- <目录>`: puts a backup made by `npm run backup` back into DATA_DIR.
// Refuses while the server (or any other command) has the database open; the data it replaces
// is saved first as DATA_DIR/backups/<yyyyMMdd-HHmmss>-before-restore/.
import { loadConfig } from '../server/config'
import { restoreData } from '../server/local/backup'
import { runBackupCommand } from './backup-command'

const USAGE = `用法：npm run restore -- <备份目录>

  用 npm run backup 生成的备份替换 DATA_DIR（默认 ./data）里的数据库和照片视频文件夹。
  必须先停止服务（npm start / npm run serve）；服务还在运行时本命令会拒绝执行。
  被替换的现有数据会先另存到 DATA_DIR/backups/<日期-时间>-before-restore/，恢复错了可以再恢复回去。`

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  const [source] = argv
  if (!source || argv.length > 1 || source.startsWith('-')) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const { restored, previous } = restoreData({ dataDir: config.dataDir, source })
  if (previous) console.log(`原有数据已另存到：${previous.dir}`)
  console.log(
    [
      `已从 ${source} 恢复到 ${config.dataDir}：`,
      `  备份时间 ${restored.createdAt}，数据库版本 ${restored.schemaVersion}，照片和视频 ${restored.mediaFiles} 个`,
      '现在可以启动服务（npm run serve）；程序比备份新时，启动时会自动升级数据库。',
    ].join('\n'),
  )
  return 0
}

runBackupCommand('恢复失败', () => main(process.argv.slice(2)))
