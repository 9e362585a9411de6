// Votes: the atomic cast (day and candidate slots are UNIQUE), tallies, usage, invalidation,
// the integrity check's read and the residents staff may vote for (代投).
import type { AssisteeView, CampaignRecord, Store, VoteRecord } from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { guardUnique } from './errors'
import { householdViewFrom } from './households'
import {
  num,
  optNum,
  householdColumns,
  householdJoins,
  validVote,
  candidateSelect,
  candidateFrom,
  voteSelect,
  voteFrom,
} from './campaign-rows'
import { keysetParams, jsonList, likePattern, pageOf, type Sql } from './sql'

/**
 * Casts a vote in one transaction. The voter (a user, or the household under 一户一票) takes
 * the next day slot and the next slot for this candidate; both are UNIQUE keys, so two votes
 * can never share one, whatever interleaves. Returns what refused it, if anything. Inside a
 * request's unit it joins the unit's transaction (its one write is its last statement).
 */
export function castVote(
  sql: Sql,
  v: VoteRecord & { now: number },
): Awaited<ReturnType<Store['campaigns']['castVote']>> {
  const { one, prepare } = sql
  return sql.joinTx(() => {
    const c = one(
      `SELECT voting_starts_at, voting_ends_at, rules_json FROM campaigns WHERE id = @id`,
      { id: v.campaignId },
    )
    if (!c || v.now < num(c.voting_starts_at) || v.now >= num(c.voting_ends_at))
      return { ok: false, reason: 'notVoting' } as const
    const m = one(`SELECT status FROM nominations WHERE id = @id AND campaign_id = @campaignId`, {
      id: v.nominationId,
      campaignId: v.campaignId,
    })
    if (!m || m.status !== 'approved') return { ok: false, reason: 'notCandidate' } as const
    const rules = JSON.parse(String(c.rules_json)) as CampaignRecord['rules']
    const voterKey = voterKeyOf(rules, v.voterId, v.voterHouseholdId)
    const used = usageOf(sql, v.campaignId, voterKey, v.day, v.nominationId)
    if (used.day >= rules.votesPerDay) return { ok: false, reason: 'dayLimit' } as const
    if (used.candidate >= rules.votesPerCandidatePerDay)
      return { ok: false, reason: 'candidateLimit' } as const
    guardUnique(() =>
      prepare(
        `INSERT INTO votes (id, campaign_id, nomination_id, voter_id, voter_household_id,
           voter_key, day, day_slot, candidate_slot, assisted_by, created_at)
         VALUES (@id, @campaignId, @nominationId, @voterId, @voterHouseholdId, @voterKey, @day,
           @daySlot, @candidateSlot, @assistedBy, @createdAt)`,
      ).run({
        id: v.id,
        campaignId: v.campaignId,
        nominationId: v.nominationId,
        voterId: v.voterId,
        voterHouseholdId: v.voterHouseholdId,
        voterKey,
        day: v.day,
        daySlot: used.day + 1,
        candidateSlot: used.candidate + 1,
        assistedBy: v.assistedBy,
        createdAt: v.createdAt,
      }),
    )
    return { ok: true, dayUsed: used.day + 1, candidateUsed: used.candidate + 1 } as const
  })
}

const voterKeyOf = (rules: CampaignRecord['rules'], voterId: string, householdId: string) =>
  rules.counting === 'perHousehold' ? `h:${householdId}` : `u:${voterId}`

// Slots are handed out in order, so the highest taken is the number used.
function usageOf(
  sql: Sql,
  campaignId: string,
  voterKey: string,
  day: string,
  nominationId: string,
) {
  const r = sql.one(
    `SELECT COALESCE(MAX(day_slot), 0) AS day_used,
       COALESCE(MAX(CASE WHEN nomination_id = @nominationId THEN candidate_slot END), 0) AS cand_used
     FROM votes WHERE campaign_id = @campaignId AND voter_key = @voterKey AND day = @day`,
    { campaignId, voterKey, day, nominationId },
  )
  return { day: num(r?.day_used ?? 0), candidate: num(r?.cand_used ?? 0) }
}

export function votesRepo(
  sql: Sql,
): Pick<
  Store['campaigns'],
  'assistees' | 'castVote' | 'integrityVotes' | 'invalidate' | 'tally' | 'usage' | 'vote' | 'votes'
