import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../../server/local/app'
import {
  BACKUPS_DIR,
  BackupError,
  backupData,
  databaseInUse,
  MANIFEST_FILE,
  restoreData,
} from '../../../server/local/backup'
import { MEDIA_DIR } from '../../../server/media/local-disk'
import { migrations } from '../../../server/store/sqlite/migrations'
import { createSqliteStore } from '../../../server/store/sqlite/sqlite-store'
import type { Store } from '../../../server/store/store'

const root = path.resolve(__dirname, '../../..')
const NOW = Date.parse('2026-11-26T10:00:00Z')

describe('backup and restore of a local installation', () => {
  let dataDir: string
  let store: Store | null

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-backup-'))
    store = createSqliteStore(path.join(dataDir, DATABASE_FILE))
    fs.mkdirSync(path.join(dataDir, MEDIA_DIR))
    fs.writeFileSync(path.join(dataDir, MEDIA_DIR, 'a1.jpg'), 'photo one')
  })
  afterEach(async () => {
    await store?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const open = () => (store = createSqliteStore(path.join(dataDir, DATABASE_FILE)))
  const closeStore = async () => {
    await store?.close()
    store = null
  }

  it('backs up while the server holds the database, and restores once it has stopped', async () => {
    await store!.settings.set('motto', 'before')
    const user = await store!.users.ensure('wx-before', NOW)

    // The server keeps its connection open and has written since (in the WAL, not the file).
    const { dir, manifest } = backupData({ dataDir, now: NOW })
    expect(path.dirname(dir)).toBe(path.join(dataDir, BACKUPS_DIR))
    expect(fs.readdirSync(dir).sort()).toEqual([DATABASE_FILE, MANIFEST_FILE, MEDIA_DIR].sort())
    expect(manifest).toMatchObject({ schemaVersion: migrations.length, mediaFiles: 1 })
    expect(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'))).toEqual(manifest)

    // Changes after the backup: data, a deleted photo and a new one.
    await store!.settings.set('motto', 'after')
    await store!.users.ensure('wx-after', NOW + 1)
    fs.rmSync(path.join(dataDir, MEDIA_DIR, 'a1.jpg'))
    fs.writeFileSync(path.join(dataDir, MEDIA_DIR, 'b2.jpg'), 'photo two')

    expect(databaseInUse(path.join(dataDir, DATABASE_FILE))).toBe(true)
    expect(() => restoreData({ dataDir, source: dir, now: NOW + 2 })).toThrow(/正在被使用/)
    expect(await store!.settings.get('motto')).toBe('after')

    await closeStore()
    expect(databaseInUse(path.join(dataDir, DATABASE_FILE))).toBe(false)
    const { previous } = restoreData({ dataDir, source: dir, now: NOW + 3000 })

    open()
    expect(await store!.settings.get('motto')).toBe('before')
    expect((await store!.users.byOpenid('wx-before'))?.id).toBe(user.id)
    expect(await store!.users.byOpenid('wx-after')).toBeNull()
    expect(fs.readdirSync(path.join(dataDir, MEDIA_DIR))).toEqual(['a1.jpg'])

    // What the restore replaced was saved first, so the restore itself can be undone.
    expect(previous?.dir).toMatch(/-before-restore$/)
    await closeStore()
    restoreData({ dataDir, source: previous!.dir, now: NOW + 6000 })
    open()
    expect(await store!.settings.get('motto')).toBe('after')
    expect(fs.readdirSync(path.join(dataDir, MEDIA_DIR))).toEqual(['b2.jpg'])
  })

  it('sees a database held open by another process (the server), and its release', async () => {
    await closeStore()
    const file = path.join(dataDir, DATABASE_FILE)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(file)});
         db.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve())
        holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)))
      })
      expect(databaseInUse(file)).toBe(true)
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve))
      holder.kill()
      await exited
    }
    // Killed, not closed: its -wal/-shm stay behind, and still nothing holds the file.
    expect(databaseInUse(file)).toBe(false)
  }, 30_000)

  it('writes into a given empty folder, never over an existing backup', () => {
    const target = path.join(dataDir, 'elsewhere')
    expect(backupData({ dataDir, target }).dir).toBe(target)
    expect(() => backupData({ dataDir, target })).toThrow(BackupError)
    // Two backups in the same second get distinct folders.
    const a = backupData({ dataDir, now: NOW })
    const b = backupData({ dataDir, now: NOW })
    expect(b.dir).toBe(`${a.dir}-2`)
  })

  it('refuses a folder that is not a backup, and a data folder without a database', async () => {
    expect(() => restoreData({ dataDir, source: path.join(dataDir, MEDIA_DIR) })).toThrow(
      /不是 npm run backup 生成的备份目录/,
    )
    expect(() => restoreData({ dataDir, source: dataDir })).toThrow(/而不是数据目录本身/)
    await closeStore()
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-backup-empty-'))
    try {
      expect(() => backupData({ dataDir: empty })).toThrow(/找不到数据库文件/)
    } finally {
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })

  it('restores into an empty data folder (moving to a new machine)', async () => {
    await store!.settings.set('motto', 'moved')
    const { dir } = backupData({ dataDir, now: NOW })
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-backup-fresh-'))
    try {
      const { previous } = restoreData({ dataDir: fresh, source: dir })
      expect(previous).toBeNull()
      const moved = createSqliteStore(path.join(fresh, DATABASE_FILE))
      expect(await moved.settings.get('motto')).toBe('moved')
      await moved.close()
      expect(fs.readdirSync(path.join(fresh, MEDIA_DIR))).toEqual(['a1.jpg'])
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true })
    }
  })

  it('npm run backup and npm run restore work from the command line', async () => {
    const run = (script: string, args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
        stdio: 'pipe',
      })
    await store!.settings.set('motto', 'cli')
    const target = path.join(dataDir, 'cli-backup')
    expect(run('scripts/backup.ts', [target])).toContain(`目录：${target}`)
    await closeStore()
    expect(run('scripts/restore.ts', [target])).toMatch(/原有数据已另存到：.*-before-restore/)
  }, 60_000)
})
