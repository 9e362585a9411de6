import Taro from '@tarojs/taro'

// 长辈模式 (DESIGN.md, "Elderly first"): one switch for the whole app. Each mini-program page
// is a tree of its own, so the mode cannot hang on one root: every page root carries
// ELDER_CLASS (usePageClass in use-elder-mode.ts), which app.scss turns into larger sizes and
// darker text. The state lives here, outside React, so every mounted page follows a change.

/** The class on a page root (and on <html> in H5) while 长辈模式 is on. */
export const ELDER_CLASS = 'elder-mode'

/** Storage key of the user's own choice, 'on' or 'off'; absent until they choose. */
export const ELDER_STORAGE_KEY = 'elderMode'

/** WeChat's font enlarged past this scale turns 长辈模式 on, until the user chooses. */
const ENLARGED_FONT_SCALE = 1.15

type Choice = 'on' | 'off'

let current: boolean | null = null
const listeners = new Set<() => void>()

function storedChoice(): Choice | null {
  const value: unknown = Taro.getStorageSync(ELDER_STORAGE_KEY)
  return value === 'on' || value === 'off' ? value : null
}

/** WeChat's font size setting; H5 and base libraries before 2.20.1 have none. */
function fontScale(): number {
  const api = Taro as { getAppBaseInfo?: () => { fontSizeScaleFactor?: number } }
  if (typeof api.getAppBaseInfo !== 'function') return 1
  try {
    return api.getAppBaseInfo().fontSizeScaleFactor ?? 1
  } catch {
    // An API the host lists but cannot answer means no known enlargement: stay as drawn.
    return 1
  }
}

function applyToDocument(on: boolean) {
  // H5 only: the tab bar and toasts sit outside every page root.
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle(ELDER_CLASS, on)
  }
}

/** The stored choice if there is one, otherwise on when WeChat's font is enlarged. */
function resolve(): boolean {
  const choice = storedChoice()
  return choice ? choice === 'on' : fontScale() > ENLARGED_FONT_SCALE
}

function update(on: boolean) {
  current = on
  applyToDocument(on)
  for (const listener of listeners) listener()
}

/** Works the mode out afresh; the app calls it at launch, tests to relaunch. */
export function initElderMode(): boolean {
  const on = resolve()
  update(on)
  return on
}

/** Whether 长辈模式 is on now. */
export function isElderMode(): boolean {
  // Read lazily, for a page rendered before the app's launch hook has run.
  if (current === null) current = resolve()
  return current
}

/** The user's explicit choice: remembered, and from then on WeChat's font size is not asked. */
export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_STORAGE_KEY, on ? 'on' : 'off')
  update(on)
}

/** Calls `listener` after every change; returns the unsubscribe. */
export function subscribeElderMode(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
