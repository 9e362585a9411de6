import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { showError } from '@/lib/api-client'

/**
 * A button's write to the server: one at a time, progress while it runs, the server's
 * message as a toast when it fails, `done` (with a short success toast) when it worked.
 */
export function useAction(run: () => Promise<unknown>, success: string, done: () => void) {
  const [busy, setBusy] = useState(false)
  const running = useRef(false)
  const start = async () => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      await run()
      void Taro.showToast({ title: success, icon: 'success' })
      done()
    } catch (error) {
      showError(error)
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  return { busy, start: () => void start() }
}
