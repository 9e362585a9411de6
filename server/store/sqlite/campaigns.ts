import type { CampaignView, Store } from '../store'
import { campaignFrom } from './rows'
import { jsonList, keysetParams, pageOf, type Sql } from './sql'

export function campaignsRepo({ all }: Sql): Store['campaigns'] {
  return {
    async list(q) {
      const rows = all(
        `SELECT c.*, v.name AS village_name,
           (SELECT COUNT(*) FROM nominations m
             WHERE m.campaign_id = c.id AND m.status = 'approved') AS candidate_count
         FROM campaigns c LEFT JOIN villages v ON v.id = c.village_id
         WHERE (c.village_id IS NULL OR @villages IS NULL
                OR c.village_id IN (SELECT value FROM json_each(@villages)))
           AND (@afterAt IS NULL OR c.publicity_ends_at < @afterAt
                OR (c.publicity_ends_at = @afterAt AND c.id < @afterId))
         ORDER BY c.publicity_ends_at DESC, c.id DESC LIMIT @take`,
        { villages: jsonList(q.villageIds), ...keysetParams(q.after, q.limit) },
      ).map((r): CampaignView => ({
        ...campaignFrom(r),
        villageName: r.village_name === null ? null : String(r.village_name),
        candidateCount: Number(r.candidate_count),
      }))
      return pageOf(rows, q.limit, (c) => ({ at: c.publicityEndsAt, id: c.id }))
    },
  }
}
