// Campaigns themselves: the list, one campaign, saving it, and closing a phase early.
import type { CampaignRecord, CampaignView, Store } from '../store'
import { campaignFrom } from './rows'
import { keysetParams, jsonList, pageOf, type Row, type Sql } from './sql'

const campaignParams = (c: CampaignRecord) => ({
  id: c.id,
  type: c.type,
  custom_type_name: c.customTypeName,
  title: c.title,
  description: c.description,
  village_id: c.villageId,
  nomination_starts_at: c.nominationStartsAt,
  review_starts_at: c.reviewStartsAt,
  voting_starts_at: c.votingStartsAt,
  voting_ends_at: c.votingEndsAt,
  publicity_ends_at: c.publicityEndsAt,
  rules_json: JSON.stringify(c.rules),
  created_at: c.createdAt,
})

/** Inserts a campaign, or replaces the fields of the one with its id. */
export function saveCampaign({ prepare }: Sql, c: CampaignRecord): void {
  prepare(
    `INSERT INTO campaigns (id, type, custom_type_name, title, description, village_id,
       nomination_starts_at, review_starts_at, voting_starts_at, voting_ends_at,
       publicity_ends_at, rules_json, created_at)
     VALUES (@id, @type, @custom_type_name, @title, @description, @village_id,
       @nomination_starts_at, @review_starts_at, @voting_starts_at, @voting_ends_at,
       @publicity_ends_at, @rules_json, @created_at)
     ON CONFLICT (id) DO UPDATE SET type = excluded.type,
       custom_type_name = excluded.custom_type_name, title = excluded.title,
       description = excluded.description, village_id = excluded.village_id,
       nomination_starts_at = excluded.nomination_starts_at,
       review_starts_at = excluded.review_starts_at, voting_starts_at = excluded.voting_starts_at,
       voting_ends_at = excluded.voting_ends_at, publicity_ends_at = excluded.publicity_ends_at,
       rules_json = excluded.rules_json`,
  ).run(campaignParams(c))
}

export function campaignDocs(
  sql: Sql,
): Pick<Store['campaigns'], 'closePhase' | 'get' | 'list' | 'save'> {
  const { all, one, prepare } = sql
  const viewFrom = (r: Row): CampaignView => ({
    ...campaignFrom(r),
    villageName: r.village_name === null ? null : String(r.village_name),
    candidateCount: Number(r.candidate_count),
  })
  const campaignSelect = `SELECT c.*, v.name AS village_name,
      (SELECT COUNT(*) FROM nominations m
        WHERE m.campaign_id = c.id AND m.status = 'approved') AS candidate_count
    FROM campaigns c LEFT JOIN villages v ON v.id = c.village_id`
  return {
    async list(q) {
      const rows = all(
        `${campaignSelect}
         WHERE (c.village_id IS NULL OR @villages IS NULL
                OR c.village_id IN (SELECT value FROM json_each(@villages)))
           AND (@afterAt IS NULL OR c.publicity_ends_at < @afterAt
                OR (c.publicity_ends_at = @afterAt AND c.id < @afterId))
         ORDER BY c.publicity_ends_at DESC, c.id DESC LIMIT @take`,
        { villages: jsonList(q.villageIds), ...keysetParams(q.after, q.limit) },
      ).map(viewFrom)
      return pageOf(rows, q.limit, (c) => ({ at: c.publicityEndsAt, id: c.id }))
    },
    async get(id) {
      const r = one(`${campaignSelect} WHERE c.id = @id`, { id })
      return r ? viewFrom(r) : null
    },
    async save(c) {
      saveCampaign(sql, c)
    },
    async closePhase({ campaignId, phase, at, by, reason }) {
      return sql.tx(() => {
        const r = one(`SELECT * FROM campaigns WHERE id = @id`, { id: campaignId })
        if (!r) return false
        const c = campaignFrom(r)
        const bounds = {
          nomination: [c.nominationStartsAt, c.reviewStartsAt, 'review_starts_at'],
          review: [c.reviewStartsAt, c.votingStartsAt, 'voting_starts_at'],
          // Voting must last a moment: voting_starts_at < voting_ends_at.
          voting: [c.votingStartsAt + 1, c.votingEndsAt, 'voting_ends_at'],
          publicity: [c.votingEndsAt, c.publicityEndsAt, 'publicity_ends_at'],
        } as const
        const [from, to, column] = bounds[phase]
        if (at < from || at >= to) return false
        const logged = prepare(
          `INSERT OR IGNORE INTO campaign_phase_closures (campaign_id, phase, closed_at, closed_by, reason)
           VALUES (@campaignId, @phase, @at, @by, @reason)`,
        ).run({ campaignId, phase, at, by, reason })
        if (logged.changes === 0) return false
        prepare(`UPDATE campaigns SET ${column} = @at WHERE id = @id`).run({ at, id: campaignId })
        return true
      })
    },
  }
}
