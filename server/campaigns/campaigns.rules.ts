// Pure rules of campaigns: which phase a campaign is in at a given moment.
import type { CampaignPhase } from '../../contract/campaigns'
import type { CampaignRecord, CampaignRules } from '../store/store'

type Schedule = Pick<
  CampaignRecord,
  'nominationStartsAt' | 'reviewStartsAt' | 'votingStartsAt' | 'votingEndsAt' | 'publicityEndsAt'
>

/**
 * The phase at `now` and when it ends. Each boundary belongs to the phase it starts:
 * at exactly votingEndsAt voting is over (boundaries are exact to the millisecond).
 */
export function phaseAt(c: Schedule, now: number): { phase: CampaignPhase; endsAt: number | null } {
  if (now < c.nominationStartsAt) return { phase: 'upcoming', endsAt: c.nominationStartsAt }
  if (now < c.reviewStartsAt) return { phase: 'nomination', endsAt: c.reviewStartsAt }
  if (now < c.votingStartsAt) return { phase: 'review', endsAt: c.votingStartsAt }
  if (now < c.votingEndsAt) return { phase: 'voting', endsAt: c.votingEndsAt }
  if (now < c.publicityEndsAt) return { phase: 'publicity', endsAt: c.publicityEndsAt }
  return { phase: 'closed', endsAt: null }
}

/** Rules of a campaign created before rules existed, and the form's starting point. */
export const defaultRules: CampaignRules = {
  nominators: 'residents',
  selfNomination: false,
  nominationsPerHousehold: 1,
  votesPerDay: 1,
  votesPerCandidatePerDay: 1,
  counting: 'perPerson',
  liveCounts: false,
  winners: 3,
}

/** The rules in plain words, one sentence each, for the campaign page. */
export function rulesInWords(r: CampaignRules): string[] {
  return [
    r.nominators === 'residents'
      ? '本村（镇）已绑定家庭的村民和网格员都可以提名。'
      : '只由网格员提名。',
    r.selfNomination ? '可以提名自己家。' : '不能提名自己家。',
    `每户最多提名 ${r.nominationsPerHousehold} 户。`,
    r.counting === 'perHousehold'
      ? `一户一票：同一户的家人共用每天 ${r.votesPerDay} 票。`
      : `每人每天可投 ${r.votesPerDay} 票。`,
    `每天给同一位候选最多投 ${r.votesPerCandidatePerDay} 票。`,
    r.liveCounts ? '投票期间公开实时票数。' : '投票结束前不公开票数。',
    `评出 ${r.winners} 名，结果公示后生效。`,
    '投票没有任何奖励，也不需要转发拉票。',
  ]
}

/** Whether counts and the ranking may be shown at `now` (admins always see them). */
export function countsVisible(
  c: Schedule & { rules: CampaignRules },
  now: number,
  isAdmin: boolean,
) {
  if (isAdmin) return true
  const { phase } = phaseAt(c, now)
  if (phase === 'publicity' || phase === 'closed') return true
  return phase === 'voting' && c.rules.liveCounts
}

/** Why counts are hidden, in plain words. */
export function hiddenReason(c: Schedule, now: number): string {
  return phaseAt(c, now).phase === 'voting' ? '投票结束后公布票数' : '投票尚未开始'
}

/** A candidate as ranked: its id, number and valid votes. */
export interface Ranked {
  id: string
  number: number
  votes: number
}

/**
 * Ranking with ties (1, 2, 2, 4), most votes first, then by candidate number. A tie group
 * that fits within `winners` wins; one that straddles the line is marked tiedAtCutoff and
 * left to the admins (none of it wins automatically).
 */
export function rank<T extends Ranked>(
  rows: T[],
  winners: number,
): { row: T; rank: number; winner: boolean; tiedAtCutoff: boolean }[] {
  const sorted = [...rows].sort((a, b) => b.votes - a.votes || a.number - b.number)
  return sorted.map((row) => {
    const above = sorted.filter((o) => o.votes > row.votes).length
    const tied = sorted.filter((o) => o.votes === row.votes).length
    const position = above + 1
    const fits = above + tied <= winners
    const straddles = position <= winners && !fits
    // A tie group that fits starts within the winners, so fitting is winning.
    return { row, rank: position, winner: fits, tiedAtCutoff: straddles }
  })
}

const HOUR = 3_600_000
/** A burst: at least BURST_MIN votes for one candidate within BURST_WINDOW. */
export const BURST_WINDOW = 10 * 60_000
export const BURST_MIN = 20
/** Accounts bound to their household less than this before voting count as newly bound. */
export const NEWLY_BOUND = 24 * HOUR

export interface IntegrityInput {
  nominationId: string
  createdAt: number
  assisted: boolean
  boundAt: number | null
}

