import Taro from '@tarojs/taro'

// 长辈模式 (DESIGN.md, "Elderly first"): one switch for the whole app. Each mini-program page
// is a tree of its own, so the mode cannot hang on one root: every page root carries
// ELDER_CLASS (usePageClass in use-elder-mode.ts), which app.scss turns into larger sizes and
// darker text, and a scale class that makes those sizes follow the phone's font size. The
// state lives here, outside React, so every mounted page follows a change.

/** The class on a page root (and on <html> in H5) while 长辈模式 is on. */
export const ELDER_CLASS = 'elder-mode'

/** Storage key of the user's own choice, 'on' or 'off'; absent until they choose. */
export const ELDER_STORAGE_KEY = 'elderMode'

/** WeChat's font enlarged past this scale turns 长辈模式 on, until the user chooses. */
export const ENLARGED_FONT_SCALE = 1.15

/** The font scales 长辈模式 follows, in tenths: 1.0 (as drawn) to 2.0. */
const MIN_SCALE_STEP = 10
const MAX_SCALE_STEP = 20

/** The browser's default font size at its usual setting ("medium"). */
const BROWSER_DEFAULT_FONT_PX = 16

type Choice = 'on' | 'off'

interface State {
  on: boolean
  /** The phone's font scale in tenths, 10 … 20. */
  step: number
}

let current: State | null = null
const listeners = new Set<() => void>()

function storedChoice(): Choice | null {
  const value: unknown = Taro.getStorageSync(ELDER_STORAGE_KEY)
  return value === 'on' || value === 'off' ? value : null
}

/**
 * The browser's default font size against its usual 16px. Taro pins the root font size from
 * the screen width, so only an element sized `medium` still shows the reader's setting.
 */
function browserFontScale(): number {
  if (typeof document === 'undefined' || !document.body) return 1
  const probe = document.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return px > 0 ? px / BROWSER_DEFAULT_FONT_PX : 1
}

/**
 * The phone's font scale: WeChat's 「字体大小」 (getAppBaseInfo().fontSizeScaleFactor, base
 * library 2.20.1 and later), or in H5 the browser's default font size.
 */
function fontScale(): number {
  if (process.env.TARO_ENV === 'h5') return browserFontScale()
  const api = Taro as { getAppBaseInfo?: () => { fontSizeScaleFactor?: number } }
  if (typeof api.getAppBaseInfo !== 'function') return 1
  try {
    return api.getAppBaseInfo().fontSizeScaleFactor ?? 1
  } catch {
    // An API the host lists but cannot answer means no known enlargement: stay as drawn.
    return 1
  }
}

const scaleClass = (step: number) => (step > MIN_SCALE_STEP ? `elder-scale-${step}` : '')

function applyToDocument({ on, step }: State) {
  // H5 only: the tab bar and toasts sit outside every page root.
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    const root = document.documentElement.classList
    root.toggle(ELDER_CLASS, on)
    for (let s = MIN_SCALE_STEP + 1; s <= MAX_SCALE_STEP; s++)
      root.toggle(scaleClass(s), on && s === step)
  }
}

/** The stored choice if there is one, otherwise on when the phone's font is enlarged. */
function resolve(): State {
  const scale = fontScale()
  const step = Math.min(MAX_SCALE_STEP, Math.max(MIN_SCALE_STEP, Math.round(scale * 10)))
  const choice = storedChoice()
  return { on: choice ? choice === 'on' : scale > ENLARGED_FONT_SCALE, step }
}

function update(state: State) {
  const changed = current?.on !== state.on || current.step !== state.step
  current = state
  applyToDocument(state)
  if (changed) for (const listener of listeners) listener()
}

/** Works the mode out afresh; the app calls it at launch, tests to relaunch. */
export function initElderMode(): boolean {
  const state = resolve()
  update(state)
  return state.on
}

/**
 * Reads the phone's font size again (the app calls it on every onShow: the person may have
 * changed WeChat's 「字体大小」 meanwhile) and, until they chose, whether the mode is on.
 */
export const refreshElderMode = initElderMode

function state(): State {
  // Read lazily, for a page rendered before the app's launch hook has run.
  if (current === null) current = resolve()
  return current
}

/** Whether 长辈模式 is on now. */
export function isElderMode(): boolean {
  return state().on
}

/** The phone's font scale that 长辈模式 draws at now: 1 to 2, in tenths. */
export function elderFontScale(): number {
  return state().step / 10
}

/** The classes a page root carries for 长辈模式 now: '' while it is off. */
export function elderClasses(): string {
  const { on, step } = state()
  return on ? [ELDER_CLASS, scaleClass(step)].filter(Boolean).join(' ') : ''
}

/** The user's explicit choice: remembered, and from then on the font size does not decide. */
export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_STORAGE_KEY, on ? 'on' : 'off')
  update({ on, step: resolve().step })
}

/** Calls `listener` after every change; returns the unsubscribe. */
export function subscribeElderMode(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
