import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { CampaignSummary } from '@contract/campaigns'
import { shortDate, timeLeft } from '@/lib/dayjs'
import { campaignTypeNames, phaseDeadlineNames, phaseNames } from '../labels'
import './campaign-card.scss'

/** A campaign with its phase and the time left in it. */
export function CampaignCard({ campaign, now }: { campaign: CampaignSummary; now: number }) {
  const live = campaign.phase !== 'closed'
  return (
    <View className='campaign-card'>
      <View className='campaign-card__tags'>
        <Tag type={campaign.phase === 'voting' ? 'danger' : live ? 'primary' : 'default'}>
          {phaseNames[campaign.phase]}
        </Tag>
        <Tag plain>{campaignTypeNames[campaign.type]}</Tag>
        <Tag plain>{campaign.village?.name ?? '全镇'}</Tag>
      </View>
      <View className='campaign-card__title'>{campaign.title}</View>
      <View className='campaign-card__description'>{campaign.description}</View>
      <View className='campaign-card__meta'>
        {campaign.phaseEndsAt && (
          <Text className='campaign-card__countdown'>
            {phaseDeadlineNames[campaign.phase]} {timeLeft(campaign.phaseEndsAt, now)}
          </Text>
        )}
        <Text>
          投票 {shortDate(campaign.votingStartsAt)}–{shortDate(campaign.votingEndsAt)}
        </Text>
        <Text>候选 {campaign.candidateCount} 户</Text>
      </View>
    </View>
  )
}