> {
  const { all, one, prepare } = sql
  return {
    async tally(campaignId) {
      const candidates = all(
        `${candidateSelect} WHERE m.campaign_id = @campaignId AND m.status = 'approved'
         ORDER BY m.number`,
        { campaignId },
      ).map(candidateFrom)
      const invalidated = one(
        `SELECT COUNT(*) AS n FROM vote_invalidations i JOIN votes v ON v.id = i.vote_id
         WHERE v.campaign_id = @campaignId`,
        { campaignId },
      )
      return {
        candidates,
        valid: candidates.reduce((sum, c) => sum + c.votes, 0),
        invalidated: num(invalidated?.n ?? 0),
      }
    },
    async castVote(v) {
      return castVote(sql, { ...v, createdAt: v.now })
    },
    async usage(q) {
      const c = one(`SELECT rules_json FROM campaigns WHERE id = @id`, { id: q.campaignId })
      if (!c) return { day: 0, perCandidate: {} }
      const rules = JSON.parse(String(c.rules_json)) as CampaignRecord['rules']
      const rows = all(
        `SELECT nomination_id, MAX(day_slot) AS day_used, MAX(candidate_slot) AS cand_used
         FROM votes WHERE campaign_id = @campaignId AND voter_key = @voterKey AND day = @day
         GROUP BY nomination_id`,
        {
          campaignId: q.campaignId,
          voterKey: voterKeyOf(rules, q.voterId, q.voterHouseholdId),
          day: q.day,
        },
      )
      return {
        day: rows.reduce((max, r) => Math.max(max, num(r.day_used)), 0),
        perCandidate: Object.fromEntries(
          rows.map((r) => [String(r.nomination_id), num(r.cand_used)]),
        ),
      }
    },
    async vote(id) {
      const r = one(`${voteSelect} WHERE v.id = @id`, { id })
      return r ? voteFrom(r) : null
    },
    async votes(q) {
      const rows = all(
        `${voteSelect}
         WHERE (@campaignId IS NULL OR v.campaign_id = @campaignId)
           AND (@nominationId IS NULL OR v.nomination_id = @nominationId)
           AND (@voterId IS NULL OR v.voter_id = @voterId)
           AND (@afterAt IS NULL OR v.created_at < @afterAt
                OR (v.created_at = @afterAt AND v.id < @afterId))
         ORDER BY v.created_at DESC, v.id DESC LIMIT @take`,
        {
          campaignId: q.campaignId ?? null,
          nominationId: q.nominationId ?? null,
          voterId: q.voterId ?? null,
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(rows.map(voteFrom), q.limit, (v) => ({ at: v.createdAt, id: v.id }))
    },
    async invalidate(voteId, d) {
      guardUnique(() =>
        prepare(
          `INSERT INTO vote_invalidations (vote_id, reason, invalidated_by, invalidated_at)
           VALUES (@voteId, @reason, @by, @at)`,
        ).run({ voteId, ...d }),
      )
    },
    async integrityVotes(campaignId) {
      return all(
        `SELECT v.nomination_id, v.created_at, v.assisted_by,
           (SELECT MAX(b.decided_at) FROM bindings b WHERE b.user_id = v.voter_id
              AND b.household_id = v.voter_household_id AND b.status = 'approved') AS bound_at
         FROM votes v JOIN nominations m ON m.id = v.nomination_id
         WHERE v.campaign_id = @campaignId AND m.status = 'approved' AND ${validVote}
         ORDER BY v.created_at`,
        { campaignId },
      ).map((r) => ({
        nominationId: String(r.nomination_id),
        createdAt: num(r.created_at),
        assisted: r.assisted_by !== null,
        boundAt: optNum(r.bound_at),
      }))
    },
    async assistees(q) {
      const rows = all(
        `SELECT u.id AS user_id, u.nickname, ${householdColumns('h')}
         FROM bindings b JOIN users u ON u.id = b.user_id
         JOIN households h ON h.id = b.household_id ${householdJoins('h')}
         WHERE b.status = 'approved'
           AND (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@villageId IS NULL OR h.village_id = @villageId)
           AND (@name IS NULL OR u.nickname LIKE @name ESCAPE '\\'
                OR h.head_name LIKE @name ESCAPE '\\')
           AND (@afterAt IS NULL OR h.house_sort > @afterAt
                OR (h.house_sort = @afterAt AND u.id > @afterId))
         ORDER BY h.house_sort, u.id LIMIT @take`,
        {
          grids: jsonList(q.gridIds),
          villageId: q.villageId,
          name: q.name ? likePattern(q.name) : null,
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(
        rows.map((r): AssisteeView => ({
          userId: String(r.user_id),
          nickname: String(r.nickname),
          household: householdViewFrom(r, 'hh_'),
        })),
        q.limit,
        (a) => ({ at: houseSortKey(a.household.houseNo), id: a.userId }),
      )
    },
  }
}
