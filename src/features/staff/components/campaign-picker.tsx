import { Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { CampaignPhase, CampaignSummary } from '@contract/campaigns'
import { campaignPhaseLabels } from '@contract/campaigns.labels'
import { PagedList } from '@/components/paged-list'
import { useStaffCampaigns } from '../hooks/use-campaign-staff'

interface Props {
  /** Only campaigns in these phases are offered; all when absent. */
  phases?: CampaignPhase[]
  emptyText: string
  onPick: (campaign: CampaignSummary) => void
}

/** The campaigns to choose from, with their phase. */
export function CampaignPicker({ phases, emptyText, onPick }: Props) {
  const campaigns = useStaffCampaigns()
  const list = {
    ...campaigns,
    items: phases ? campaigns.items.filter((c) => phases.includes(c.phase)) : campaigns.items,
  }
  return (
    <PagedList list={list} emptyText={emptyText}>
      {(c) => (
        <View key={c.id} className='staff-card' role='button' onClick={() => onPick(c)}>
          <View className='staff-card__head'>
            <View className='staff-card__title'>{c.title}</View>
            <Tag type={c.phase === 'voting' ? 'danger' : 'primary'}>
              {campaignPhaseLabels[c.phase]}
            </Tag>
          </View>
          <View className='staff-card__meta'>
            {c.typeLabel} · {c.village?.name ?? '全镇'} · 候选 {c.candidateCount} 户
          </View>
        </View>
      )}
    </PagedList>
  )
}
