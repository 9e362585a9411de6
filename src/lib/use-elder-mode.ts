import { useSyncExternalStore } from 'react'
import { elderClasses, elderFontScale, isElderMode, subscribeElderMode } from './elder-mode'

/** Whether 长辈模式 is on; re-renders when it changes, on every mounted page. */
export function useElderMode(): boolean {
  return useSyncExternalStore(subscribeElderMode, isElderMode, isElderMode)
}

/**
 * The class list of a page root, with 长辈模式's classes while it is on (the mode, and the
 * phone's font scale). Every page root uses it: `<View className={usePageClass()}>` or
 * `usePageClass('page page--padded-top')`.
 */
export function usePageClass(base = 'page'): string {
  const elder = useSyncExternalStore(subscribeElderMode, elderClasses, elderClasses)
  return elder ? `${base} ${elder}` : base
}

/**
 * The factor 长辈模式 multiplies its sizes by now (the phone's font scale; 1 while off), for
 * layouts that compute heights in code, like a windowed list's rows.
 */
export function useElderScale(): number {
  const elder = useSyncExternalStore(subscribeElderMode, elderClasses, elderClasses)
  return elder ? elderFontScale() : 1
}
