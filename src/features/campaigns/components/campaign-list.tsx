import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ListFooter } from '@/components/list-footer'
import { PageState } from '@/components/page-state'
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
  usePullDownRefresh(() => {
    void campaigns.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void campaigns.loadMore()
  })
  return (
    <PageState
      loading={campaigns.loading}
      error={campaigns.error}
      empty={campaigns.items.length === 0}
      emptyText='暂时没有评选活动'
      onRetry={() => void campaigns.refresh()}
    >
      <View className='campaign-list'>
        {campaigns.items.map((c) => (
          <CampaignCard key={c.id} campaign={c} now={now} />
        ))}
        <ListFooter
          loadingMore={campaigns.loadingMore}
          done={campaigns.done}
          error={campaigns.error}
          onMore={() => void campaigns.loadMore()}
        />
      </View>
    </PageState>
  )
}
