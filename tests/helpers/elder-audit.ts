// The 长辈模式 audit (DESIGN.md "Elderly first", issue 16), measured in the page by Chromium:
// computed font size of every visible text node, the line pitch of wrapped text, contrast
// against the effective background, the box of every element a finger can tap, horizontal
// overflow and text cut by its box. One module serves the audit of the app's pages and the
// test that proves it catches each kind of fault (tests/e2e/fixtures/elder-faults.html).
import type { Page } from 'playwright-core'

/** The rules a page is held to; 长辈模式 is stricter. */
export interface AuditRules {
  /** Smallest computed font size of any visible text, px. */
  minFontPx: number
  /** Smallest line pitch of wrapped text, as a multiple of its font size. */
  minLineHeight: number
  /** Smallest contrast of text (placeholders too) on its effective background. */
  minContrast: number
  /** The lower contrast allowed for large bold text, and from which size (bold ≥ 700). */
  largeContrast: number
  largeTextPx: number
  /** Smallest width and height of a tap target, px; null: not checked. */
  minTargetPx: number | null
}

/** 长辈模式: 工信部适老化规范 as the issue spells it out; otherwise the app's floor. */
export function rulesFor(elder: boolean): AuditRules {
  return {
    minFontPx: elder ? 18 : 12,
    minLineHeight: 1.3,
    minContrast: 4.5,
    largeContrast: 3,
    largeTextPx: 24,
    minTargetPx: elder ? 60 : null,
  }
}

export const RULES = ['font', 'lineHeight', 'contrast', 'target', 'overflow', 'clipped'] as const
export type Rule = (typeof RULES)[number]

export interface Violation {
  rule: Rule
  /** The element: tag, id, first classes, and its text. */
  where: string
  detail: string
}

export interface Measurement {
  /** Visible text nodes measured (placeholders and input values included). */
  texts: number
  /** Tap targets measured. */
  targets: number
  /** Smallest visible text, px; null when the page shows none. */
  minFontPx: number | null
  /** The tap target with the smallest shorter side; null when none. */
  minTarget: { width: number; height: number } | null
  violations: Violation[]
}

/**
 * Runs in the page (serialised by Playwright): keep it self-contained, no imports, no
 * closures over module scope.
 */
