import type {
  AssisteeView,
  CampaignRecord,
  CampaignView,
  CandidateView,
  NominationRecord,
  NominationView,
  ObjectionView,
  OutboxDelivery,
  OutboxRecord,
  OutboxView,
  Store,
  VoteRecord,
  VoteView,
} from '../store'
import { houseSortKey } from '../../places/house-order.rules'
import { guardUnique } from './errors'
import { householdViewFrom } from './households'
import { campaignFrom } from './rows'
import { jsonList, keysetParams, likePattern, pageOf, type Row, type Sql } from './sql'

const num = (v: unknown) => Number(v)
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))

// A household's columns prefixed hh_, with its village, group and grid names.
const householdColumns = (
  alias: string,
) => `${alias}.id AS hh_id, ${alias}.village_id AS hh_village_id,
    ${alias}.group_id AS hh_group_id, ${alias}.grid_id AS hh_grid_id, ${alias}.head_name AS hh_head_name,
    ${alias}.house_no AS hh_house_no, ${alias}.size AS hh_size, ${alias}.phone AS hh_phone,
    ${alias}.show_name_on_red AS hh_show_name_on_red, ${alias}.created_at AS hh_created_at,
    hv.name AS hh_village_name, hg.name AS hh_group_name, hgr.name AS hh_grid_name`
const householdJoins = (alias: string) => `JOIN villages hv ON hv.id = ${alias}.village_id
  JOIN village_groups hg ON hg.id = ${alias}.group_id JOIN grids hgr ON hgr.id = ${alias}.grid_id`

/** Valid votes: not invalidated (a withdrawn candidate's votes are left out by the callers). */
const validVote = `NOT EXISTS (SELECT 1 FROM vote_invalidations i WHERE i.vote_id = v.id)`

const nominationSelect = `SELECT m.*, c.title AS campaign_title, u.nickname AS nominator_name,
    ${householdColumns('h')}
  FROM nominations m JOIN campaigns c ON c.id = m.campaign_id
  JOIN users u ON u.id = m.nominator_id
  JOIN households h ON h.id = m.household_id ${householdJoins('h')}`

const nominationFrom = (r: Row): NominationView => ({
  id: String(r.id),
  campaignId: String(r.campaign_id),
  householdId: String(r.household_id),
  nominatorId: String(r.nominator_id),
  nominatorHouseholdId: optStr(r.nominator_household_id),
  story: String(r.story),
  photos: JSON.parse(String(r.photos_json)) as string[],
  status: r.status as NominationRecord['status'],
  number: optNum(r.number),
  reason: optStr(r.reason),
  decidedBy: optStr(r.decided_by),
  decidedAt: optNum(r.decided_at),
  createdAt: num(r.created_at),
  campaignTitle: String(r.campaign_title),
  nominatorName: String(r.nominator_name),
  household: householdViewFrom(r, 'hh_'),
})

const candidateSelect = `SELECT m.id, m.number, m.story, m.photos_json, ${householdColumns('h')},
    (SELECT COUNT(*) FROM votes v WHERE v.nomination_id = m.id AND ${validVote}) AS votes
  FROM nominations m JOIN households h ON h.id = m.household_id ${householdJoins('h')}`

const candidateFrom = (r: Row): CandidateView => ({
  nominationId: String(r.id),
  number: num(r.number),
  story: String(r.story),
  photos: JSON.parse(String(r.photos_json)) as string[],
  household: householdViewFrom(r, 'hh_'),
  votes: num(r.votes),
})

const voteSelect = `SELECT v.*, c.title AS campaign_title, m.number AS candidate_number,
    mh.head_name AS candidate_name, u.nickname AS voter_name, vh.head_name AS household_name,
    a.nickname AS assisted_by_name, i.reason AS inv_reason, i.invalidated_at AS inv_at,
    iu.nickname AS inv_by_name
  FROM votes v JOIN campaigns c ON c.id = v.campaign_id
  JOIN nominations m ON m.id = v.nomination_id JOIN households mh ON mh.id = m.household_id
  JOIN users u ON u.id = v.voter_id JOIN households vh ON vh.id = v.voter_household_id
  LEFT JOIN users a ON a.id = v.assisted_by
  LEFT JOIN vote_invalidations i ON i.vote_id = v.id
  LEFT JOIN users iu ON iu.id = i.invalidated_by`

