// Migration 17 gives every stored household its walking-order key, so lists read in 门牌号
// order from the first start after the upgrade.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { houseSortKey } from '../../../../server/places/house-order.rules'
import { migrations } from '../../../../server/store/sqlite/migrations'
import { migrate } from '../../../../server/store/sqlite/sqlite-store'

describe('house order migration (SQLite)', () => {
  it('backfills house_sort for every household and indexes it', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    for (let v = 0; v < 16; v++) db.exec(migrations[v] as string)
    db.pragma('user_version = 16')
    db.exec(`
      INSERT INTO villages (id, name, code, sort) VALUES ('vil', '甲村', NULL, 0);
      INSERT INTO village_groups (id, village_id, name, sort) VALUES ('g', 'vil', '一组', 0);
      INSERT INTO grids (id, village_id, name) VALUES ('grid', 'vil', '网格');
    `)
    const add = db.prepare(`INSERT INTO households (id, village_id, group_id, grid_id, head_name,
      house_no, size, created_at) VALUES (@id, 'vil', 'g', 'grid', '户主', @houseNo, 1, 0)`)
    const walk = ['东街1号', '东街2号', '东街10号', '东街10号之一', '东街11号', '东街十二号']
    walk.forEach((houseNo, i) => add.run({ id: `hh${walk.length - i}`, houseNo }))
    migrate(db)
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(migrations.length)
    const rows = db
      .prepare('SELECT house_no, house_sort FROM households ORDER BY house_sort, id')
      .all() as { house_no: string; house_sort: string }[]
    expect(rows.map((r) => r.house_no)).toEqual(walk)
    for (const r of rows) expect(r.house_sort).toBe(houseSortKey(r.house_no))
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM households WHERE village_id = 'vil'
         ORDER BY house_sort, id`,
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('households_walk')
  })
})
