// What a person does on the phone-sized H5 app, phrased once for every browser test.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Locator, Page } from 'playwright-core'
import { launchPhone, startServer, type Phone, type RunningServer } from './browser'
import type { ActionInput, ActionName, ActionOutput, Envelope } from '@contract/index'

export const WAIT_MS = 10_000

export function onPhone(page: Page, screenshotDir: string) {
  /**
   * Text the person can see. Taro keeps every opened page in the DOM and only hides the
   * inactive ones, so text is looked for among visible elements only.
   */
  const shown = (text: string | RegExp, exact = true): Locator =>
    page.getByText(text, { exact }).filter({ visible: true }).first()

  return {
    shown,
    async see(text: string | RegExp, exact = true): Promise<Locator> {
      const found = shown(text, exact)
      await found.waitFor({ state: 'visible', timeout: WAIT_MS })
      return found
    },
    /** Taps an item of the bottom tab bar (each is a link named by its label). */
    async tapTab(label: string) {
      await page.locator('taro-tabbar').getByRole('link', { name: label, exact: true }).tap()
    },
    /**
     * Taro's <Button> renders as <taro-button-core> without a button role, and its inner text
     * element does not take taps itself: find the element by tag and label.
     */
    buttonIn(row: Locator, label: string): Locator {
      return row.locator('taro-button-core', { hasText: label })
    },
    /** A visible Taro button by its label anywhere on the page. */
    button(label: string): Locator {
      return page.locator('taro-button-core', { hasText: label }).filter({ visible: true }).first()
    },
    /** A NutUI Cell by its title: the cell itself takes the tap, not its title text. */
    cell(title: string): Locator {
      return page
        .locator('.nut-cell', { has: page.getByText(title, { exact: true }) })
        .filter({ visible: true })
        .first()
    },
    /** The visible text field with this placeholder (Taro wraps a real <input>). */
    input(placeholder: string): Locator {
      return page.locator(`input[placeholder="${placeholder}"]`).filter({ visible: true }).first()
    },
    /** One row of a list: the innermost visible element holding both texts. */
    rowWith(text: string, other: string): Locator {
      return page
        .locator('*', { has: page.getByText(text, { exact: true }), hasText: other })
        .filter({ visible: true })
        .last()
    },
    /** Saves what the phone shows, with finished transitions (NutUI Tabs slide for 300 ms). */
    async screenshot(name: string) {
      await page.screenshot({
        path: path.join(screenshotDir, `${name}.png`),
        animations: 'disabled',
      })
    },
  }
}

/** Calls the API directly (as `token`'s owner, or anonymously) to know what the app should show. */
export async function callApi<A extends ActionName>(
  baseUrl: string,
  action: A,
  input: ActionInput<A>,
  token?: string,
): Promise<ActionOutput<A>> {
  const res = await fetch(`${baseUrl}/api/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(input),
  })
  const envelope = (await res.json()) as Envelope<ActionOutput<A>>
  if (!envelope.ok) throw new Error(`${action} 失败：${envelope.error.message}`)
  return envelope.data
}

/**
 * Opens a fresh phone on the app and signs in as a demo account through 我的's switcher,
 * the way a person trying the demo would.
 */
export async function signedInPhone(
  phone: Phone,
  url: string,
  label: string,
  screenshotDir: string,
) {
  const page = await phone.open()
  const on = onPhone(page, screenshotDir)
  // Headless Chromium stops animation frames in a background tab, and a tap waits for one.
  await page.bringToFront()
  await page.goto(url)
  await on.tapTab('我的')
  await on.see('演示账号（仅开发模式）')
  await on.buttonIn(on.rowWith(label, '切换'), '切换').tap()
  await on.see('当前')
  return { page, on }
}

/** A PNG of random noise (which PNG cannot shrink): width × height × 3 bytes on disk, roughly. */
export function noisyPng(file: string, width: number, height: number): number {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let i = 0; i < rows.length; i++)
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : (Math.random() * 256) | 0
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  fs.writeFileSync(file, png)
  return png.length
}

/**
 * A browser suite with several phones on one real server: started before the suite's tests,
 * every phone, the browser and the server closed after them. `signIn` opens one more phone.
 */
export function phoneSuite(name: string) {
  const suite = {
    server: undefined as unknown as RunningServer,
    phone: undefined as unknown as Phone,
    screenshotDir: '',
    pages: [] as Page[],
    async signIn(label: string) {
      const signedIn = await signedInPhone(
        suite.phone,
        suite.server.url,
        label,
        suite.screenshotDir,
      )
      suite.pages.push(signedIn.page)
      return signedIn
    },
  }
  beforeAll(async () => {
    suite.screenshotDir = fs.mkdtempSync(path.join(os.tmpdir(), `hemei-e2e-${name}-`))
    suite.server = await startServer()
    suite.phone = await launchPhone()
  })
  afterAll(async () => {
    try {
      for (const page of suite.pages) await page.context().close()
      await suite.phone?.close()
    } finally {
      await suite.server?.stop()
    }
  })
  return suite
}
