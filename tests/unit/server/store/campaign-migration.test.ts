// Migration 7 rebuilds the votes table with slot keys: votes cast before it keep counting.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../../../server/store/sqlite/migrations'
import { migrate } from '../../../../server/store/sqlite/sqlite-store'

describe('campaign migration', () => {
  it('keeps earlier votes, each in its own day slot, and the default rules', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    // The database as it was before the campaigns issue (migrations 1–5).
    for (let v = 0; v < 5; v++) db.exec(migrations[v] as string)
    db.pragma('user_version = 5')
    db.exec(`
      INSERT INTO villages (id, name, code, sort) VALUES ('vil', '甲村', NULL, 0);
      INSERT INTO village_groups (id, village_id, name, sort) VALUES ('g', 'vil', '一组', 0);
      INSERT INTO grids (id, village_id, name) VALUES ('grid', 'vil', '网格');
      INSERT INTO users (id, openid, nickname, staff_role, created_at) VALUES ('u', 'o', '村民', NULL, 0);
      INSERT INTO households (id, village_id, group_id, grid_id, head_name, house_no, size, created_at)
        VALUES ('hh', 'vil', 'g', 'grid', '张三', '1号', 1, 0), ('hh2', 'vil', 'g', 'grid', '李四', '2号', 1, 0);
      INSERT INTO campaigns (id, type, title, description, village_id, nomination_starts_at,
        review_starts_at, voting_starts_at, voting_ends_at, publicity_ends_at, created_at)
        VALUES ('c', 'goodNeighbor', '评选', '', NULL, 0, 1, 2, 3, 4, 0);
      INSERT INTO nominations (id, campaign_id, household_id, nominator_id, story, status, number, created_at)
        VALUES ('n1', 'c', 'hh', 'u', '事迹', 'approved', 1, 0), ('n2', 'c', 'hh2', 'u', '事迹', 'approved', 2, 0);
      INSERT INTO votes (id, campaign_id, nomination_id, voter_id, voter_household_id, day, created_at)
        VALUES ('v1', 'c', 'n1', 'u', 'hh', '2026-11-26', 1), ('v2', 'c', 'n2', 'u', 'hh', '2026-11-26', 2);
    `)
    migrate(db)
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(migrations.length)
    expect(
      db.prepare('SELECT id, voter_key, day_slot, candidate_slot FROM votes ORDER BY id').all(),
    ).toEqual([
      { id: 'v1', voter_key: 'u', day_slot: 1, candidate_slot: 1 },
      { id: 'v2', voter_key: 'u', day_slot: 2, candidate_slot: 1 },
    ])
    const { rules_json } = db.prepare('SELECT rules_json FROM campaigns').get() as {
      rules_json: string
    }
    expect(JSON.parse(rules_json)).toMatchObject({ votesPerDay: 1, liveCounts: false })
    expect(() => db.prepare('DELETE FROM votes').run()).toThrow(/append-only/)
    db.close()
  })
})
