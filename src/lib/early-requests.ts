// H5: requests that an inline script in index.html sends while the app's own code is still
// downloading (written by config/h5-early-requests.ts), so that on a weak signal their answers
// are already here when the page first renders. The app takes them over with api-client's
// adoptAnswer, which reads them exactly as a call of its own.

/** Where the session token is kept (Taro storage: JSON `{"data": token}` in localStorage). */
export const SESSION_TOKEN_KEY = 'hemei.session-token'

/** The global the inline script leaves its answers' promises under, by name. */
export const EARLY_REQUESTS_GLOBAL = '__hemeiEarlyRequests'

/** The promises the inline script left (taken once: a later load asks anew), or null. */
export function takeEarlyAnswers(): Partial<Record<string, Promise<unknown>>> | null {
  if (typeof window === 'undefined') return null
  const holder = window as unknown as Record<string, unknown>
  const answers = holder[EARLY_REQUESTS_GLOBAL]
  delete holder[EARLY_REQUESTS_GLOBAL]
  return typeof answers === 'object' && answers !== null
    ? (answers as Partial<Record<string, Promise<unknown>>>)
    : null
}
