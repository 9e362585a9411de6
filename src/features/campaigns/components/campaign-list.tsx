import { PagedList } from '@/components/paged-list'
import { useCampaigns } from '../hooks/use-campaigns'
import { useNow } from '../hooks/use-now'
import { CampaignCard } from './campaign-card'

/** The campaigns, paginated, with countdowns that tick every second while the tab is shown. */
export function CampaignList() {
  const campaigns = useCampaigns()
  const now = useNow()
  return (
    <PagedList list={campaigns} emptyText='暂时没有评选活动'>
      {(c) => <CampaignCard key={c.id} campaign={c} now={now} />}
    </PagedList>
  )
}
