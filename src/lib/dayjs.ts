// Date formatting for the UI, always on the township's clock (UTC+8).
import { inShanghai, SHANGHAI_OFFSET_MINUTES } from '@contract/time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** An ISO time with its zone (Z or ±hh:mm), which Date.parse reads the same everywhere. */
const ZONED_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/

/**
 * 刚刚 / 5分钟前 / 3小时前 / 11月26日 / 2025年11月26日. Every card of a list shows one, so the
 * server's zoned ISO times are read by arithmetic on the fixed offset, without building Dayjs
 * objects (a cost a cheap phone feels on 首页's first screen); anything else goes via dayjs.
 */
export function fromNow(iso: string, now: number = Date.now()): string {
  const at = ZONED_ISO.test(iso) ? Date.parse(iso) : inShanghai(iso).valueOf()
  const ago = now - at
  if (ago < MINUTE) return '刚刚'
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)}分钟前`
  if (ago < DAY) return `${Math.floor(ago / HOUR)}小时前`
  // The wall clock in Shanghai is UTC shifted by the fixed offset (no daylight saving).
  const wall = new Date(at + SHANGHAI_OFFSET_MINUTES * MINUTE)
  const year = wall.getUTCFullYear()
  const day = `${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日`
  if (year === new Date(now + SHANGHAI_OFFSET_MINUTES * MINUTE).getUTCFullYear()) return day
  return `${String(year).padStart(4, '0')}年${day}`
}

/** A full date and time, e.g. 2026年11月26日 20:00. */
export function dateTime(iso: string): string {
  return inShanghai(iso).format('YYYY年M月D日 HH:mm')
}

/** A short date, e.g. 11月26日. */
export function shortDate(iso: string): string {
  return inShanghai(iso).format('M月D日')
}

/** Time left until `iso`: 3天5小时 / 5小时20分 / 20分钟 / 不到1分钟. */
export function timeLeft(iso: string, now: number = Date.now()): string {
  const left = inShanghai(iso).valueOf() - now
  if (left <= 0) return '已截止'
  const days = Math.floor(left / DAY)
  const hours = Math.floor((left % DAY) / HOUR)
  const minutes = Math.floor((left % HOUR) / MINUTE)
  if (days > 0) return `${days}天${hours}小时`
  if (hours > 0) return `${hours}小时${minutes}分`
  return minutes > 0 ? `${minutes}分钟` : '不到1分钟'
}

/** A countdown to the second: 3天5小时12分9秒 / 5小时0分3秒 / 12分9秒 / 9秒; 已截止 when past. */
export function countdown(iso: string, now: number = Date.now()): string {
  const left = Math.floor((inShanghai(iso).valueOf() - now) / 1000)
  if (left <= 0) return '已截止'
  const days = Math.floor(left / 86_400)
  const hours = Math.floor((left % 86_400) / 3600)
  const minutes = Math.floor((left % 3600) / 60)
  const seconds = left % 60
  if (days > 0) return `${days}天${hours}小时${minutes}分${seconds}秒`
  if (hours > 0) return `${hours}小时${minutes}分${seconds}秒`
  return minutes > 0 ? `${minutes}分${seconds}秒` : `${seconds}秒`
}
