// Backup and restore of a local installation: the SQLite database and the media folder under
// DATA_DIR. A backup may run while the server is serving (the database copy is one consistent
// snapshot, taken with VACUUM INTO); a restore refuses while any process holds the database.
import Database from 'better-sqlite3'
import dayjs from 'dayjs'
import fs from 'node:fs'
import path from 'node:path'
import { MEDIA_DIR } from '../media/local-disk'
import { migrations } from '../store/sqlite/migrations'
import { DATABASE_FILE } from './app'

export const BACKUPS_DIR = 'backups'
export const MANIFEST_FILE = 'manifest.json'
const FORMAT = 'hemei-backup/1'

export interface BackupManifest {
  format: typeof FORMAT
  /** ISO time the snapshot was taken. */
  createdAt: string
  /** The database's migration level (PRAGMA user_version). */
  schemaVersion: number
  databaseBytes: number
  mediaFiles: number
  mediaBytes: number
}

export interface BackupResult {
  dir: string
  manifest: BackupManifest
}

export interface RestoreResult {
  restored: BackupManifest
  /** Where the data that was replaced has been saved; null when DATA_DIR had no database. */
  previous: BackupResult | null
}

/** A refusal with a message for the person at the terminal. */
export class BackupError extends Error {}

const fileSize = (file: string) => fs.statSync(file).size

function walkFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || (fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0)
}

/** backups/<yyyyMMdd-HHmmss> under DATA_DIR, with a suffix when that second is taken. */
function freshBackupDir(dataDir: string, now: number, label: string): string {
  const base = path.join(dataDir, BACKUPS_DIR, dayjs(now).format('YYYYMMDD-HHmmss') + label)
  let dir = base
  for (let n = 2; !isEmptyDir(dir); n++) dir = `${base}-${n}`
  return dir
}

/** PRAGMA quick_check and the migration level of a database file that nobody else uses. */
function inspectDatabase(file: string): { schemaVersion: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new BackupError(`数据库文件已损坏（${String(check)}）：${file}`)
    return { schemaVersion: Number(db.pragma('user_version', { simple: true })) }
  } finally {
    db.close()
  }
}

/**
 * Copies DATA_DIR's database and media folder into `target` (default: a new
 * DATA_DIR/backups/<timestamp>), safe while the server runs. The database is copied first, so
 * every media file the copied records refer to is already on disk when the folder is copied
 * (media files are written once and never changed).
 */
export function backupData(options: {
  dataDir: string
  target?: string
  now?: number
  /** Appended to the default folder name, e.g. '-before-restore'. */
  label?: string
}): BackupResult {
  const now = options.now ?? Date.now()
  const source = path.join(options.dataDir, DATABASE_FILE)
  if (!fs.existsSync(source)) {
    throw new BackupError(`找不到数据库文件 ${source}：请检查 DATA_DIR 是否指向本系统的数据目录`)
  }
  const dir = options.target
    ? path.resolve(options.target)
    : freshBackupDir(options.dataDir, now, options.label ?? '')
  if (!isEmptyDir(dir)) throw new BackupError(`备份目录 ${dir} 已存在且不是空的，请换一个目录`)
  fs.mkdirSync(dir, { recursive: true })

  const copy = path.join(dir, DATABASE_FILE)
  // A read transaction in WAL mode: the server keeps writing while the snapshot is taken.
  const db = new Database(source, { fileMustExist: true, timeout: 5000 })
  try {
    db.prepare('VACUUM INTO ?').run(copy)
  } finally {
    db.close()
  }
  const { schemaVersion } = inspectDatabase(copy)

  const media = path.join(options.dataDir, MEDIA_DIR)
  if (fs.existsSync(media)) fs.cpSync(media, path.join(dir, MEDIA_DIR), { recursive: true })
  const mediaFiles = walkFiles(path.join(dir, MEDIA_DIR))

  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: new Date(now).toISOString(),
    schemaVersion,
    databaseBytes: fileSize(copy),
    mediaFiles: mediaFiles.length,
    mediaBytes: mediaFiles.reduce((sum, file) => sum + fileSize(file), 0),
  }
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
  return { dir, manifest }
}

/**
 * True while another connection (a running server, a roster import) has the database open.
 * In WAL mode every open connection holds a shared lock on the file for as long as it is open,
 * so an exclusive lock is only granted when nobody else is there.
 */
export function databaseInUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 200 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
    return false
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return true
    throw error
  } finally {
    db.close()
  }
}

function readManifest(dir: string): BackupManifest | null {
  const file = path.join(dir, MANIFEST_FILE)
  if (!fs.existsSync(file)) return null
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BackupManifest>
  return parsed.format === FORMAT ? (parsed as BackupManifest) : null
}

/**
 * Puts a backup made by backupData back into DATA_DIR. Refuses while the database is open
 * elsewhere (stop the server first); the data it replaces is first saved as a backup of its
 * own (backups/<timestamp>-before-restore), so a restore can itself be undone.
 */
export function restoreData(options: {
  dataDir: string
  source: string
  now?: number
}): RestoreResult {
  const now = options.now ?? Date.now()
  const source = path.resolve(options.source)
  if (source === path.resolve(options.dataDir)) {
    throw new BackupError('请指定 npm run backup 生成的备份目录，而不是数据目录本身')
  }
  const copy = path.join(source, DATABASE_FILE)
  if (!fs.existsSync(copy)) {
    throw new BackupError(`${source} 里没有 ${DATABASE_FILE}：这不是 npm run backup 生成的备份目录`)
  }
  const { schemaVersion } = inspectDatabase(copy)
  if (schemaVersion > migrations.length) {
    throw new BackupError(
      `这份备份来自更新版本的程序（数据库版本 ${schemaVersion}，本程序 ${migrations.length}），请先升级程序再恢复`,
    )
  }

  fs.mkdirSync(options.dataDir, { recursive: true })
  const live = path.join(options.dataDir, DATABASE_FILE)
  let previous: BackupResult | null = null
  if (fs.existsSync(live)) {
    if (databaseInUse(live)) {
      throw new BackupError(
        `数据库 ${live} 正在被使用：请先停止服务（npm start / npm run serve）和其他命令，再恢复`,
      )
    }
    previous = backupData({ dataDir: options.dataDir, now, label: '-before-restore' })
  }

  // The last connection has closed (the probe above), so any -wal/-shm left would belong to the
  // old file and must not be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true })
  const incoming = `${live}.restoring`
  fs.copyFileSync(copy, incoming)
  fs.renameSync(incoming, live)

  const media = path.join(options.dataDir, MEDIA_DIR)
  fs.rmSync(media, { recursive: true, force: true })
  const savedMedia = path.join(source, MEDIA_DIR)
  if (fs.existsSync(savedMedia)) fs.cpSync(savedMedia, media, { recursive: true })

  const mediaFiles = walkFiles(media)
  const restored: BackupManifest = readManifest(source) ?? {
    format: FORMAT,
    createdAt: new Date(fs.statSync(copy).mtimeMs).toISOString(),
    schemaVersion,
    databaseBytes: fileSize(live),
    mediaFiles: mediaFiles.length,
    mediaBytes: mediaFiles.reduce((sum, file) => sum + fileSize(file), 0),
  }
  return { restored, previous }
}
