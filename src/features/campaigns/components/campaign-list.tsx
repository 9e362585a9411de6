import { useEffect, useState } from 'react'
import { PagedList } from '@/components/paged-list'
import { useCampaigns } from '../hooks/use-campaigns'
import { CampaignCard } from './campaign-card'

/** The campaigns, paginated, with countdowns that tick every minute. */
export function CampaignList() {
  const campaigns = useCampaigns()
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return (
    <PagedList list={campaigns} emptyText='暂时没有评选活动'>
      {(c) => <CampaignCard key={c.id} campaign={c} now={now} />}
    </PagedList>
  )
}
