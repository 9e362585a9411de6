import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { flushOutbox, outbox, type OutboxEntry } from '../outbox'

/**
 * The inspections waiting on this phone, sent again whenever the page shows and whenever
 * the network comes back; `onSent` runs after any was delivered (to refresh the list).
 */
export function useOutbox(onSent: () => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>(() => outbox.list())
  const [sending, setSending] = useState(false)

  const send = useCallback(async () => {
    if (outbox.list().length === 0) return setEntries([])
    setSending(true)
    try {
      const result = await flushOutbox()
      if (result.sent > 0) onSent()
    } finally {
      setSending(false)
      setEntries(outbox.list())
    }
  }, [onSent])

  useDidShow(() => void send())

  useEffect(() => {
    const listener = (res: { isConnected: boolean }) => {
      if (res.isConnected) void send()
    }
    Taro.onNetworkStatusChange(listener)
    // A browser tells its coming back online by an event of its own, more reliably.
    const online = () => void send()
    if (process.env.TARO_ENV === 'h5') window.addEventListener('online', online)
    return () => {
      Taro.offNetworkStatusChange?.(listener)
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('online', online)
    }
  }, [send])

  const discard = (clientId: string) => {
    outbox.remove(clientId)
    setEntries(outbox.list())
  }

  return { entries, sending, send, discard }
}
