// Rows of the selections' tables as views: the columns each query selects and how a row reads.
import type { CandidateView, NominationRecord, NominationView, VoteView } from '../store'
import { householdViewFrom } from './households'
import { type Row } from './sql'

export const num = (v: unknown) => Number(v)
export const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v))
export const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v))

// A household's columns prefixed hh_, with its village, group and grid names.
export const householdColumns = (
  alias: string,
) => `${alias}.id AS hh_id, ${alias}.village_id AS hh_village_id,
    ${alias}.group_id AS hh_group_id, ${alias}.grid_id AS hh_grid_id, ${alias}.head_name AS hh_head_name,
    ${alias}.house_no AS hh_house_no, ${alias}.size AS hh_size, ${alias}.phone AS hh_phone,
    ${alias}.show_name_on_red AS hh_show_name_on_red, ${alias}.created_at AS hh_created_at,
    hv.name AS hh_village_name, hg.name AS hh_group_name, hgr.name AS hh_grid_name`
export const householdJoins = (alias: string) => `JOIN villages hv ON hv.id = ${alias}.village_id
  JOIN village_groups hg ON hg.id = ${alias}.group_id JOIN grids hgr ON hgr.id = ${alias}.grid_id`

/** Valid votes: not invalidated (a withdrawn candidate's votes are left out by the callers). */
export const validVote = `NOT EXISTS (SELECT 1 FROM vote_invalidations i WHERE i.vote_id = v.id)`

export const nominationSelect = `SELECT m.*, c.title AS campaign_title, u.nickname AS nominator_name,
    ${householdColumns('h')}
  FROM nominations m JOIN campaigns c ON c.id = m.campaign_id
  JOIN users u ON u.id = m.nominator_id
  JOIN households h ON h.id = m.household_id ${householdJoins('h')}`

export const nominationFrom = (r: Row): NominationView => ({
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

export const candidateSelect = `SELECT m.id, m.number, m.story, m.photos_json, ${householdColumns('h')},
    (SELECT COUNT(*) FROM votes v WHERE v.nomination_id = m.id AND ${validVote}) AS votes
  FROM nominations m JOIN households h ON h.id = m.household_id ${householdJoins('h')}`

export const candidateFrom = (r: Row): CandidateView => ({
  nominationId: String(r.id),
  number: num(r.number),
  story: String(r.story),
  photos: JSON.parse(String(r.photos_json)) as string[],
  household: householdViewFrom(r, 'hh_'),
  votes: num(r.votes),
})

export const voteSelect = `SELECT v.*, c.title AS campaign_title, m.number AS candidate_number,
    mh.head_name AS candidate_name, u.nickname AS voter_name, vh.head_name AS household_name,
    a.nickname AS assisted_by_name, i.reason AS inv_reason, i.invalidated_at AS inv_at,
    iu.nickname AS inv_by_name
  FROM votes v JOIN campaigns c ON c.id = v.campaign_id
  JOIN nominations m ON m.id = v.nomination_id JOIN households mh ON mh.id = m.household_id
  JOIN users u ON u.id = v.voter_id JOIN households vh ON vh.id = v.voter_household_id
  LEFT JOIN users a ON a.id = v.assisted_by
  LEFT JOIN vote_invalidations i ON i.vote_id = v.id
  LEFT JOIN users iu ON iu.id = i.invalidated_by`

export const voteFrom = (r: Row): VoteView => ({
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
