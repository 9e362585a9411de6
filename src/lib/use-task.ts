import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { showError } from '@/lib/api-client'

export interface Task {
  /** The key of the action in progress ('' when idle), to put a spinner on its button. */
  busy: string
  /**
   * Runs one action at a time: shows its progress through `busy`, any failure as a toast,
   * and `done` as a success toast. Resolves true when the action succeeded.
   */
  run(key: string, action: () => Promise<unknown>, done?: string): Promise<boolean>
}

/** Progress and errors for the actions of a page (one at a time, so a double tap is ignored). */
export function useTask(): Task {
  const [busy, setBusy] = useState('')
  const running = useRef(false)
  const run = useCallback(async (key: string, action: () => Promise<unknown>, done?: string) => {
    if (running.current) return false
    running.current = true
    setBusy(key)
    try {
      await action()
      if (done) void Taro.showToast({ title: done, icon: 'success', duration: 1500 })
      return true
    } catch (error) {
      showError(error)
      return false
    } finally {
      running.current = false
      setBusy('')
    }
  }, [])
  return { busy, run }
}