function measureInPage(rules: AuditRules): Measurement {
  const viewportWidth = document.documentElement.clientWidth
  const violations: Violation[] = []
  const styleOf = new Map<Element, CSSStyleDeclaration>()
  const style = (el: Element) => {
    let s = styleOf.get(el)
    if (!s) {
      s = getComputedStyle(el)
      styleOf.set(el, s)
    }
    return s
  }
  const round = (n: number) => Math.round(n * 10) / 10

  const describe = (el: Element, text?: string) => {
    const tag = el.tagName.toLowerCase()
    const id = el.id ? `#${el.id}` : ''
    const fault = el.getAttribute('data-fault')
    const classes = [...el.classList]
      .slice(0, 2)
      .map((c) => `.${c}`)
      .join('')
    const label = (text ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24)
    return `${tag}${id}${classes}${fault ? `[data-fault=${fault}]` : ''}${label ? ` 「${label}」` : ''}`
  }

  const visible = (el: Element) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true })

  // Ancestors (self included) that cut what overflows them, nearest first, each with the axes
  // it cuts. The root and body are left out: what they cut is cut by the screen, which the
  // overflow rule reports. Past a scrolling ancestor, farther ones no longer cut that axis:
  // what lies beyond them is scrolled into view (the page's own scroller inside Taro's panel).
  type Clipper = {
    el: Element
    box: DOMRect
    /** Hides what lies wholly outside it on that axis. */
    hidesX: boolean
    hidesY: boolean
    /** Cuts what lies partly outside it: text cut, or (sideways) wider than the screen. */
    cutsX: boolean
    cutsY: boolean
    scrollsX: boolean
  }
  const clippersOf = new Map<Element, Clipper[]>()
  const clippers = (el: Element | null): Clipper[] => {
    if (!el || el === document.body || el === document.documentElement) return []
    const known = clippersOf.get(el)
    if (known) return known
    const s = style(el)
    const farther = clippers(el.parentElement)
    let all = farther
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const r = el.getBoundingClientRect()
      const scrollsX = s.overflowX === 'auto' || s.overflowX === 'scroll'
      const scrollsY = s.overflowY === 'auto' || s.overflowY === 'scroll'
      // A box as wide as the screen (Taro's page and tab bar panel) cuts at the screen's own
      // edges: what it cuts sideways is wider than the screen, for the overflow rule to report.
      const screenWide = r.left <= 0.5 && r.right >= viewportWidth - 0.5
      all = [
        {
          el,
          box: new DOMRect(
            r.left + el.clientLeft,
            r.top + el.clientTop,
            el.clientWidth,
            el.clientHeight,
          ),
          hidesX: !scrollsX && s.overflowX !== 'visible',
          hidesY: !scrollsY && s.overflowY !== 'visible',
          cutsX: !scrollsX && !screenWide && s.overflowX !== 'visible',
          cutsY: !scrollsY && s.overflowY !== 'visible',
          scrollsX,
        },
        ...farther.map((c) => ({
          ...c,
          hidesX: c.hidesX && !scrollsX,
          hidesY: c.hidesY && !scrollsY,
          cutsX: c.cutsX && !scrollsX,
          cutsY: c.cutsY && !scrollsY,
          scrollsX: c.scrollsX || scrollsX,
        })),
      ]
    }
    clippersOf.set(el, all)
    return all
  }
  const EPS = 1
  const outside = (r: DOMRect, box: DOMRect, x: boolean, y: boolean) =>
    (x && (r.right <= box.left || r.left >= box.right)) ||
    (y && (r.bottom <= box.top || r.top >= box.bottom))
  const partlyOutside = (r: DOMRect, box: DOMRect, x: boolean, y: boolean) =>
    (x && (r.left < box.left - EPS || r.right > box.right + EPS)) ||
    (y && (r.top < box.top - EPS || r.bottom > box.bottom + EPS))
  /** Hidden entirely by a clipping ancestor that does not scroll that way (a tab pane off screen). */
  const hiddenByClip = (r: DOMRect, chain: Clipper[]) =>
    chain.some((c) => outside(r, c.box, c.hidesX, c.hidesY))
  /** Marked as truncated on purpose: an ellipsis or a line clamp draws "…". */
  const ellipsis = (el: Element) => {
    const s = style(el)
    return s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none'
  }

  // Colours: computed colours come as rgb()/rgba(); gradients are read stop by stop.
  type Rgba = [number, number, number, number]
  const parseColors = (value: string): Rgba[] =>
    [...value.matchAll(/rgba?\(([^)]+)\)/g)].map((m) => {
      const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? '').split(/[\s,/]+/).map(Number)
      return [r, g, b, a]
    })
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3] + bottom[3] * (1 - top[3])
    if (a === 0) return [0, 0, 0, 0]
    const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a
    return [mix(0), mix(1), mix(2), a]
  }
  const luminance = ([r, g, b]: Rgba) => {
    const lin = (c: number) => {
      const s = c / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const ratio = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
    return (hi + 0.05) / (lo + 0.05)
  }
  /**
   * The colours that may sit behind an element: its own and its ancestors' backgrounds laid
   * over each other down to the first opaque one (white under the page). A gradient gives one
   * candidate per stop; an image behind text makes it unmeasurable (null).
   */
  const backgroundsOf = new Map<Element, Rgba[] | null>()
  const backgrounds = (el: Element | null): Rgba[] | null => {
    if (!el) return [[255, 255, 255, 1]]
    const known = backgroundsOf.get(el)
    if (known !== undefined) return known
    const s = style(el)
    let result: Rgba[] | null
    if (s.backgroundImage !== 'none' && !s.backgroundImage.includes('gradient')) result = null
    else {
      const layers = [
        ...parseColors(s.backgroundImage === 'none' ? '' : s.backgroundImage),
        ...parseColors(s.backgroundColor),
      ].filter((c) => c[3] > 0)
      const gradient = s.backgroundImage !== 'none'
      if (!gradient && layers.every((c) => c[3] < 1)) {
        const below = backgrounds(el.parentElement)
        result = below && below.map((b) => layers.reduceRight((acc, c) => over(c, acc), b))
      } else if (gradient) {
        const below = layers.some((c) => c[3] < 1) ? backgrounds(el.parentElement) : null
        const base = below ?? [[255, 255, 255, 1] as Rgba]
        result = layers.flatMap((c) => base.map((b) => over(c, b)))
      } else {
        result = layers.slice(0, 1)
      }
    }
    backgroundsOf.set(el, result)
    return result
  }
  const opacity = (el: Element | null): number =>
    el ? Number(style(el).opacity) * opacity(el.parentElement) : 1

  let texts = 0
  let minFont: number | null = null

  const checkText = (
    el: Element,
    label: string,
    s: { fontSize: string; fontWeight: string; color: string },
    rects: DOMRect[],
    chain: Clipper[],
  ) => {
    texts++
    const where = describe(el, label)
    const size = parseFloat(s.fontSize)
    minFont = minFont === null ? size : Math.min(minFont, size)
    if (size < rules.minFontPx - 0.05)
      violations.push({ rule: 'font', where, detail: `${round(size)}px < ${rules.minFontPx}px` })

    // Line pitch of wrapped text: the distance between the tops of successive lines.
    const tops = [...new Set(rects.map((r) => Math.round(r.top)))].sort((a, b) => a - b)
    if (tops.length > 1) {
      const pitch = Math.min(...tops.slice(1).map((t, i) => t - tops[i]!))
      if (pitch / size < rules.minLineHeight - 0.02)
        violations.push({
          rule: 'lineHeight',
          where,
          detail: `${round(pitch / size)} (${round(pitch)}px / ${round(size)}px) < ${rules.minLineHeight}`,
        })
    }

    const [fg] = parseColors(s.color)
    const behind = backgrounds(el)
    if (fg && behind) {
      const alpha = fg[3] * opacity(el)
      const worst = Math.min(...behind.map((b) => ratio(over([fg[0], fg[1], fg[2], alpha], b), b)))
      const large = size >= rules.largeTextPx && Number(s.fontWeight) >= 700
      const needed = large ? rules.largeContrast : rules.minContrast
      if (worst < needed - 0.005)
        violations.push({ rule: 'contrast', where, detail: `${worst.toFixed(2)}:1 < ${needed}:1` })
    }

    // A text rect spans the font's ascent and descent, taller than the glyphs' em box: a
    // line box of 1.4 would seem to cut CJK text that is whole. The em box is what must fit.
    const ems = rects.map((r) => new DOMRect(r.left, r.top + (r.height - size) / 2, r.width, size))
    const cut = ems.some((r) =>
      chain.some(
        (c) => partlyOutside(r, c.box, c.cutsX, c.cutsY) && !ellipsis(c.el) && !ellipsis(el),
      ),
    )
    if (cut) {
      const by = chain.find((c) => ems.some((r) => partlyOutside(r, c.box, c.cutsX, c.cutsY)))
      violations.push({
        rule: 'clipped',
        where,
        detail: `cut by ${by ? describe(by.el, '') : 'its box'}`,
      })
    }
  }

  // Text nodes.
  const range = document.createRange()
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').trim()
    const el = node.parentElement
    if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue
    if (!visible(el)) continue
    range.selectNodeContents(node)
    const chain = clippers(el)
    const rects = [...range.getClientRects()].filter(
      (r) => r.width > 0.5 && r.height > 0.5 && !hiddenByClip(r, chain),
    )
    if (rects.length === 0) continue
    checkText(el, text, style(el), rects, chain)
  }

  // What the person typed, and the placeholders that tell them what to type.
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input, textarea',
  )) {
    if (field.type === 'hidden' || !visible(field)) continue
    const rect = field.getBoundingClientRect()
    const chain = clippers(field.parentElement)
    if (rect.width < 1 || rect.height < 1 || hiddenByClip(rect, chain)) continue
    if (field.value) checkText(field, field.value, style(field), [], [])
    else if (field.placeholder) {
      const p = getComputedStyle(field, '::placeholder')
      checkText(field, field.placeholder, p, [], [])
    }
  }

  // Tap targets: native controls, ARIA widgets, and elements React gave a tap handler.
  let targets = 0
  let minTarget: { width: number; height: number } | null = null
  const TAPPABLE_ROLES = ['button', 'switch', 'link', 'tab', 'checkbox', 'radio', 'menuitem']
  const handles = (el: Element) => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    if (!key) return false
    const props = (el as unknown as Record<string, Record<string, unknown>>)[key] ?? {}
    return typeof props.onClick === 'function' || typeof props.onTap === 'function'
  }
  const tappable = (el: Element) => {
    // NutUI's Icon hands every icon a click handler of its own whether or not anyone listens
    // (its default onClick does nothing); the app gives icons none, so an icon is drawing.
    if (el.classList.contains('nut-icon')) return false
    const tag = el.tagName
    if (tag === 'A') return el.hasAttribute('href') || handles(el)
    if (['BUTTON', 'SELECT', 'TEXTAREA', 'TARO-BUTTON-CORE'].includes(tag)) return true
    if (tag === 'INPUT') return (el as HTMLInputElement).type !== 'hidden'
    if (TAPPABLE_ROLES.includes(el.getAttribute('role') ?? '')) return true
    return handles(el)
  }
  const found: { el: Element; rect: DOMRect }[] = []
  const reportedOverflow = new Set<Element>()
  const docWidth = document.documentElement.scrollWidth
  if (docWidth > viewportWidth + EPS)
    violations.push({
      rule: 'overflow',
      where: 'html',
      detail: `the page is ${docWidth}px wide on a ${viewportWidth}px screen`,
    })
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue
    const rect = el.getBoundingClientRect()
    if (rect.width < 1 || rect.height < 1) continue
    const chain = clippers(el.parentElement)
    if (hiddenByClip(rect, chain)) continue
    if (rules.minTargetPx !== null && tappable(el) && style(el).pointerEvents !== 'none')
      found.push({ el, rect })
    // Overflow: the part not cut by a clipping ancestor reaches past the screen's edges;
    // inside a sideways-scrolling row it is reachable, and only the outermost is reported.
    if (chain.some((c) => c.scrollsX)) continue
    let left = rect.left
    let right = rect.right
    for (const c of chain) {
      if (!c.cutsX) continue
      left = Math.max(left, c.box.left)
      right = Math.min(right, c.box.right)
    }
    if (right > viewportWidth + EPS || left < -EPS) {
      let parent = el.parentElement
      while (parent && !reportedOverflow.has(parent)) parent = parent.parentElement
      reportedOverflow.add(el)
      if (!parent)
        violations.push({
          rule: 'overflow',
          where: describe(el),
          detail: `spans ${round(left)}–${round(right)}px of a ${viewportWidth}px screen`,
        })
    }
  }
  if (rules.minTargetPx !== null) {
    const min = rules.minTargetPx
    const same = (a: DOMRect, b: DOMRect) =>
      Math.abs(a.left - b.left) <= EPS &&
      Math.abs(a.top - b.top) <= EPS &&
      Math.abs(a.width - b.width) <= EPS &&
      Math.abs(a.height - b.height) <= EPS
    for (const { el, rect } of found) {
      // One target drawn as nested elements (a control and its wrapper) counts once.
      if (found.some((o) => o.el !== el && o.el.contains(el) && same(o.rect, rect))) continue
      targets++
      if (
        !minTarget ||
        Math.min(rect.width, rect.height) < Math.min(minTarget.width, minTarget.height)
      )
        minTarget = { width: round(rect.width), height: round(rect.height) }
      if (rect.width < min - 0.5 || rect.height < min - 0.5)
        violations.push({
          rule: 'target',
          where: describe(el),
          detail: `${round(rect.width)}×${round(rect.height)}px < ${min}×${min}px`,
        })
    }
  }

  return { texts, targets, minFontPx: minFont, minTarget, violations }
}

