// Pure rules of the bulletin.
import type { NoticeRecord } from '../store/store'

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
    body
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ')
      .trim() ?? ''
  const chars = Array.from(first)
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : first
}
