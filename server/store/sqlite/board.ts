import type { ScoreRow, Store } from '../store'
import { roundFrom } from './rows'
import { keysetParams, pageOf, type Sql } from './sql'

export function boardRepo({ one, all }: Sql): Store['board'] {
  return {
    async rounds(q) {
      const rows = all(
        `SELECT * FROM rounds WHERE (@publishedOnly = 0 OR status = 'published')
           AND (@afterAt IS NULL OR window_start < @afterAt
                OR (window_start = @afterAt AND id < @afterId))
         ORDER BY window_start DESC, id DESC LIMIT @take`,
        { publishedOnly: Number(q.publishedOnly), ...keysetParams(q.after, q.limit) },
      ).map(roundFrom)
      return pageOf(rows, q.limit, (r) => ({ at: r.windowStart, id: r.id }))
    },
    async round(id) {
      const r = one('SELECT * FROM rounds WHERE id = @id', { id })
      return r ? roundFrom(r) : null
    },
    async scores(roundId, villageId) {
      return all(
        `SELECT h.id AS household_id, h.head_name, h.house_no, h.village_id, v.name AS village_name,
           g.name AS group_name, h.show_name_on_red, i.total,
           (SELECT COUNT(*) FROM inspection_items ii JOIN criteria c ON c.id = ii.criterion_id
             WHERE ii.inspection_id = i.id AND ii.points < c.max_points) AS deducted_items
         FROM inspections i
         JOIN households h ON h.id = i.household_id
         JOIN villages v ON v.id = h.village_id
         JOIN village_groups g ON g.id = h.group_id
         WHERE i.round_id = @roundId AND (@villageId IS NULL OR h.village_id = @villageId)
           AND i.version = (SELECT MAX(version) FROM inspections l
                            WHERE l.round_id = i.round_id AND l.household_id = i.household_id)`,
        { roundId, villageId: villageId ?? null },
      ).map((r): ScoreRow => ({
        householdId: String(r.household_id),
        headName: String(r.head_name),
        houseNo: String(r.house_no),
        villageId: String(r.village_id),
        villageName: String(r.village_name),
        groupName: String(r.group_name),
        showNameOnRed: r.show_name_on_red === 1,
        total: Number(r.total),
        deductedItems: Number(r.deducted_items),
      }))
    },
  }
}