const voteFrom = (r: Row): VoteView => ({
  id: String(r.id),
  campaignId: String(r.campaign_id),
  nominationId: String(r.nomination_id),
  voterId: String(r.voter_id),
  voterHouseholdId: String(r.voter_household_id),
  day: String(r.day),
  assistedBy: optStr(r.assisted_by),
  createdAt: num(r.created_at),
  campaignTitle: String(r.campaign_title),
  candidateNumber: num(r.candidate_number),
  candidateName: String(r.candidate_name),
  voterName: String(r.voter_name),
  householdName: String(r.household_name),
  assistedByName: optStr(r.assisted_by_name),
  invalidation:
    r.inv_reason === null || r.inv_reason === undefined
      ? null
      : { reason: String(r.inv_reason), at: num(r.inv_at), byName: String(r.inv_by_name) },
})

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

/** Inserts a nomination as given (the seed's; live ones go through `nominate`). */
export function insertNomination({ prepare }: Sql, n: NominationRecord, slot: number): void {
  prepare(
    `INSERT INTO nominations (id, campaign_id, household_id, nominator_id, nominator_household_id,
       nominator_key, nominator_slot, story, photos_json, status, number, reason, decided_by,
       decided_at, created_at)
     VALUES (@id, @campaignId, @householdId, @nominatorId, @nominatorHouseholdId, @nominatorKey,
       @slot, @story, @photos, @status, @number, @reason, @decidedBy, @decidedAt, @createdAt)`,
  ).run({
    id: n.id,
    campaignId: n.campaignId,
    householdId: n.householdId,
    nominatorId: n.nominatorId,
    nominatorHouseholdId: n.nominatorHouseholdId ?? null,
    nominatorKey: n.nominatorHouseholdId ? `h:${n.nominatorHouseholdId}` : `u:${n.nominatorId}`,
    slot,
    story: n.story,
    photos: JSON.stringify(n.photos ?? []),
    status: n.status,
    number: n.number,
    reason: n.reason ?? null,
    decidedBy: n.decidedBy ?? null,
    decidedAt: n.decidedAt ?? null,
    createdAt: n.createdAt,
  })
}

/**
 * Casts a vote in one transaction. The voter (a user, or the household under 一户一票) takes
 * the next day slot and the next slot for this candidate; both are UNIQUE keys, so two votes
 * can never share one, whatever interleaves. Returns what refused it, if anything.
 */
