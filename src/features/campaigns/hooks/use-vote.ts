import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { errorMessage } from '@/lib/api-client'
import { castVote } from '../api/campaigns'

/**
 * Voting on the campaign page: one vote at a time, what is left today after each, and a
 * refusal kept on screen in the server's words (not only a toast that vanishes).
 */
export function useVote(campaignId: string, leftAtLoad: number | null, onVoted: () => void) {
  const [left, setLeft] = useState<number | null>(leftAtLoad)
  const [refusal, setRefusal] = useState('')
  const [busy, setBusy] = useState('')
  const running = useRef(false)

  const vote = async (candidateId: string) => {
    if (running.current) return
    running.current = true
    setBusy(candidateId)
    setRefusal('')
    try {
      const receipt = await castVote(campaignId, candidateId)
      setLeft(receipt.votesLeftToday)
      void Taro.showToast({ title: '投票成功', icon: 'success', duration: 1500 })
      onVoted()
    } catch (error) {
      const message = errorMessage(error)
      setRefusal(message)
      void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    } finally {
      running.current = false
      setBusy('')
    }
  }

  return { left, refusal, busy, vote }
}
