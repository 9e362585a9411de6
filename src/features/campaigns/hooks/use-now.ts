import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'

/**
 * The current time, ticking every `everyMs` while the page is shown: a hidden tab page stops
 * its timer (no wake-ups in the background) and catches up as soon as it shows again.
 */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now())
  const [shown, setShown] = useState(true)
  useDidShow(() => {
    setNow(Date.now())
    setShown(true)
  })
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (!shown) return
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [shown, everyMs])
  return now
}
