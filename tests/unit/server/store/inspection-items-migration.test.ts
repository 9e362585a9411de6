// Inspection items used to store the item's score (after deductions) in `points`: SQLite
// migration 17 and the cloud adapter read them as what the inspector entered, keeping every
// total and every published list line.
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { itemScore } from '../../../../contract/scoring'
import { migrateInspectionDocs } from '../../../../server/store/cloud/inspection-items'
import { migrations } from '../../../../server/store/sqlite/migrations'
import { createSqliteStore } from '../../../../server/store/sqlite/sqlite-store'
import { buildTestTown } from '../../../helpers/factories'
import { createCloudTestStore } from '../../../helpers/store-adapters'

// 庭院 25 (5 per problem), 垃圾 20 (5 per problem), 门前 10 (2 per problem), 卫生 45 (direct).
const CRITERIA = [
  ['c-yard', '庭院整洁', 25, 5],
  ['c-trash', '垃圾分类', 20, 5],
  ['c-front', '门前三包', 10, 2],
  ['c-clean', '室内卫生', 45, 0],
] as const

/** Old rows: [household, total, per criterion [score, problems recorded]]. */
const OLD: [string, number, [number, number][]][] = [
  // Scored by the old form: one problem on 庭院 → 20.
  [
    'hh-1',
    95,
    [
      [20, 1],
      [20, 0],
      [10, 0],
      [45, 0],
    ],
  ],
  // Seeded: items below full marks with no problems recorded.
  [
    'hh-2',
    56,
    [
      [15, 0],
      [10, 0],
      [6, 0],
      [25, 0],
    ],
  ],
  // Reopened by the old form: 庭院's one problem taken off twice (25 − 5 − 5).
  [
    'hh-3',
    90,
    [
      [15, 1],
      [20, 0],
      [10, 0],
      [45, 0],
    ],
  ],
  // Floored at 0 with the problems recorded, and without.
  [
    'hh-4',
    45,
    [
      [0, 6],
      [0, 0],
      [10, 0],
      [35, 0],
    ],
  ],
  // Full marks.
  [
    'hh-5',
    100,
    [
      [25, 0],
      [20, 0],
      [10, 0],
      [45, 0],
    ],
  ],
]

/** A database as it was before migration 17 (user_version 16), with old-format rows. */
function oldDatabase(file: string) {
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  for (let v = 0; v < 16; v++) db.exec(migrations[v] as string)
  db.pragma('user_version = 16')
  db.exec(`
    INSERT INTO villages (id, name, code, sort) VALUES ('vil', '甲村', NULL, 0);
    INSERT INTO village_groups (id, village_id, name, sort) VALUES ('g', 'vil', '一组', 0);
    INSERT INTO grids (id, village_id, name) VALUES ('grid', 'vil', '网格');
    INSERT INTO users (id, openid, nickname, staff_role, created_at) VALUES ('u', 'o', '网格员', 'admin', 0);
    INSERT INTO rubrics (id, version, name, created_at) VALUES ('rub', 1, '标准', 0);
    INSERT INTO rounds (id, month, title, rubric_id, status, window_start, window_end,
      red_threshold, black_threshold, published_at, publicity_ends_at, created_at)
      VALUES ('r', '2026-10', '十月', 'rub', 'published', 0, 10, 90, 60, 20, 30, 0);
  `)
  const criterion = db.prepare(
    `INSERT INTO criteria (id, rubric_id, category, name, max_points, deduction_per_item, sort)
     VALUES (?, 'rub', '类', ?, ?, ?, ?)`,
  )
  CRITERIA.forEach(([id, name, max, per], sort) => criterion.run(id, name, max, per, sort))
  const household = db.prepare(
    `INSERT INTO households (id, village_id, group_id, grid_id, head_name, house_no, size, created_at)
     VALUES (?, 'vil', 'g', 'grid', ?, ?, 1, 0)`,
  )
  const inspection = db.prepare(
    `INSERT INTO inspections (id, round_id, household_id, inspector_id, version, total, created_at)
     VALUES (?, 'r', ?, 'u', 1, ?, 5)`,
  )
  const item = db.prepare(
    `INSERT INTO inspection_items (inspection_id, criterion_id, points, deductions, note)
     VALUES (?, ?, ?, ?, '')`,
  )
  const entry = db.prepare(
    `INSERT INTO board_entries (round_id, list, household_id, position, unit_key, unit_name, rank,
       score, deducted_items, previous_score, rectified_at)
     VALUES ('r', ?, ?, ?, 'vil', '甲村', ?, ?, 0, NULL, NULL)`,
  )
  OLD.forEach(([hh, total, items], n) => {
    household.run(hh, `户主${n}`, `东街${n + 1}号`)
    inspection.run(`ins-${hh}`, hh, total)
    items.forEach(([score, problems], i) =>
      item.run(`ins-${hh}`, CRITERIA[i]?.[0], score, problems),
    )
    if (total >= 90) entry.run('red', hh, n, n + 1, total)
    if (total < 60) entry.run('black', hh, n, n + 1, total)
  })
  db.close()
}

