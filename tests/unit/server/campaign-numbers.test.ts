// The numbers campaigns promise (server/campaigns/campaigns.rules.ts), each at, below and above
// its boundary: a burst is 20 votes for one candidate within 10 minutes; an account bound less
// than 24 hours before voting is newly bound; newly bound over 20 % and assisted over 30 % of at
// least 20 votes are flagged; an hour of 50 or more votes and over 3 × the hourly average is a
// peak; the votes left for a candidate never exceed the day's.
import { describe, expect, it } from 'vitest'
import {
  BURST_MIN,
  BURST_WINDOW,
  NEWLY_BOUND,
  countsVisible,
  defaultRules,
  hiddenReason,
  integrity,
  phaseAt,
  rank,
  rulesInWords,
  scheduleProblem,
  voteRefusals,
  votesLeft,
  type IntegrityInput,
} from '../../../server/campaigns/campaigns.rules'

const SEC = 1000
const MIN = 60 * SEC
const HOUR = 60 * MIN
const T0 = Date.parse('2026-11-26T02:00:00Z')
const BOUND_LONG_AGO = T0 - 30 * 24 * HOUR

const vote = (createdAt: number, more: Partial<IntegrityInput> = {}): IntegrityInput => ({
  nominationId: 'n1',
  createdAt,
  assisted: false,
  boundAt: BOUND_LONG_AGO,
  ...more,
})

/** `n` votes for one candidate, `gap` apart, from `from`. */
const run = (n: number, gap: number, from = T0, more: Partial<IntegrityInput> = {}) =>
  Array.from({ length: n }, (_, i) => vote(from + i * gap, more))

/** `n` votes an hour apart, each for its own candidate: nothing bursts or peaks. */
const spread = (n: number, more: (i: number) => Partial<IntegrityInput> = () => ({})) =>
  Array.from({ length: n }, (_, i) => vote(T0 + i * HOUR, { nominationId: `c${i}`, ...more(i) }))

const schedule = {
  nominationStartsAt: 1000,
  reviewStartsAt: 2000,
  votingStartsAt: 3000,
  votingEndsAt: 4000,
  publicityEndsAt: 5000,
}

describe('phaseAt: each phase ends where the next begins', () => {
  it('names the end of every phase', () => {
    expect(phaseAt(schedule, 0)).toEqual({ phase: 'upcoming', endsAt: 1000 })
    expect(phaseAt(schedule, 1000)).toEqual({ phase: 'nomination', endsAt: 2000 })
    expect(phaseAt(schedule, 1999)).toEqual({ phase: 'nomination', endsAt: 2000 })
    expect(phaseAt(schedule, 2000)).toEqual({ phase: 'review', endsAt: 3000 })
    expect(phaseAt(schedule, 3000)).toEqual({ phase: 'voting', endsAt: 4000 })
    expect(phaseAt(schedule, 4000)).toEqual({ phase: 'publicity', endsAt: 5000 })
    expect(phaseAt(schedule, 4999)).toEqual({ phase: 'publicity', endsAt: 5000 })
    expect(phaseAt(schedule, 5000)).toEqual({ phase: 'closed', endsAt: null })
  })
})

describe('the default rules and their words', () => {
  it('residents nominate one household, not their own; one vote a day; three winners', () => {
    expect(defaultRules).toEqual({
      nominators: 'residents',
      selfNomination: false,
      nominationsPerHousehold: 1,
      votesPerDay: 1,
      votesPerCandidatePerDay: 1,
      counting: 'perPerson',
      liveCounts: false,
      winners: 3,
    })
    expect(rulesInWords(defaultRules)).toEqual([
      '本村（镇）已绑定家庭的村民和网格员都可以提名。',
      '不能提名自己家。',
      '每户最多提名 1 户。',
      '每人每天可投 1 票。',
      '每天给同一位候选最多投 1 票。',
      '投票结束前不公开票数。',
      '评出 3 名，结果公示后生效。',
      '投票没有任何奖励，也不需要转发拉票。',
    ])
  })

  it('words every other choice', () => {
    expect(
      rulesInWords({
        nominators: 'gridWorkers',
        selfNomination: true,
        nominationsPerHousehold: 2,
        votesPerDay: 5,
        votesPerCandidatePerDay: 2,
        counting: 'perHousehold',
        liveCounts: true,
        winners: 10,
      }),
    ).toEqual([
      '只由网格员提名。',
      '可以提名自己家。',
      '每户最多提名 2 户。',
      '一户一票：同一户的家人共用每天 5 票。',
      '每天给同一位候选最多投 2 票。',
      '投票期间公开实时票数。',
      '评出 10 名，结果公示后生效。',
      '投票没有任何奖励，也不需要转发拉票。',
    ])
  })
})

