import { usePaged } from '@/lib/use-paged'
import { listCampaigns } from '../api/campaigns'

/** Campaigns the caller may see, running ones first. */
export const useCampaigns = () => usePaged('campaigns', listCampaigns)
