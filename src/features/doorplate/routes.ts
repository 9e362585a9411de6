// Where a scanned plate leads: the page each landing opens, and the code a launch carries.
import Taro from '@tarojs/taro'
import type { Door } from '@contract/doorplates'
import { residentUrl } from '@/lib/routes'

/** The page a plate opens: its 小程序码 carries the code as `scene`, the H5 QR as `code`. */
export const DOOR_PAGE = 'pages/door/index'

const plateCode = /^[a-z2-7]{32}$/

/** The plate code in a page's or launch's query (`code`, or `scene` URL-encoded), or ''. */
export function codeFromQuery(query: Record<string, string | undefined> | undefined): string {
  const raw = query?.code ?? query?.scene ?? ''
  let code = raw
  try {
    code = decodeURIComponent(raw)
  } catch {
    code = raw
  }
  code = code.trim()
  return plateCode.test(code) ? code : ''
}

/** The page another landing redirects to; null when the door page itself shows it. */
export function landingUrl(door: Door): string | null {
  const staff = (page: string, query: string) => `/packages/staff/pages/${page}/index?${query}`
  switch (door.landing) {
    case 'family':
      return residentUrl('family')
    case 'inspect':
      return door.roundId && door.household.id
        ? staff('inspect-form', `roundId=${door.roundId}&householdId=${door.household.id}`)
        : null
    case 'household':
      return door.household.id ? staff('household', `id=${door.household.id}`) : null
    default:
      return null
  }
}

/**
 * At launch: the app opened from a 小程序码 (scene) or a plate URL (code) on another page than
 * the door's (WeChat may restore the last page) goes to the door page with the code.
 */
export function routeLaunch(): void {
  let launch: { path?: string; query?: Record<string, string | undefined> } | null = null
  try {
    launch = Taro.getLaunchOptionsSync()
  } catch {
    launch = null
  }
  const code = codeFromQuery(launch?.query)
  if (code && launch?.path !== DOOR_PAGE) void Taro.reLaunch({ url: `/${DOOR_PAGE}?code=${code}` })
}