describe('counts: when they show and why not', () => {
  const hidden = { ...schedule, rules: defaultRules }
  const live = { ...schedule, rules: { ...defaultRules, liveCounts: true } }

  it('residents see counts from the end of voting, during it only when shown live', () => {
    expect(
      [1500, 2500, 3500, 4000, 4500, 5000].map((t) => countsVisible(hidden, t, false)),
    ).toEqual([false, false, false, true, true, true])
    expect([1500, 2500, 2999, 3000, 3999].map((t) => countsVisible(live, t, false))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ])
  })

  it('admins always see them', () => {
    expect(countsVisible(hidden, 0, true)).toBe(true)
    expect(countsVisible(hidden, 3500, true)).toBe(true)
  })

  it('says why they are hidden', () => {
    expect(hiddenReason(schedule, 3500)).toBe('投票结束后公布票数')
    expect(hiddenReason(schedule, 2999)).toBe('投票尚未开始')
    expect(hiddenReason(schedule, 500)).toBe('投票尚未开始')
  })
})

describe('rank: ties share a rank; a tie across the winners line goes to the admins', () => {
  const rows = [
    { id: 'a', number: 3, votes: 7 },
    { id: 'b', number: 1, votes: 9 },
    { id: 'c', number: 2, votes: 7 },
    { id: 'd', number: 4, votes: 2 },
  ]
  const table = (winners: number) =>
    rank(rows, winners).map((r) => [r.row.id, r.rank, r.winner, r.tiedAtCutoff])

  it('orders by votes, then by candidate number', () => {
    expect(rank(rows, 0).map((r) => r.row.id)).toEqual(['b', 'c', 'a', 'd'])
  })

  it('3 winners: the tie at 2 fits, 4th place is out', () => {
    expect(table(3)).toEqual([
      ['b', 1, true, false],
      ['c', 2, true, false],
      ['a', 2, true, false],
      ['d', 4, false, false],
    ])
  })

  it('2 winners: the tie at 2 straddles the line, nobody of it wins', () => {
    expect(table(2)).toEqual([
      ['b', 1, true, false],
      ['c', 2, false, true],
      ['a', 2, false, true],
      ['d', 4, false, false],
    ])
  })

  it('1 winner: the tie below the line is simply out; 4 winners: everyone wins', () => {
    expect(table(1)).toEqual([
      ['b', 1, true, false],
      ['c', 2, false, false],
      ['a', 2, false, false],
      ['d', 4, false, false],
    ])
    expect(table(4).every(([, , winner, tied]) => winner === true && tied === false)).toBe(true)
  })

  it('0 winners: nobody wins, nobody is tied at the cutoff', () => {
    expect(table(0).map(([, , w, t]) => [w, t])).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [false, false],
    ])
  })
})

