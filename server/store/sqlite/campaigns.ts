// The selections' part of the SQLite Store, by subject like its cloud twin (cloud/campaigns-*.ts):
// campaign-docs, nominations, votes and campaign-voices; the outbox is outbox.ts.
import type { Store } from '../store'
import { campaignDocs } from './campaign-docs'
import { campaignVoices } from './campaign-voices'
import { nominationsRepo } from './nominations'
import type { Sql } from './sql'
import { votesRepo } from './votes'

export { saveCampaign } from './campaign-docs'
export { insertNomination } from './nominations'
export { castVote } from './votes'
export { notifyRepo } from './outbox'

export function campaignsRepo(sql: Sql): Store['campaigns'] {
  const docs = campaignDocs(sql)
  return {
    ...docs,
    ...nominationsRepo(sql),
    ...votesRepo(sql),
    ...campaignVoices(sql),
    // Local reads are cheap: the ballot is the campaign; castVote checks the rest in its
    // transaction.
    async ballot(q) {
      const campaign = await docs.get(q.campaignId)
      return campaign ? { campaign } : null
    },
  }
}
