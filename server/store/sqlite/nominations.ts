// Nominations: nominating under the per-nominator slot limit, review, withdrawal, candidates.
import type { NominationRecord, Store } from '../store'
import { guardUnique } from './errors'
import {
  num,
  nominationSelect,
  nominationFrom,
  candidateSelect,
  candidateFrom,
} from './campaign-rows'
import { keysetParams, jsonList, pageOf, type Sql } from './sql'

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

export function nominationsRepo(
  sql: Sql,
): Pick<
  Store['campaigns'],
  'candidates' | 'decide' | 'nominate' | 'nomination' | 'nominations' | 'nominationsOf' | 'withdraw'
> {
  const { all, one, prepare } = sql
  return {
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
  }
}
