import { useRemote } from '@/lib/use-remote'
import { getSubscription, subscribe } from '../api/campaigns'

/** 评选通知 on 我的: notifications of every campaign in the resident's scope, now and future. */
export function useSubscriptions() {
  const remote = useRemote('campaign-subscription', getSubscription)
  const set = async (on: boolean) => {
    await subscribe(undefined, on)
    await remote.reload()
  }
  return { ...remote, on: remote.data?.all === true, set }
}