describe('integrity: bursts of 20 votes for one candidate within 10 minutes', () => {
  it('the numbers: 20 votes, 10 minutes, 24 hours', () => {
    expect(BURST_MIN).toBe(20)
    expect(BURST_WINDOW).toBe(10 * MIN)
    expect(NEWLY_BOUND).toBe(24 * HOUR)
  })

  it('19 votes within a minute are no burst', () => {
    const report = integrity(run(19, SEC))
    expect(report.bursts).toEqual([])
    expect(report.flags).toEqual([])
  })

  it('20 votes within a minute are one burst of 20, from the first to the last', () => {
    const report = integrity(run(20, SEC))
    expect(report.bursts).toEqual([{ nominationId: 'n1', from: T0, to: T0 + 19 * SEC, count: 20 }])
    expect(report.flags).toEqual(['有 1 次短时集中投票（10 分钟内同一候选 20 票以上），请核实。'])
  })

  it('21 votes within a minute are one burst of 21', () => {
    expect(integrity(run(21, SEC)).bursts).toEqual([
      { nominationId: 'n1', from: T0, to: T0 + 20 * SEC, count: 21 },
    ])
  })

  it('20 votes spanning exactly 10 minutes burst; spanning 10 minutes and 1 ms do not', () => {
    const gap = (10 * MIN) / 19
    expect(integrity(run(20, gap)).bursts).toHaveLength(1)
    const late = run(19, gap)
    late.push(vote(T0 + 10 * MIN + 1))
    expect(integrity(late).bursts).toEqual([])
  })

  it('counts one candidate at a time: 10 + 10 votes for two candidates are no burst', () => {
    const votes = [...run(10, SEC), ...run(10, SEC, T0 + 500, { nominationId: 'n2' })]
    expect(integrity(votes).bursts).toEqual([])
  })

  it('takes votes in any order', () => {
    expect(integrity(run(20, SEC).reverse()).bursts).toEqual([
      { nominationId: 'n1', from: T0, to: T0 + 19 * SEC, count: 20 },
    ])
  })

  it('a steady stream is one burst, reporting its densest window', () => {
    // A vote every 15 s for 30 minutes: 41 votes in any 10 minutes, 121 in all.
    const report = integrity(run(121, 15 * SEC))
    expect(report.bursts).toEqual([{ nominationId: 'n1', from: T0, to: T0 + 30 * MIN, count: 41 }])
  })

  it('two bursts an hour apart are two', () => {
    const votes = [...run(20, SEC), ...run(25, SEC, T0 + HOUR)]
    const report = integrity(votes)
    expect(report.bursts).toEqual([
      { nominationId: 'n1', from: T0, to: T0 + 19 * SEC, count: 20 },
      { nominationId: 'n1', from: T0 + HOUR, to: T0 + HOUR + 24 * SEC, count: 25 },
    ])
    expect(report.flags).toEqual(['有 2 次短时集中投票（10 分钟内同一候选 20 票以上），请核实。'])
  })

  it('bursts that touch merge: the later window starts at the earlier one’s last vote', () => {
    // 20 votes in 19 s, then 19 at once exactly 10 minutes after the last of them: the
    // window ending there starts at that vote and holds 20 again.
    const first = run(20, SEC)
    const second = run(19, 0, T0 + 19 * SEC + 10 * MIN)
    expect(integrity([...first, ...second]).bursts).toEqual([
      { nominationId: 'n1', from: T0, to: T0 + 19 * SEC + 10 * MIN, count: 20 },
    ])
  })
})

describe('integrity: newly bound and assisted shares of at least 20 votes', () => {
  it('bound 24 hours before voting is not newly bound; a millisecond less is', () => {
    const votes = [
      vote(T0, { boundAt: T0 - NEWLY_BOUND }),
      vote(T0, { boundAt: T0 - NEWLY_BOUND + 1 }),
      vote(T0, { boundAt: T0 }),
      vote(T0, { boundAt: null }),
    ]
    expect(integrity(votes).newlyBound).toEqual({ count: 2, share: 0.5 })
  })

  it('20 votes, 4 newly bound (20 %) pass; 5 (25 %) are flagged', () => {
    const newly = (n: number) => (i: number) => (i < n ? { boundAt: T0 + i * HOUR - HOUR } : {})
    expect(integrity(spread(20, newly(4)))).toMatchObject({
      newlyBound: { count: 4, share: 0.2 },
      flags: [],
    })
    expect(integrity(spread(20, newly(5)))).toMatchObject({
      newlyBound: { count: 5, share: 0.25 },
      flags: ['25% 的票来自绑定不到 24 小时的账号，请核实。'],
    })
  })

  it('19 votes are too few to flag, whatever their share', () => {
    const all = integrity(spread(19, (i) => ({ boundAt: T0 + i * HOUR, assisted: true })))
    expect(all.newlyBound).toEqual({ count: 19, share: 1 })
    expect(all.assisted).toEqual({ count: 19, share: 1 })
    expect(all.flags).toEqual([])
  })

  it('20 votes, 6 assisted (30 %) pass; 7 (35 %) are flagged', () => {
    const assisted = (n: number) => (i: number) => ({ assisted: i < n })
    expect(integrity(spread(20, assisted(6)))).toMatchObject({
      assisted: { count: 6, share: 0.3 },
      flags: [],
    })
    expect(integrity(spread(20, assisted(7)))).toMatchObject({
      assisted: { count: 7, share: 0.35 },
      flags: ['代投票占 35%，请核实代投是否本人意愿。'],
    })
  })

  it('shares round to three decimals; no votes, no shares', () => {
    expect(integrity(spread(3, (i) => ({ assisted: i === 0 }))).assisted).toEqual({
      count: 1,
      share: 0.333,
    })
    expect(integrity([])).toEqual({
      total: 0,
      perHour: [],
      bursts: [],
      newlyBound: { count: 0, share: 0 },
      assisted: { count: 0, share: 0 },
      flags: [],
    })
  })
})

