// The rate limiter: which counters a call draws on, and the answer when one is spent. Pure
// rules here; the counters are the Store's (`limits.take`), one per caller, class and window.
import { budgets, limitedActions, unmeteredWrites, type LimitClass } from '../contract/limits'
import type { ActionName, Role } from '../contract'
import { AppError } from './errors'

export interface Draw {
  cls: LimitClass
  /** The counter: class, caller and window start. */
  key: string
  windowStart: number
  windowEnd: number
  amount: number
  limit: number
}

const isStaff = (role: Role | null) => role === 'gridWorker' || role === 'admin'

/** The bytes an upload's base64 content decodes to (what the daily byte budget counts). */
export function uploadBytes(input: unknown): number {
  const content = (input as { content?: unknown } | null)?.content
  return typeof content === 'string' ? Math.floor((content.length * 3) / 4) : 0
}

/**
 * The counters a call draws on: every write its `write` class, plus the action's own classes.
 * `who` is the caller's user id, or for a caller without one the address it came from. A
 * failures-only counter (wrong codes) is only looked at here (amount 0); a failure draws on it.
 */
export function drawsFor(
  action: ActionName,
  write: boolean,
  who: string,
  role: Role | null,
  input: unknown,
  now: number,
): Draw[] {
  const classes: LimitClass[] = [
    ...(write && !unmeteredWrites.includes(action) ? (['write'] as const) : []),
    ...(limitedActions[action] ?? []),
  ]
  return classes.map((cls) => {
    const b = budgets[cls]
    const windowMs = b.windowSeconds * 1000
    const windowStart = Math.floor(now / windowMs) * windowMs
    return {
      cls,
      key: `${cls}:${who}:${windowStart}`,
      windowStart,
      windowEnd: windowStart + windowMs,
      amount: b.failuresOnly ? 0 : b.unit === 'byte' ? uploadBytes(input) : 1,
      limit: isStaff(role) ? b.staffLimit : b.limit,
    }
  })
}

/** Whether a counter at `count` (this call's amount included) refuses the call. */
export const spent = (draw: Draw, count: number) =>
  draw.amount > 0 ? count > draw.limit : count >= draw.limit

/** The draws a failed call makes: one on each failures-only counter. */
export const failureDraws = (draws: readonly Draw[]) =>
  draws.filter((d) => budgets[d.cls].failuresOnly).map((d) => ({ ...d, amount: 1 }))

/** A readable wait, in Chinese: 45 秒, 12 分钟, 3 小时. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} 秒`
  if (seconds < 3_600) return `${Math.ceil(seconds / 60)} 分钟`
  return `${Math.ceil(seconds / 3_600)} 小时`
}

const what: Record<LimitClass, string> = {
  write: '操作太频繁',
  upload: '上传太频繁',
  uploadBytes: '今天上传的照片视频已经太多',
  wrongCode: '输错的次数太多',
  search: '查找太频繁',
}

/** RATE_LIMITED for a spent counter, saying when to try again. */
export function rateLimited(draw: Draw, now: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((draw.windowEnd - now) / 1000))
  return new AppError(
    'RATE_LIMITED',
    `${what[draw.cls]}，请 ${waitText(retryAfterSeconds)}后再试`,
    {
      retryAfterSeconds,
    },
  )
}
