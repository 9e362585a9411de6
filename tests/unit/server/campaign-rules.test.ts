import { describe, expect, it } from 'vitest'
import {
  BURST_MIN,
  countsVisible,
  defaultRules,
  integrity,
  phaseAt,
  rank,
  rulesInWords,
  scheduleProblem,
  votesLeft,
} from '../../../server/campaigns/campaigns.rules'

const MIN = 60_000
const HOUR = 60 * MIN
const schedule = {
  nominationStartsAt: 1000,
  reviewStartsAt: 2000,
  votingStartsAt: 3000,
  votingEndsAt: 4000,
  publicityEndsAt: 5000,
}

describe('campaign rules', () => {
  it('derives phases with each boundary belonging to the phase it starts', () => {
    expect(phaseAt(schedule, 999).phase).toBe('upcoming')
    expect(phaseAt(schedule, 1000).phase).toBe('nomination')
    expect(phaseAt(schedule, 2999)).toEqual({ phase: 'review', endsAt: 3000 })
    expect(phaseAt(schedule, 3999).phase).toBe('voting')
    expect(phaseAt(schedule, 4000).phase).toBe('publicity')
    expect(phaseAt(schedule, 5000)).toEqual({ phase: 'closed', endsAt: null })
  })

  it('ranks with shared ranks and leaves a tie across the winners line to the admins', () => {
    const rows = [
      { id: 'a', number: 1, votes: 5 },
      { id: 'b', number: 2, votes: 9 },
      { id: 'c', number: 3, votes: 5 },
      { id: 'd', number: 4, votes: 1 },
    ]
    expect(rank(rows, 2).map((r) => [r.row.id, r.rank, r.winner, r.tiedAtCutoff])).toEqual([
      ['b', 1, true, false],
      ['a', 2, false, true],
      ['c', 2, false, true],
      ['d', 4, false, false],
    ])
    expect(
      rank(rows, 3)
        .filter((r) => r.winner)
        .map((r) => r.row.id),
    ).toEqual(['b', 'a', 'c'])
  })

  it('hides counts until voting closes unless the campaign shows them live; admins see them', () => {
    const c = { ...schedule, rules: defaultRules }
    expect(countsVisible(c, 3500, false)).toBe(false)
    expect(countsVisible(c, 3500, true)).toBe(true)
    expect(countsVisible({ ...c, rules: { ...defaultRules, liveCounts: true } }, 3500, false)).toBe(
      true,
    )
    expect(countsVisible(c, 4000, false)).toBe(true)
  })

  it('counts what is left today, never below zero', () => {
    const rules = { ...defaultRules, votesPerDay: 3, votesPerCandidatePerDay: 2 }
    expect(votesLeft(rules, 0)).toEqual({ day: 3, candidate: 2 })
    expect(votesLeft(rules, 2, 1)).toEqual({ day: 1, candidate: 1 })
    expect(votesLeft(rules, 3, 2)).toEqual({ day: 0, candidate: 0 })
  })

  it('flags bursts, newly bound accounts and a large assisted share, without judging', () => {
    const base = Date.parse('2026-11-26T02:00:00Z')
    const steady = Array.from({ length: 40 }, (_, i) => ({
      nominationId: 'n1',
      createdAt: base + i * HOUR,
      assisted: false,
      boundAt: base - 30 * 24 * HOUR,
    }))
    expect(integrity(steady).flags).toEqual([])
    const burst = Array.from({ length: BURST_MIN + 5 }, (_, i) => ({
      nominationId: 'n2',
      createdAt: base + 100 * HOUR + i * 10_000,
      assisted: i % 2 === 0,
      boundAt: base + 100 * HOUR - HOUR,
    }))
    const report = integrity([...steady, ...burst])
    expect(report.bursts).toHaveLength(1)
    expect(report.bursts[0]).toMatchObject({ nominationId: 'n2', count: BURST_MIN + 5 })
    expect(report.newlyBound.count).toBe(BURST_MIN + 5)
    expect(report.assisted.count).toBe(13)
    expect(report.flags.length).toBeGreaterThanOrEqual(2)
    expect(report.perHour.reduce((sum, h) => sum + h.count, 0)).toBe(report.total)
  })

  it('checks the schedule is in order and words the rules plainly', () => {
    expect(scheduleProblem(schedule)).toBeNull()
    expect(scheduleProblem({ ...schedule, votingEndsAt: 3000 })?.path).toBe('votingEndsAt')
    const words = rulesInWords({ ...defaultRules, counting: 'perHousehold', votesPerDay: 2 })
    expect(words).toContain('一户一票：同一户的家人共用每天 2 票。')
  })
})
