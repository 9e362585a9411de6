// The 长辈模式 audit (issue 16): every page of app.config.ts, opened by the demo account that
// reaches it, in both modes and at the browser's default font size ×1 and ×2, measured in
// Chromium at 375 px by tests/helpers/elder-audit.ts. Prints a table per screen and fails on
// any violation, listing each.
import type { Page } from 'playwright-core'
import {
  launchPhone,
  PHONE_CONTEXT,
  startServer,
  type Phone,
  type RunningServer,
} from '../helpers/browser'
import {
  formatTable,
  formatViolations,
  measurePage,
  rulesFor,
  type AuditRow,
} from '../helpers/elder-audit'
import {
  accountTokens,
  appScreens,
  configuredPages,
  openAuditContext,
  setAuditMode,
  showScreen,
  type AuditAccount,
  type Screen,
} from '../helpers/app-screens'

let server: RunningServer
let phone: Phone
let tokens: Record<AuditAccount, string>
let screens: Screen[]

beforeAll(async () => {
  server = await startServer()
  phone = await launchPhone()
  tokens = await accountTokens(server.url)
  screens = await appScreens(server.url, tokens)
})

afterAll(async () => {
  try {
    for (const page of contexts.values()) await page.context().close()
    await phone?.close()
  } finally {
    await server?.stop()
  }
})

/**
 * One context per account, kept across the four passes: a new context's first load compiles
 * the app anew (1.6 CPU-s in Chromium, a later load 0.4). setAuditMode clears what the app
 * stored before each pass, so each pass starts as on a new phone.
 */
const contexts = new Map<AuditAccount, Page>()

/** Opens every screen in one mode and scale, each account's screens in its own context. */
async function audit(elder: boolean, scale: number): Promise<AuditRow[]> {
  const rows: AuditRow[] = []
  const rules = rulesFor(elder)
  for (const account of new Set(screens.map((s) => s.as))) {
    let page = contexts.get(account)
    if (page) await setAuditMode(page, elder, scale)
    else {
      page = await openAuditContext(
        () => phone.browser.newContext(PHONE_CONTEXT),
        tokens[account],
        elder,
        scale,
      )
      contexts.set(account, page)
    }
    for (const screen of screens.filter((s) => s.as === account)) {
      await showScreen(page, server.url, screen.path)
      const result = await measurePage(page, rules)
      rows.push({ page: screen.path.split('?')[0] ?? '', role: account, elder, scale, result })
    }
  }
  return rows
}

describe('长辈模式 audit in Chromium at 375 px', () => {
  it('opens every page of app.config.ts', async () => {
    const opened = new Set(screens.map((s) => s.path.split('?')[0]))
    expect((await configuredPages()).filter((p) => !opened.has(p))).toEqual([])
  })

  it('lets a person pinch to zoom (no user-scalable=no, no maximum-scale)', async () => {
    const page = await phone.open()
    try {
      await page.goto(server.url)
      const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
      expect(viewport).toContain('width=device-width')
      expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/)
      expect(viewport).not.toContain('maximum-scale')
    } finally {
      await page.context().close()
    }
  })

  for (const elder of [true, false])
    for (const scale of [1, 2])
      it(`finds no violation ${elder ? 'in 长辈模式' : 'outside 长辈模式'} at font scale ${scale}`, async () => {
        const rows = await audit(elder, scale)
        process.stdout.write(
          `\n${elder ? '长辈模式' : '普通模式'} @${scale}\n${formatTable(rows)}\n`,
        )
        expect(rows.length).toBe(screens.length)
        expect(rows.every((r) => r.result.texts > 0)).toBe(true)
        expect(formatViolations(rows)).toBe('')
      }, 240_000)
})