describe('integrity: votes per hour and peak hours', () => {
  /** `n` votes within one hour starting at `hour`, each for its own candidate. */
  const hourOf = (hour: number, n: number) =>
    Array.from({ length: n }, (_, i) =>
      vote(T0 + hour * HOUR + i * SEC, { nominationId: `h${hour}-${i}` }),
    )

  it('counts votes per clock hour, in order', () => {
    const votes = [...hourOf(2, 1), ...hourOf(0, 3), vote(T0 + HOUR - 1, { nominationId: 'x' })]
    expect(integrity(votes).perHour).toEqual([
      { hour: T0, count: 4 },
      { hour: T0 + 2 * HOUR, count: 1 },
    ])
    expect(integrity(votes).total).toBe(5)
  })

  it('an hour of 50 votes over 3 × the average is a peak; 49 is not', () => {
    const quiet = Array.from({ length: 10 }, (_, h) => hourOf(h + 1, 1)).flat()
    expect(integrity([...hourOf(0, 50), ...quiet]).flags).toEqual([
      '有 1 个小时的票数超过平均的 3 倍，请核实。',
    ])
    expect(integrity([...hourOf(0, 49), ...quiet]).flags).toEqual([])
  })

  it('an hour of exactly 3 × the average is not a peak; one vote more is', () => {
    const tens = Array.from({ length: 4 }, (_, h) => hourOf(h + 1, 10)).flat()
    // 60 + 4 × 10 = 100 votes in 5 hours: average 20, the first hour exactly 3 ×.
    expect(integrity([...hourOf(0, 60), ...tens]).flags).toEqual([])
    // 61 + 40 = 101 votes: average 20.2, 3 × is 60.6.
    expect(integrity([...hourOf(0, 61), ...tens]).flags).toEqual([
      '有 1 个小时的票数超过平均的 3 倍，请核实。',
    ])
  })
})

describe('votesLeft: what is left today, for the day and for one candidate', () => {
  const rules = { ...defaultRules, votesPerDay: 3, votesPerCandidatePerDay: 2 }

  it('a fresh day: 3 in all, 2 for any one candidate', () => {
    expect(votesLeft(rules, 0)).toEqual({ day: 3, candidate: 2 })
    expect(votesLeft(rules, 0, 1)).toEqual({ day: 3, candidate: 1 })
  })

  it('a candidate never gets more than the day has left', () => {
    expect(votesLeft(rules, 2, 0)).toEqual({ day: 1, candidate: 1 })
    expect(votesLeft(rules, 1, 0)).toEqual({ day: 2, candidate: 2 })
    expect(votesLeft(rules, 3, 0)).toEqual({ day: 0, candidate: 0 })
  })

  it('never below zero', () => {
    expect(votesLeft(rules, 3, 2)).toEqual({ day: 0, candidate: 0 })
    expect(votesLeft(rules, 5, 0)).toEqual({ day: 0, candidate: 0 })
    expect(votesLeft(rules, 0, 4)).toEqual({ day: 3, candidate: 0 })
  })

  it('words every refusal', () => {
    expect(voteRefusals).toEqual({
      notVoting: '现在不在投票时间内',
      notCandidate: '该候选不存在或已退出',
      dayLimit: '今天的票已经投完了，明天再来',
      candidateLimit: '今天给这位候选的票已经投完了，可以投给其他候选',
    })
  })
})

describe('scheduleProblem: boundaries in order', () => {
  it('accepts phases of no length except voting', () => {
    expect(scheduleProblem(schedule)).toBeNull()
    expect(
      scheduleProblem({
        nominationStartsAt: 1000,
        reviewStartsAt: 1000,
        votingStartsAt: 1000,
        votingEndsAt: 1001,
        publicityEndsAt: 1001,
      }),
    ).toBeNull()
  })

  it('names the first boundary out of order', () => {
    expect(scheduleProblem({ ...schedule, reviewStartsAt: 999 })).toEqual({
      path: 'reviewStartsAt',
      message: '审核开始时间不能早于提名开始时间',
    })
    expect(scheduleProblem({ ...schedule, votingStartsAt: 1999 })).toEqual({
      path: 'votingStartsAt',
      message: '投票开始时间不能早于审核开始时间',
    })
    expect(scheduleProblem({ ...schedule, votingEndsAt: 3000 })).toEqual({
      path: 'votingEndsAt',
      message: '投票结束时间须晚于投票开始时间',
    })
    expect(scheduleProblem({ ...schedule, publicityEndsAt: 3999 })).toEqual({
      path: 'publicityEndsAt',
      message: '公示结束时间不能早于投票结束时间',
    })
  })
})
