import { useSyncExternalStore } from 'react'
import { ELDER_CLASS, isElderMode, subscribeElderMode } from './elder-mode'

/** Whether 长辈模式 is on; re-renders when it changes, on every mounted page. */
export function useElderMode(): boolean {
  return useSyncExternalStore(subscribeElderMode, isElderMode, isElderMode)
}

/**
 * The class list of a page root, with 长辈模式's class while it is on. Every page root uses it:
 * `<View className={usePageClass()}>` or `usePageClass('page page--padded-top')`.
 */
export function usePageClass(base = 'page'): string {
  return useElderMode() ? `${base} ${ELDER_CLASS}` : base
}
