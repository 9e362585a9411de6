// What residents say and ask for around a campaign: objections (异议), subscriptions to its
// notices, and the claim that announces a phase once.
import type { ObjectionView, Store } from '../store'
import { num } from './campaign-rows'
import { keysetParams, pageOf, type Sql } from './sql'

export function campaignVoices(
  sql: Sql,
): Pick<
  Store['campaigns'],
  | 'addObjection'
  | 'claimEvent'
  | 'isSubscribed'
  | 'isSubscribedToAll'
  | 'objections'
  | 'setSubscription'
  | 'setSubscriptionToAll'
  | 'subscribers'
  | 'subscriberPage'
> {
  const { all, one, prepare } = sql
  return {
    async addObjection(o) {
      prepare(
        `INSERT INTO campaign_objections (id, campaign_id, user_id, household_id, text, created_at)
         VALUES (@id, @campaignId, @userId, @householdId, @text, @createdAt)`,
      ).run(o)
    },
    async objections(q) {
      const rows = all(
        `SELECT o.*, u.nickname AS author_name, h.head_name AS household_name
         FROM campaign_objections o JOIN users u ON u.id = o.user_id
         JOIN households h ON h.id = o.household_id
         WHERE o.campaign_id = @campaignId
           AND (@afterAt IS NULL OR o.created_at < @afterAt
                OR (o.created_at = @afterAt AND o.id < @afterId))
         ORDER BY o.created_at DESC, o.id DESC LIMIT @take`,
        { campaignId: q.campaignId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(
        rows.map((r): ObjectionView => ({
          id: String(r.id),
          campaignId: String(r.campaign_id),
          userId: String(r.user_id),
          householdId: String(r.household_id),
          text: String(r.text),
          createdAt: num(r.created_at),
          authorName: String(r.author_name),
          householdName: String(r.household_name),
        })),
        q.limit,
        (o) => ({ at: o.createdAt, id: o.id }),
      )
    },
    async setSubscription(campaignId, userId, on, at) {
      if (on)
        prepare(
          `INSERT OR IGNORE INTO campaign_subscriptions (campaign_id, user_id, created_at)
           VALUES (@campaignId, @userId, @at)`,
        ).run({ campaignId, userId, at })
      else
        prepare(
          `DELETE FROM campaign_subscriptions WHERE campaign_id = @campaignId AND user_id = @userId`,
        ).run({ campaignId, userId })
    },
    async setSubscriptionToAll(userId, on, at) {
      if (on)
        prepare(
          `INSERT OR IGNORE INTO notify_subscribers (user_id, created_at) VALUES (@userId, @at)`,
        ).run({ userId, at })
      else prepare(`DELETE FROM notify_subscribers WHERE user_id = @userId`).run({ userId })
    },
    async isSubscribedToAll(userId) {
      return (
        one(`SELECT 1 AS x FROM notify_subscribers WHERE user_id = @userId`, { userId }) !==
        undefined
      )
    },
    async isSubscribed(campaignId, userId) {
      return (
        one(
          `SELECT 1 AS x FROM campaign_subscriptions WHERE campaign_id = @campaignId AND user_id = @userId
           UNION ALL SELECT 1 FROM notify_subscribers WHERE user_id = @userId`,
          { campaignId, userId },
        ) !== undefined
      )
    },
    async subscribers(campaignId) {
      return all(
        `SELECT user_id FROM campaign_subscriptions WHERE campaign_id = @campaignId
         UNION
         SELECT s.user_id FROM notify_subscribers s
           JOIN bindings b ON b.user_id = s.user_id AND b.status = 'approved'
           JOIN households h ON h.id = b.household_id
           JOIN campaigns c ON c.id = @campaignId
          WHERE c.village_id IS NULL OR c.village_id = h.village_id
         ORDER BY user_id`,
        { campaignId },
      ).map((r) => String(r.user_id))
    },
    async subscriberPage(campaignId, after, limit) {
      const rows = all(
        `SELECT user_id FROM (
           SELECT user_id FROM campaign_subscriptions WHERE campaign_id = @campaignId
           UNION
           SELECT s.user_id FROM notify_subscribers s
             JOIN bindings b ON b.user_id = s.user_id AND b.status = 'approved'
             JOIN households h ON h.id = b.household_id
             JOIN campaigns c ON c.id = @campaignId
            WHERE c.village_id IS NULL OR c.village_id = h.village_id)
         WHERE @after IS NULL OR user_id > @after
         ORDER BY user_id LIMIT @limit`,
        { campaignId, after, limit },
      ).map((r) => String(r.user_id))
      return { userIds: rows, next: rows.length === limit ? (rows[rows.length - 1] ?? null) : null }
    },
    async claimEvent(campaignId, event, at) {
      return (
        prepare(
          `INSERT OR IGNORE INTO campaign_events (campaign_id, event, at) VALUES (@campaignId, @event, @at)`,
        ).run({ campaignId, event, at }).changes === 1
      )
    },
  }
}
