import { useRemote } from '@/lib/use-remote'
import { getCampaign, listCampaigns, subscribe } from '../api/campaigns'

/** Phases after which a campaign still has something to tell: voting opens, results come. */
const ahead = ['upcoming', 'nomination', 'review', 'voting']

/**
 * The caller's notifications across the running campaigns: those they take part in (the
 * server says so through `me`), and whether each is subscribed.
 */
async function loadSubscriptions() {
  const { items } = await listCampaigns()
  const running = items.filter((c) => ahead.includes(c.phase))
  const details = await Promise.all(running.map((c) => getCampaign(c.id)))
  return details
    .filter(
      (d) => d.me.subscribed || d.me.canVote || d.me.canNominate || d.me.votesLeftToday !== null,
    )
    .map((d) => ({ id: d.id, subscribed: d.me.subscribed }))
}

export function useSubscriptions(enabled: boolean) {
  const remote = useRemote(`campaign-subscriptions:${enabled}`, () =>
    enabled ? loadSubscriptions() : Promise.resolve([]),
  )
  const campaigns = remote.data ?? []
  const on = campaigns.length > 0 && campaigns.every((c) => c.subscribed)
  const set = async (next: boolean) => {
    for (const c of campaigns) await subscribe(c.id, next)
    await remote.reload()
  }
  return { ...remote, campaigns, on, set }
}
