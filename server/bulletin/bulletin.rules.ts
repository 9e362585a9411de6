// Pure rules of the bulletin.
import type { Caller } from '../context'
import type { NoticeRecord, NoticeState } from '../store/store'

/** A notice is readable once published, from its publish time until its expiry. */
export function isLive(
  notice: Pick<NoticeRecord, 'status' | 'publishAt' | 'expireAt'>,
  now: number,
) {
  return (
    notice.status === 'published' &&
    notice.publishAt <= now &&
    (notice.expireAt === null || notice.expireAt > now)
  )
}

/** A viewer sees township-wide notices and those of the villages they may see (null = all). */
export function isInScope(noticeVillageIds: string[], visible: string[] | null): boolean {
  if (noticeVillageIds.length === 0 || visible === null) return true
  return noticeVillageIds.some((id) => visible.includes(id))
}

/** The list summary: the body's first paragraph, cut to 60 characters. */
export function summarise(body: string): string {
  const first =
    // Stryker disable next-line OptionalChaining: split always answers at least one part
    body
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ')
      .trim() ?? ''
  const chars = Array.from(first)
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : first
}

/** A notice's state as its author sees it; 'scheduled' and 'expired' come from the clock. */
export function noticeState(
  notice: Pick<NoticeRecord, 'status' | 'publishAt' | 'expireAt'>,
  now: number,
): NoticeState {
  if (notice.status !== 'published') return notice.status
  if (notice.expireAt !== null && notice.expireAt <= now) return 'expired'
  return notice.publishAt > now ? 'scheduled' : 'published'
}

/**
 * Why the caller may not address a notice to these villages (empty = township-wide), or null.
 * Admins address anyone; a grid worker only villages of their own grids.
 */
export function scopeRefusal(caller: Caller, villageIds: readonly string[]): string | null {
  if (caller.role === 'admin') return null
  if (villageIds.length === 0) return '网格员只能向本人负责的村发布，不能发布全镇公告'
  if (villageIds.some((id) => !caller.gridVillageIds.includes(id))) {
    return '网格员只能向本人负责的村发布公告'
  }
  return null
}

/** Admins edit any notice; a grid worker only their own, while it is within their villages. */
export function mayEdit(
  caller: Caller,
  notice: Pick<NoticeRecord, 'authorId' | 'villageIds'>,
): boolean {
  if (caller.role === 'admin') return true
  return notice.authorId === caller.user.id && scopeRefusal(caller, notice.villageIds) === null
}

/** An expiry must come after the publish time. */
export const expiresInTime = (publishAt: number, expireAt: number | null) =>
  expireAt === null || expireAt > publishAt

/** A body with no markup is plain paragraphs separated by blank lines. */
export const looksLikeMarkup = (body: string) => /<[a-z]/i.test(body)
