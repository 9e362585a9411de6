// Where the pages live. The main package holds what the first download needs: the four tab
// pages and the doorplate landing (printed 小程序码 and QR codes name its path, so it never
// moves). Every page a villager reaches only after a tap lives in the resident subpackage,
// preloaded from the tab pages (app.config.ts); staff tools live in packages/staff.
// Pure: app.config.ts imports it at build time.

/** The resident subpackage's root. */
export const RESIDENT_ROOT = 'packages/resident'

/** Pages of the resident subpackage: they lived under pages/ before it existed. */
export const RESIDENT_PAGES = [
  'notice',
  'bind',
  'privacy',
  'records',
  'board-household',
  'campaign',
  'nominate',
  'results',
  'activities',
  'activity',
  'my-volunteer',
  'family',
] as const

export type ResidentPage = (typeof RESIDENT_PAGES)[number]

/** '/packages/resident/pages/<page>/index', with the query if any ('a=1&b=2'). */
export const residentUrl = (page: ResidentPage, query = '') =>
  `/${RESIDENT_ROOT}/pages/${page}/index${query ? `?${query}` : ''}`

/** Keys Taro adds to a page's query itself (H5 router stamp, page timestamp). */
const TARO_KEYS = new Set(['stamp', '$taroTimestamp'])

/**
 * The page's new URL when `path` is one of the resident pages' paths before they moved
 * ('pages/notice/index', as a share card, a subscription message or a bookmark still names
 * it), with its query; null for any other path.
 */
export function movedPageUrl(
  path: string,
  query: Record<string, string | undefined> = {},
): string | null {
  const match = /^\/?pages\/([\w-]+)\/index$/.exec(path.split('?')[0] ?? '')
  const page = RESIDENT_PAGES.find((p) => p === match?.[1])
  if (!page) return null
  const search = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && !TARO_KEYS.has(e[0]))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&')
  return residentUrl(page, search)
}