describe('migration 17: inspection items as entered (SQLite file)', () => {
  let dir = ''
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it(
    'rewrites the items, keeps every total and published line, and logs the counts',
    { timeout: 30_000 },
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hemei-migrate-'))
      const file = path.join(dir, 'old.sqlite')
      oldDatabase(file)
      const store = createSqliteStore(file)
      const entries = await store.board.entries({ roundId: 'r' })
      expect(entries.map((e) => [e.list, e.householdId, e.score]).sort()).toEqual([
        ['black', 'hh-2', 56],
        ['black', 'hh-4', 45],
        ['red', 'hh-1', 95],
        ['red', 'hh-3', 90],
        ['red', 'hh-5', 100],
      ])
      const entered = async (hh: string) => {
        const [latest] = await store.board.inspections('r', hh)
        return { total: latest?.total, items: latest?.items.map((i) => [i.points, i.deductions]) }
      }
      expect(await entered('hh-1')).toEqual({
        total: 95,
        items: [
          [null, 1],
          [null, 0],
          [null, 0],
          [45, 0],
        ],
      })
      expect(await entered('hh-2')).toEqual({
        total: 56,
        items: [
          [null, 2],
          [null, 2],
          [null, 2],
          [25, 0],
        ],
      })
      expect(await entered('hh-3')).toEqual({
        total: 90,
        items: [
          [null, 2],
          [null, 0],
          [null, 0],
          [45, 0],
        ],
      })
      expect(await entered('hh-4')).toEqual({
        total: 45,
        items: [
          [null, 6],
          [null, 4],
          [null, 0],
          [35, 0],
        ],
      })
      expect(await entered('hh-5')).toEqual({
        total: 100,
        items: [
          [null, 0],
          [null, 0],
          [null, 0],
          [45, 0],
        ],
      })
      // Every stored total is what its entries score now.
      const rubric = await store.board.rubric('rub')
      for (const [hh, total] of OLD) {
        const [latest] = await store.board.inspections('r', hh)
        const sum = (latest?.items ?? []).reduce((s, i) => {
          const c = rubric?.criteria.find((x) => x.id === i.criterionId)
          return s + (c ? itemScore(c, i) : 0)
        }, 0)
        expect([hh, sum]).toEqual([hh, total])
      }
      const logged = (await store.audit.recent(10)).find((e) => e.action === 'system.migrate')
      // Every inspection changed form (a deduction item's score is no longer stored); hh-2, hh-3
      // and hh-4 had problems recorded that did not match their scores.
      expect(logged?.after).toEqual({ migration: 17, rewritten: 5, recounted: 3, inexact: 0 })
      await store.close()
      // Opened again: nothing runs twice.
      const again = createSqliteStore(file)
      expect(
        (await again.audit.recent(10)).filter((e) => e.action === 'system.migrate'),
      ).toHaveLength(1)
      await again.close()
    },
  )
})

describe('cloud: inspection documents stored as scores', () => {
  it('reads them as entered, and rewrites them once keeping every total', async () => {
    const { store, cloud } = await createCloudTestStore()
    await store.importSnapshot(buildTestTown())
    const db = cloud.db
    // An old document of r-open/hh-a2: 庭院 (direct) 55, 垃圾 scored 25 with no problems recorded.
    await db.collection('inspections').add({
      data: {
        _id: 'r-open:hh-a2:1',
        inspectionId: 'ins-old',
        roundId: 'r-open',
        householdId: 'hh-a2',
        inspectorId: 'u-t-admin',
        version: 1,
        total: 80,
        createdAt: 1,
        items: [
          { criterionId: 'crit-a', points: 55, deductions: 0, note: '' },
          { criterionId: 'crit-b', points: 25, deductions: 0, note: '垃圾未分类' },
        ],
        photos: [],
        deductedItems: 2,
        reason: 'first',
        clientId: null,
      },
    })
    const read = async () => (await store.board.inspections('r-open', 'hh-a2'))[0]
    expect((await read())?.items).toEqual([
      { criterionId: 'crit-a', points: 55, deductions: 0, note: '' },
      { criterionId: 'crit-b', points: null, deductions: 3, note: '垃圾未分类' },
    ])
    const before = await store.board.roundItems('r-open')
    const oldOnes = (
      await db
        .collection('inspections')
        .where({ itemsEntered: db.command.neq(true) })
        .get()
    ).data
    const report = await migrateInspectionDocs(db)
    expect(report).toEqual({ rewritten: oldOnes.length, recounted: 1, inexact: 0 })
    expect(oldOnes.map((d) => d._id)).toContain('r-open:hh-a2:1')
    expect((await read())?.items[1]).toEqual({
      criterionId: 'crit-b',
      points: null,
      deductions: 3,
      note: '垃圾未分类',
    })
    expect((await read())?.total).toBe(80)
    expect(await store.board.roundItems('r-open')).toEqual(before)
    expect(await migrateInspectionDocs(db)).toEqual({ rewritten: 0, recounted: 0, inexact: 0 })
  })
})
