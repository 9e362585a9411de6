// index.html's inline script sends 首页's first requests before the app's code has arrived
// (config/h5-early-requests.ts). Taro loads the config without compiling src/, so it keeps its
// own copies of the app's names and inputs: these tests keep them equal, and run the script as
// a browser would to see what it sends.
import vm from 'node:vm'
import {
  EARLY_REQUESTS_GLOBAL as configGlobal,
  earlyRequestsScript,
  HOME_EARLY_REQUESTS,
  SESSION_TOKEN_KEY as configTokenKey,
} from '../../../config/h5-early-requests'
import { homeRequests } from '@/features/bulletin/api/home-requests'
import { EARLY_REQUESTS_GLOBAL, SESSION_TOKEN_KEY } from '@/lib/early-requests'

interface Sent {
  url: string
  init: { method: string; headers: Record<string, string>; body: string; signal?: unknown }
}

/** Runs the script in a bare window with the given storage and fetch; returns what it sent. */
function run(stored: Record<string, string>, answer: (url: string) => Promise<unknown>) {
  const sent: Sent[] = []
  const window: Record<string, unknown> = {
    Promise,
    AbortController,
    fetch: (url: string, init: Sent['init']) => {
      sent.push({ url, init })
      return answer(url)
    },
  }
  const context = vm.createContext({
    window,
    fetch: window.fetch,
    Promise,
    AbortController,
    JSON,
    Math,
    Date,
    setTimeout: () => 0,
    localStorage: { getItem: (key: string) => stored[key] ?? null },
  })
  vm.runInContext(earlyRequestsScript(HOME_EARLY_REQUESTS), context)
  return { sent, answers: window[EARLY_REQUESTS_GLOBAL] as Record<string, Promise<unknown>> }
}

const ok = (data: unknown) => Promise.resolve({ json: () => Promise.resolve({ ok: true, data }) })

describe('index.html’s early requests for 首页', () => {
  it('use the app’s own storage key, global and first inputs', () => {
    expect(configTokenKey).toBe(SESSION_TOKEN_KEY)
    expect(configGlobal).toBe(EARLY_REQUESTS_GLOBAL)
    expect(HOME_EARLY_REQUESTS).toEqual(homeRequests)
  })

  it('post the three requests as the app would, as a visitor when nothing is stored', async () => {
    const { sent, answers } = run({}, (url) => ok(url))
    expect(sent.map((s) => [s.url, s.init.method, JSON.parse(s.init.body)])).toEqual([
      ['/api/columns.list', 'POST', {}],
      ['/api/notices.list', 'POST', { pinned: false, limit: 10 }],
      ['/api/notices.list', 'POST', { pinned: true, limit: 5 }],
    ])
    for (const { init } of sent) {
      expect(init.headers['content-type']).toBe('application/json')
      expect(init.headers['Idempotency-Key']).toMatch(/^[0-9a-z]+-[0-9a-z]+$/)
      expect(init.headers.Authorization).toBeUndefined()
      expect(init.signal).toBeInstanceOf(AbortSignal)
    }
    expect(new Set(sent.map((s) => s.init.headers['Idempotency-Key'])).size).toBe(3)
    expect(Object.keys(answers)).toEqual(['columns', 'feed', 'pinned'])
    expect(await answers.feed).toEqual({ ok: true, data: '/api/notices.list' })
  })

  it('send the stored token, as Taro stores it, and no token when it is empty', () => {
    const signedIn = run({ [SESSION_TOKEN_KEY]: JSON.stringify({ data: 'tok-1' }) }, () => ok(1))
    expect(signedIn.sent.map((s) => s.init.headers.Authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1',
      'Bearer tok-1',
    ])
    const empty = run({ [SESSION_TOKEN_KEY]: JSON.stringify({ data: '' }) }, () => ok(1))
    expect(empty.sent[0]?.init.headers.Authorization).toBeUndefined()
    const broken = run({ [SESSION_TOKEN_KEY]: 'not json' }, () => ok(1))
    expect(broken.sent).toHaveLength(3)
    expect(broken.sent[0]?.init.headers.Authorization).toBeUndefined()
  })

  it('answer null for a body that is not JSON, and reject when no answer came', async () => {
    const notJson = run({}, () =>
      Promise.resolve({ json: () => Promise.reject(new SyntaxError('<html>')) }),
    )
    expect(await notJson.answers.columns).toBeNull()
    const offline = run({}, () => Promise.reject(new TypeError('Failed to fetch')))
    await expect(offline.answers.feed).rejects.toThrow('Failed to fetch')
  })

  it('send nothing in a browser without fetch', () => {
    const context = vm.createContext({ window: { Promise }, localStorage: null })
    vm.runInContext(earlyRequestsScript(HOME_EARLY_REQUESTS), context)
    expect((context.window as Record<string, unknown>)[EARLY_REQUESTS_GLOBAL]).toBeUndefined()
  })
})
