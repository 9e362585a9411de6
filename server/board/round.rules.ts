// Pure rules of a round: complete list rules, and its calendar (inspection window, 公示,
// rectification), on the Asia/Shanghai day.
import type { FieldIssue } from '../../contract/envelope'
import { inShanghai } from '../../contract/time'
import { DEFAULT_RULES, type ListRules } from './board.rules'

const DAY = 86_400_000

/** A round's rules are complete: each list is chosen by a threshold, a count or both. */
export function checkRules(rules: ListRules): FieldIssue[] {
  const fields: FieldIssue[] = []
  if (rules.redThreshold === null && rules.redTopN === null) {
    fields.push({ path: 'redThreshold', message: '红榜须设分数线或前 N 名' })
  }
  if (rules.blackThreshold === null && rules.blackBottomN === null) {
    fields.push({ path: 'blackThreshold', message: '黑榜须设分数线或后 N 名' })
  }
  if (
    rules.redThreshold !== null &&
    // Stryker disable next-line ConditionalExpression: null > a threshold ≥ 0 is false anyway
    rules.blackThreshold !== null &&
    rules.blackThreshold > rules.redThreshold
  ) {
    fields.push({ path: 'blackThreshold', message: '黑榜分数线不能高于红榜分数线' })
  }
  return fields
}

/** The inspection window of a month by default: its first to its last moment, Asia/Shanghai. */
export function monthWindow(month: string): { start: number; end: number } {
  const start = inShanghai(`${month}-01T00:00:00+08:00`)
  return { start: start.valueOf(), end: start.add(1, 'month').valueOf() - 1 }
}

/** The previous calendar month, 'YYYY-MM'. */
export function previousMonth(month: string): string {
  // Stryker disable next-line StringLiteral: any step back from the 1st at 00:00 lands in the month before
  return inShanghai(`${month}-01T00:00:00+08:00`).subtract(1, 'month').format('YYYY-MM')
}

/** The 公示 window: from publication for `days` days. */
export function publicityEnd(publishedAt: number, days: number): number {
  return publishedAt + days * DAY
}

/** Whether a published round is in its 公示 window at `now` (appeals are open). */
export function inPublicity(
  round: { status: string; publishedAt: number | null; publicityEndsAt: number | null },
  now: number,
): boolean {
  return (
    round.status === 'published' &&
    round.publishedAt !== null &&
    // Stryker disable next-line ConditionalExpression: now < null is false for any time after 1970
    round.publicityEndsAt !== null &&
    now >= round.publishedAt &&
    now < round.publicityEndsAt
  )
}

/** A black-listed household's deadline to put things right. */
export function rectificationDeadline(publishedAt: number, days: number): number {
  return publishedAt + days * DAY
}

/** The score a re-inspection must reach to take a household off the black list (已整改). */
export function rectificationThreshold(rules: Pick<ListRules, 'blackThreshold'>): number {
  return rules.blackThreshold ?? DEFAULT_RULES.blackThreshold
}
