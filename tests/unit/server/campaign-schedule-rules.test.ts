// The rule that keeps a campaign's past as it happened: scheduleChangeProblem.
import { describe, expect, it } from 'vitest'
import { scheduleChangeProblem } from '../../../server/campaigns/campaigns.rules'

const H = 3_600_000
// Nomination from hour 0, review from 10, voting 20–30, 公示 until 40.
const before = {
  nominationStartsAt: 0,
  reviewStartsAt: 10 * H,
  votingStartsAt: 20 * H,
  votingEndsAt: 30 * H,
  publicityEndsAt: 40 * H,
}

describe('scheduleChangeProblem', () => {
  it('lets every boundary still ahead move further ahead', () => {
    const later = {
      nominationStartsAt: H,
      reviewStartsAt: 11 * H,
      votingStartsAt: 21 * H,
      votingEndsAt: 31 * H,
      publicityEndsAt: 41 * H,
    }
    expect(scheduleChangeProblem(before, later, -H)).toBeNull()
    expect(scheduleChangeProblem(before, before, 35 * H)).toBeNull()
  })

  it('freezes voting’s end once passed: voting cannot be reopened during 公示', () => {
    const reopened = { ...before, votingEndsAt: 38 * H }
    // One millisecond before the end, at it, and after it.
    expect(scheduleChangeProblem(before, reopened, 30 * H - 1)).toBeNull()
    expect(scheduleChangeProblem(before, reopened, 30 * H)).toEqual({
      path: 'votingEndsAt',
      message: '投票结束时间已经过去，不能再修改',
      frozen: true,
    })
    expect(scheduleChangeProblem(before, reopened, 35 * H)?.frozen).toBe(true)
    // A later phase's end still moves.
    expect(scheduleChangeProblem(before, { ...before, publicityEndsAt: 50 * H }, 35 * H)).toBeNull()
  })

  it.each([
    ['nominationStartsAt', 0, 0.5 * H],
    ['reviewStartsAt', 10 * H, 15 * H],
    ['votingStartsAt', 20 * H, 25 * H],
    ['votingEndsAt', 30 * H, 35 * H],
    ['publicityEndsAt', 40 * H, 45 * H],
  ] as const)('freezes %s from the moment it passes', (path, at, now) => {
    const moved = { ...before, [path]: before[path] + 2 * H }
    expect(scheduleChangeProblem(before, moved, at - 1)).toBeNull()
    expect(scheduleChangeProblem(before, moved, at)?.path).toBe(path)
    expect(scheduleChangeProblem(before, moved, now)?.frozen).toBe(true)
  })

  it('refuses to move a boundary still ahead into the past (that is 提前结束阶段)', () => {
    const now = 25 * H
    expect(scheduleChangeProblem(before, { ...before, votingEndsAt: now }, now)).toEqual({
      path: 'votingEndsAt',
      message: '投票结束时间不能改到现在之前；要提前结束当前阶段，请用「提前结束阶段」',
      frozen: false,
    })
    expect(scheduleChangeProblem(before, { ...before, votingEndsAt: now + 1 }, now)).toBeNull()
  })
})
