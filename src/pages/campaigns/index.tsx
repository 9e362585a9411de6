import { View } from '@tarojs/components'
import { CampaignList } from '@/features/campaigns/components/campaign-list'
import { usePageClass } from '@/lib/use-elder-mode'

/** 评选: the township's campaigns with their phase and countdown. */
export default function CampaignsPage() {
  return (
    <View className={usePageClass('page page--padded-top')}>
      <CampaignList />
    </View>
  )
}
