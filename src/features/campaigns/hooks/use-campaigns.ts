import { useDidShow } from '@tarojs/taro'
import { usePaged } from '@/lib/use-paged'
import { useRemote } from '@/lib/use-remote'
import {
  getCampaign,
  getResults,
  listCampaigns,
  listCandidates,
  listMyNominations,
  listMyVotes,
} from '../api/campaigns'

/** Campaigns the caller may see, running ones first. */
export const useCampaigns = () => usePaged('campaigns', listCampaigns)

/** One campaign with what the caller may do; asked again when the page shows again. */
export function useCampaign(id: string) {
  const campaign = useRemote(`campaign:${id}`, () => getCampaign(id))
  useDidShow(() => {
    if (!campaign.loading) void campaign.reload()
  })
  return campaign
}

/** A campaign's approved candidates by number. */
export const useCandidates = (campaignId: string) =>
  usePaged(`candidates:${campaignId}`, (cursor) => listCandidates(campaignId, cursor))

/** The ranking, winners and 公示 dates. */
export const useResults = (campaignId: string) =>
  useRemote(`results:${campaignId}`, () => getResults(campaignId))

export const useMyVotes = () => usePaged('me:votes', listMyVotes)

export const useMyNominations = () => usePaged('me:nominations', listMyNominations)
