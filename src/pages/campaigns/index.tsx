import { View } from '@tarojs/components'
import { CampaignList } from '@/features/campaigns/components/campaign-list'

/** 评选: the township's campaigns with their phase and countdown. */
export default function CampaignsPage() {
  return (
    <View className='page page--padded-top'>
      <CampaignList />
    </View>
  )
}