export function castVote(
  sql: Sql,
  v: VoteRecord & { now: number },
): Awaited<ReturnType<Store['campaigns']['castVote']>> {
  const { one, prepare } = sql
  return sql.tx(() => {
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

export function campaignsRepo(sql: Sql): Store['campaigns'] {
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
    async nominate(n) {
      return sql.tx(() => {
        const used = one(
          `SELECT COALESCE(MAX(nominator_slot), 0) AS used FROM nominations
           WHERE campaign_id = @campaignId AND nominator_key = @key`,
          { campaignId: n.campaignId, key: n.nominatorKey },
        )
        const slot = num(used?.used ?? 0) + 1
        if (slot > n.slotLimit) return 'limit' as const
        const live = one(
          `SELECT 1 AS x FROM nominations WHERE campaign_id = @campaignId
             AND household_id = @householdId AND status IN ('pending', 'approved')`,
          { campaignId: n.campaignId, householdId: n.householdId },
        )
        if (live) return 'duplicate' as const
        guardUnique(() => insertNomination(sql, n, slot))
        return 'ok' as const
      })
    },
    async nomination(id) {
      const r = one(`${nominationSelect} WHERE m.id = @id`, { id })
      return r ? nominationFrom(r) : null
    },
    async nominations(q) {
      const rows = all(
        `${nominationSelect}
         WHERE (@campaignId IS NULL OR m.campaign_id = @campaignId)
           AND (@status IS NULL OR m.status = @status)
           AND (@grids IS NULL OR h.grid_id IN (SELECT value FROM json_each(@grids)))
           AND (@afterAt IS NULL OR m.created_at < @afterAt
                OR (m.created_at = @afterAt AND m.id < @afterId))
         ORDER BY m.created_at DESC, m.id DESC LIMIT @take`,
        {
          campaignId: q.campaignId ?? null,
          status: q.status ?? null,
          grids: jsonList(q.gridIds),
          ...keysetParams(q.after, q.limit),
        },
      )
      return pageOf(rows.map(nominationFrom), q.limit, (m) => ({ at: m.createdAt, id: m.id }))
    },
    async nominationsOf(q) {
      const rows = all(
        `${nominationSelect}
         WHERE (m.nominator_id = @userId OR m.household_id = @householdId)
           AND (@afterAt IS NULL OR m.created_at < @afterAt
                OR (m.created_at = @afterAt AND m.id < @afterId))
         ORDER BY m.created_at DESC, m.id DESC LIMIT @take`,
        { userId: q.userId, householdId: q.householdId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(nominationFrom), q.limit, (m) => ({ at: m.createdAt, id: m.id }))
    },
    async decide(id, d) {
      return sql.tx(() => {
        // Candidate numbers are UNIQUE per campaign; the next one is taken inside this transaction.
        const result = guardUnique(() =>
          prepare(
            `UPDATE nominations SET status = @status, reason = @reason, decided_by = @by,
               decided_at = @at,
               number = CASE WHEN @status = 'approved' THEN (SELECT COALESCE(MAX(o.number), 0) + 1
                 FROM nominations o WHERE o.campaign_id = nominations.campaign_id) END
             WHERE id = @id AND status = 'pending'`,
          ).run({ id, ...d }),
        )
        return result.changes === 1
      })
    },
    async withdraw(id, d) {
      const result = prepare(
        `UPDATE nominations SET status = 'withdrawn', reason = @reason, decided_by = @by,
           decided_at = @at WHERE id = @id AND status IN ('pending', 'approved')`,
      ).run({ id, ...d })
      return result.changes === 1
    },
    async candidates(q) {
      const rows = all(
        `${candidateSelect}
         WHERE m.campaign_id = @campaignId AND m.status = 'approved'
           AND (@afterAt IS NULL OR m.number > @afterAt)
         ORDER BY m.number LIMIT @take`,
        { campaignId: q.campaignId, ...keysetParams(q.after, q.limit) },
      )
      return pageOf(rows.map(candidateFrom), q.limit, (c) => ({
        at: c.number,
        id: c.nominationId,
      }))
    },
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
    async claimEvent(campaignId, event, at) {
      return (
        prepare(
          `INSERT OR IGNORE INTO campaign_events (campaign_id, event, at) VALUES (@campaignId, @event, @at)`,
        ).run({ campaignId, event, at }).changes === 1
      )
    },
  }
}

export function notifyRepo({ all, prepare, tx }: Sql): Store['notify'] {
  return {
    async append(items) {
      tx(() => {
        for (const n of items)
          prepare(
            `INSERT OR IGNORE INTO notify_outbox (id, dedupe_key, event, campaign_id, topic, user_id, title, body, created_at)
             VALUES (@id, @dedupeKey, @event, @campaignId, @topic, @userId, @title, @body, @createdAt)`,
          ).run({ ...n, topic: n.topic ?? null })
      })
    },
    async recipientsOf(topic) {
      return all(
        'SELECT DISTINCT user_id FROM notify_outbox WHERE topic = @topic ORDER BY user_id',
        { topic },
      ).map((r) => String(r.user_id))
    },
    async outbox(q) {
      const rows = all(
        `SELECT o.*, u.nickname AS recipient_name FROM notify_outbox o JOIN users u ON u.id = o.user_id
         WHERE (@afterAt IS NULL OR o.created_at < @afterAt
                OR (o.created_at = @afterAt AND o.id < @afterId))
         ORDER BY o.created_at DESC, o.id DESC LIMIT @take`,
        keysetParams(q.after, q.limit),
      )
      return pageOf(
        rows.map((r): OutboxView => ({
          id: String(r.id),
          dedupeKey: String(r.dedupe_key),
          event: r.event as OutboxView['event'],
          campaignId: optStr(r.campaign_id),
          userId: String(r.user_id),
          title: String(r.title),
          body: String(r.body),
          createdAt: num(r.created_at),
          recipientName: String(r.recipient_name),
          delivery:
            r.delivery === null
              ? null
              : {
                  outcome: r.delivery as OutboxDelivery['outcome'],
                  errCode: r.delivery_code === null ? null : num(r.delivery_code),
                },
        })),
        q.limit,
        (o) => ({ at: o.createdAt, id: o.id }),
      )
    },
    async setDelivery(dedupeKey, delivery, retryAt) {
      prepare(
        `UPDATE notify_outbox SET delivery = @outcome, delivery_code = @errCode,
           attempts = attempts + 1, retry_at = @retryAt
         WHERE dedupe_key = @dedupeKey AND (delivery IS NULL OR retry_at IS NOT NULL)`,
      ).run({ dedupeKey, ...delivery, retryAt })
    },
    async dueRedeliveries(now, limit) {
      return all(
        `SELECT * FROM notify_outbox WHERE retry_at IS NOT NULL AND retry_at <= @now
         ORDER BY retry_at, id LIMIT @limit`,
        { now, limit },
      ).map((r) => ({
        id: String(r.id),
        dedupeKey: String(r.dedupe_key),
        event: r.event as OutboxRecord['event'],
        campaignId: optStr(r.campaign_id),
        userId: String(r.user_id),
        title: String(r.title),
        body: String(r.body),
        createdAt: num(r.created_at),
        attempts: num(r.attempts),
      }))
    },
  }
}
