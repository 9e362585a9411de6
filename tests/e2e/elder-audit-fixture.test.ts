// The 长辈模式 audit must catch what it claims to: a static page with one planted fault of each
// kind (tests/e2e/fixtures/elder-faults.html), among elements that meet every rule.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { launchPhone, type Phone } from '../helpers/browser'
import { measurePage, rulesFor, type Measurement } from '../helpers/elder-audit'

const fixture = fs.readFileSync(path.join(__dirname, 'fixtures', 'elder-faults.html'), 'utf8')

let phone: Phone
let page: Page

beforeAll(async () => {
  phone = await launchPhone()
  page = await phone.open()
  await page.setContent(fixture)
})

afterAll(async () => {
  await page?.context().close()
  await phone?.close()
})

/** Each violation as "rule fault", the fault read from the element's data-fault. */
const found = (m: Measurement) =>
  m.violations.map((v) => `${v.rule} ${/\[data-fault=([\w-]+)\]/.exec(v.where)?.[1] ?? v.where}`)

describe('长辈模式 audit on a page with planted faults', () => {
  it('reports each fault in 长辈模式, and nothing that meets the rules', async () => {
    const m = await measurePage(page, rulesFor(true))

    expect(found(m).sort()).toEqual(
      [
        'font font',
        'font font-normal',
        'lineHeight lineHeight',
        'contrast contrast',
        'contrast placeholder',
        'target target',
        'overflow overflow',
        'overflow html',
        'clipped clipped',
      ].sort(),
    )
    const detail = (rule: string, fault: string) =>
      m.violations.find((v) => v.rule === rule && v.where.includes(`data-fault=${fault}`))?.detail
    expect(detail('font', 'font')).toBe('14px < 18px')
    expect(detail('lineHeight', 'lineHeight')).toMatch(/^1\.1 /)
    expect(detail('contrast', 'contrast')).toBe('2.85:1 < 4.5:1')
    expect(detail('contrast', 'placeholder')).toBe('4.19:1 < 4.5:1')
    expect(detail('target', 'target')).toBe('40×40px < 60×60px')
    expect(detail('overflow', 'overflow')).toBe('spans 16–383px of a 375px screen')
    expect(m.minFontPx).toBe(11)
    expect(m.minTarget).toEqual({ width: 40, height: 40 })
  })

  it('outside 长辈模式 holds text to 12 px and leaves tap targets alone', async () => {
    const m = await measurePage(page, rulesFor(false))

    expect(found(m)).toContain('font font-normal')
    expect(found(m)).not.toContain('font font')
    expect(found(m).filter((f) => f.startsWith('target'))).toEqual([])
    expect(found(m)).toContain('contrast placeholder')
    expect(found(m)).toContain('overflow overflow')
  })
})
