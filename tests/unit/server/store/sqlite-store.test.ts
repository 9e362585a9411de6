import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrations } from '../../../../server/store/sqlite/migrations'
import { createSqliteStore, openDatabase } from '../../../../server/store/sqlite/sqlite-store'
import { UniqueViolation } from '../../../../server/store/store'
import { buildTestTown, NOW } from '../../../helpers/factories'

describe('SQLite store', () => {
  let dir: string
  let file: string

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-store-'))
    file = path.join(dir, 'test.sqlite')
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('runs every migration once, in WAL mode with foreign keys and a busy timeout', () => {
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    db.close()
    // Opening again applies nothing twice (a re-run of CREATE TABLE would throw).
    const again = openDatabase(file)
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length)
    again.close()
  })

  it('imports a snapshot all or nothing', async () => {
    const store = createSqliteStore(file)
    const town = buildTestTown()
    // The last row points at a nomination that does not exist: the whole import must fail.
    const broken = {
      ...town,
      votes: [
        {
          id: 'v',
          campaignId: 'c-town',
          nominationId: 'nom-missing',
          voterId: 'u-t-res-a',
          voterHouseholdId: 'hh-a1',
          day: '2026-11-26',
          assistedBy: null,
          createdAt: NOW,
        },
      ],
    }
    await expect(store.importSnapshot(broken)).rejects.toThrow()
    expect(await store.isEmpty()).toBe(true)
    await store.importSnapshot(town)
    expect(await store.isEmpty()).toBe(false)
    await store.close()
  })

  describe('database-enforced rules', () => {
    let db: Database.Database

    beforeEach(async () => {
      const store = createSqliteStore(file)
      await store.importSnapshot(buildTestTown())
      await store.close()
      db = new Database(file)
      db.pragma('foreign_keys = ON')
    })
    afterEach(() => db.close())

    it('refuses a second approved binding for the same user', () => {
      const insert = db.prepare(
        `INSERT INTO bindings (id, user_id, household_id, relation, status, created_at)
         VALUES (?, 'u-t-res-a', 'hh-a2', 'member', ?, 0)`,
      )
      expect(() => insert.run('b-2', 'approved')).toThrow(/UNIQUE/)
      expect(() => insert.run('b-3', 'pending')).not.toThrow()
    })

    it('refuses two households with the same 门牌号 in one village', () => {
      expect(() =>
        db
          .prepare(
            `INSERT INTO households (id, village_id, group_id, grid_id, head_name, house_no, size, created_at)
             VALUES ('hh-dup', 'vil-a', 'vil-a-g1', 'vil-a-grid', '重复', '东街1号', 1, 0)`,
          )
          .run(),
      ).toThrow(/UNIQUE/)
    })

    it('keeps votes append-only, each day slot and candidate slot of a voter taken once', () => {
      const vote = db.prepare(
        `INSERT INTO votes (id, campaign_id, nomination_id, voter_id, voter_household_id, voter_key,
           day, day_slot, candidate_slot, created_at)
         VALUES (?, 'c-town', ?, 'u-t-res-a', 'hh-a1', 'u:u-t-res-a', '2026-11-26', ?, ?, 0)`,
      )
      vote.run('v-1', 'nom-town-1', 1, 1)
      // The same day slot, even for another candidate: refused.
      expect(() => vote.run('v-2', 'nom-town-2', 1, 1)).toThrow(/UNIQUE/)
      // The same candidate slot on another day slot: refused.
      expect(() => vote.run('v-3', 'nom-town-1', 2, 1)).toThrow(/UNIQUE/)
      expect(() => vote.run('v-4', 'nom-town-2', 2, 1)).not.toThrow()
      expect(() => db.prepare(`UPDATE votes SET day = '2026-11-27'`).run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM votes').run()).toThrow(/append-only/)
      db.prepare(
        `INSERT INTO vote_invalidations (vote_id, reason, invalidated_by, invalidated_at)
         VALUES ('v-1', '测试', 'u-t-admin', 0)`,
      ).run()
      expect(() => db.prepare('DELETE FROM vote_invalidations').run()).toThrow(/append-only/)
    })

    it('keeps the audit log append-only', () => {
      db.prepare(
        `INSERT INTO audit_log (request_id, actor_role, action, at) VALUES ('r', 'admin', 'x', 0)`,
      ).run()
      expect(() => db.prepare(`UPDATE audit_log SET action = 'y'`).run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    })

    it('keeps one current inspection per household and round, and every version', () => {
      const insert = db.prepare(
        `INSERT INTO inspections (id, round_id, household_id, inspector_id, version, total,
           created_at, client_id, is_latest)
         VALUES (?, 'r-open', 'hh-a1', 'u-t-admin', ?, 80, 0, ?, 1)`,
      )
      // The factory's version 1 is current: a second current one is refused.
      expect(() => insert.run('ins-x', 2, null)).toThrow(/UNIQUE/)
      db.prepare(`UPDATE inspections SET is_latest = 0 WHERE household_id = 'hh-a1'`).run()
      insert.run('ins-y', 2, 'client-1')
      db.prepare(`UPDATE inspections SET is_latest = 0 WHERE id = 'ins-y'`).run()
      // The same version twice, or the same client id twice (a resent save), is refused.
      expect(() => insert.run('ins-z', 2, null)).toThrow(/UNIQUE/)
      expect(() => insert.run('ins-z', 3, 'client-1')).toThrow(/UNIQUE/)
      expect(() => db.prepare(`DELETE FROM inspections WHERE id = 'ins-y'`).run()).toThrow(/kept/)
      expect(() =>
        db.prepare(`UPDATE inspections SET total = 100 WHERE id = 'ins-y'`).run(),
      ).toThrow(/kept/)
    })

    it('keeps one pending appeal per household and round', () => {
      const insert = db.prepare(
        `INSERT INTO appeals (id, round_id, household_id, user_id, text, status, score_before,
           created_at) VALUES (?, 'r-pub', 'hh-a1', 'u-t-res-a', '理由', ?, 95, 0)`,
      )
      insert.run('apl-1', 'pending')
      expect(() => insert.run('apl-2', 'pending')).toThrow(/UNIQUE/)
      insert.run('apl-3', 'rejected')
    })

    it('refuses rows pointing at nothing', () => {
      expect(() =>
        db
          .prepare(`INSERT INTO notice_villages (notice_id, village_id) VALUES ('n-town', 'vil-x')`)
          .run(),
      ).toThrow(/FOREIGN KEY/)
    })
  })

  it('adds inspection versions atomically and answers a resent client id with the saved one', async () => {
    const store = createSqliteStore(file)
    await store.importSnapshot(buildTestTown())
    const base = {
      roundId: 'r-open',
      householdId: 'hh-a2',
      inspectorId: 'u-t-grid-a',
      total: 90,
      deductedItems: 1,
      createdAt: NOW,
      items: [
        { criterionId: 'crit-a', points: 55, deductions: 0, note: '杂物' },
        { criterionId: 'crit-b', points: null, deductions: 1, note: '' },
      ],
      photos: [{ url: '/media/a.jpg', takenAt: NOW - 1000 }],
    }
    const first = await store.board.addInspection({ ...base, id: 'i-1', clientId: 'c-1' })
    const second = await store.board.addInspection({
      ...base,
      id: 'i-2',
      clientId: 'c-2',
      total: 95,
    })
    expect([first.version, first.reason, second.version, second.reason]).toEqual([
      1,
      'first',
      2,
      'reinspect',
    ])
    await expect(
      store.board.addInspection({ ...base, id: 'i-3', clientId: 'c-1' }),
    ).rejects.toThrow(UniqueViolation)
    expect((await store.board.byClientId('c-1'))?.id).toBe('i-1')
    const versions = await store.board.inspections('r-open', 'hh-a2')
    expect(versions.map((v) => [v.version, v.total])).toEqual([
      [2, 95],
      [1, 90],
    ])
    expect(versions[1]?.photos).toEqual([{ url: '/media/a.jpg', takenAt: NOW - 1000 }])
    expect(versions[1]?.items[0]).toEqual({
      criterionId: 'crit-a',
      points: 55,
      deductions: 0,
      note: '杂物',
    })
    const scores = await store.board.scores('r-open')
    expect(scores.find((r) => r.householdId === 'hh-a2')?.total).toBe(95)
    await store.close()
  })
})