/** The integrity report's figures and flags; nothing here punishes anyone. */
export function integrity(votes: IntegrityInput[]) {
  const total = votes.length
  const hours = new Map<number, number>()
  for (const v of votes) {
    // Asia/Shanghai is a whole number of hours from UTC, so UTC hours are its hours too.
    const hour = Math.floor(v.createdAt / HOUR) * HOUR
    hours.set(hour, (hours.get(hour) ?? 0) + 1)
  }
  const perHour = [...hours.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, count]) => ({ hour, count }))

  const bursts: { nominationId: string; from: number; to: number; count: number }[] = []
  const byCandidate = new Map<string, number[]>()
  for (const v of votes)
    byCandidate.set(v.nominationId, [...(byCandidate.get(v.nominationId) ?? []), v.createdAt])
  for (const [nominationId, times] of byCandidate) {
    times.sort((a, b) => a - b)
    let start = 0
    let open: { from: number; to: number; count: number } | null = null
    for (let end = 0; end < times.length; end++) {
      while ((times[end] as number) - (times[start] as number) > BURST_WINDOW) start++
      const count = end - start + 1
      if (count >= BURST_MIN) {
        const from = times[start] as number
        if (open && from <= open.to) {
          open.to = times[end] as number
          open.count = Math.max(open.count, count)
        } else {
          open = { from, to: times[end] as number, count }
          bursts.push(Object.assign(open, { nominationId }) as (typeof bursts)[number])
        }
      }
    }
  }
  const newly = votes.filter(
    // Stryker disable next-line ConditionalExpression: a vote's time minus null is decades, never < 24 h
    (v) => v.boundAt !== null && v.createdAt - v.boundAt < NEWLY_BOUND,
  ).length
  const assisted = votes.filter((v) => v.assisted).length
  const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 1000)

  const flags: string[] = []
  if (bursts.length > 0)
    flags.push(
      `有 ${bursts.length} 次短时集中投票（10 分钟内同一候选 ${BURST_MIN} 票以上），请核实。`,
    )
  if (total >= 20 && share(newly) > 0.2)
    flags.push(`${Math.round(share(newly) * 100)}% 的票来自绑定不到 24 小时的账号，请核实。`)
  if (total >= 20 && share(assisted) > 0.3)
    flags.push(`代投票占 ${Math.round(share(assisted) * 100)}%，请核实代投是否本人意愿。`)
  // Stryker disable next-line ConditionalExpression: without votes there is no hour to compare
  const average = perHour.length === 0 ? 0 : total / perHour.length
  const peaks = perHour.filter((h) => h.count >= 50 && h.count > 3 * average)
  if (peaks.length > 0) flags.push(`有 ${peaks.length} 个小时的票数超过平均的 3 倍，请核实。`)
  return {
    total,
    perHour,
    bursts,
    newlyBound: { count: newly, share: share(newly) },
    assisted: { count: assisted, share: share(assisted) },
    flags,
  }
}

/** Votes left today, given the rules and what is used (of the day, and for one candidate). */
export function votesLeft(rules: CampaignRules, dayUsed: number, candidateUsed = 0) {
  return {
    day: Math.max(0, rules.votesPerDay - dayUsed),
    candidate: Math.max(
      0,
      Math.min(rules.votesPerDay - dayUsed, rules.votesPerCandidatePerDay - candidateUsed),
    ),
  }
}

/** The message a refused vote answers with. */
export const voteRefusals = {
  notVoting: '现在不在投票时间内',
  notCandidate: '该候选不存在或已退出',
  dayLimit: '今天的票已经投完了，明天再来',
  candidateLimit: '今天给这位候选的票已经投完了，可以投给其他候选',
} as const

/** Checks a campaign's schedule is in order; returns the field at fault and why, or null. */
export function scheduleProblem(s: Schedule): { path: string; message: string } | null {
  if (!(s.nominationStartsAt <= s.reviewStartsAt))
    return { path: 'reviewStartsAt', message: '审核开始时间不能早于提名开始时间' }
  if (!(s.reviewStartsAt <= s.votingStartsAt))
    return { path: 'votingStartsAt', message: '投票开始时间不能早于审核开始时间' }
  if (!(s.votingStartsAt < s.votingEndsAt))
    return { path: 'votingEndsAt', message: '投票结束时间须晚于投票开始时间' }
  if (!(s.votingEndsAt <= s.publicityEndsAt))
    return { path: 'publicityEndsAt', message: '公示结束时间不能早于投票结束时间' }
  return null
}

/** A schedule's boundaries in order, with what passing each one means to residents. */
const boundaries = [
  ['nominationStartsAt', '提名开始时间'],
  ['reviewStartsAt', '提名结束（审核开始）时间'],
  ['votingStartsAt', '投票开始时间'],
  ['votingEndsAt', '投票结束时间'],
  ['publicityEndsAt', '公示结束时间'],
] as const satisfies readonly (readonly [keyof Schedule, string])[]

/**
 * What an edit of a saved campaign's schedule may not do at `now`: move a boundary that has
 * passed (a phase that has begun or ended, by date or by 提前结束, stays as it happened — so
 * voting cannot be reopened during 公示), or move one that is still ahead into the past (ending
 * a phase early is 提前结束阶段, with a reason). Later boundaries move freely. Null when fine;
 * `frozen` tells a passed boundary (CONFLICT) from one moved into the past (BAD_INPUT).
 */
export function scheduleChangeProblem(
  before: Schedule,
  next: Schedule,
  now: number,
): { path: keyof Schedule; message: string; frozen: boolean } | null {
  for (const [path, label] of boundaries) {
    if (next[path] === before[path]) continue
    if (before[path] <= now) {
      return { path, message: `${label}已经过去，不能再修改`, frozen: true }
    }
    if (next[path] <= now) {
      return {
        path,
        message: `${label}不能改到现在之前；要提前结束当前阶段，请用「提前结束阶段」`,
        frozen: false,
      }
    }
  }
  return null
}