/** Measures what the page shows now. */
export function measurePage(page: Page, rules: AuditRules): Promise<Measurement> {
  // tsx and esbuild may wrap named functions in __name(); the page has no such helper.
  return page.evaluate(
    `(() => { const __name = (f) => f; return (${measureInPage.toString()})(${JSON.stringify(rules)}) })()`,
  ) as Promise<Measurement>
}

/** One audited screen: which page, as whom, how. */
export interface AuditRow {
  page: string
  role: string
  elder: boolean
  scale: number
  result: Measurement
}

const pad = (s: string, n: number) => {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
  return s + ' '.repeat(Math.max(0, n - width))
}

/** The per-page table: texts, targets, violations per rule, smallest text and target. */
export function formatTable(rows: AuditRow[]): string {
  const head = ['page', 'as', 'mode', 'texts', 'taps', ...RULES, 'min text', 'min tap']
  const widths = [44, 10, 10, 6, 5, 5, 11, 9, 7, 9, 8, 9, 12]
  const lines = [head.map((h, i) => pad(h, widths[i]!)).join('')]
  for (const row of rows) {
    const r = row.result
    const count = (rule: Rule) => String(r.violations.filter((v) => v.rule === rule).length)
    const cells = [
      row.page,
      row.role,
      `${row.elder ? 'elder' : 'normal'}@${row.scale}`,
      String(r.texts),
      String(r.targets),
      ...RULES.map(count),
      r.minFontPx === null ? '-' : `${Math.round(r.minFontPx * 10) / 10}px`,
      r.minTarget ? `${r.minTarget.width}×${r.minTarget.height}` : '-',
    ]
    lines.push(cells.map((c, i) => pad(c, widths[i]!)).join(''))
  }
  return lines.join('\n')
}

/** Every violation, one line each, grouped by screen. */
export function formatViolations(rows: AuditRow[], perScreen = 12): string {
  return rows
    .filter((row) => row.result.violations.length > 0)
    .map((row) => {
      const shown = row.result.violations.slice(0, perScreen)
      const more = row.result.violations.length - shown.length
      return [
        `${row.page} (${row.role}, ${row.elder ? 'elder' : 'normal'}@${row.scale}):`,
        ...shown.map((v) => `  ${v.rule}: ${v.where} — ${v.detail}`),
        ...(more > 0 ? [`  … ${more} more`] : []),
      ].join('\n')
    })
    .join('\n')
}
