import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CampaignSummary } from '@contract/campaigns'
import { countdown, shortDate } from '@/lib/dayjs'
import { campaignUrl, phaseDeadlineNames, phaseNames } from '../labels'
import './campaign-card.scss'

/** A campaign's phase tags: the phase, the kind and where it runs. */
export function CampaignTags({ campaign }: { campaign: CampaignSummary }) {
  const live = campaign.phase !== 'closed'
  return (
    <View className='campaign-card__tags'>
      <Tag type={campaign.phase === 'voting' ? 'danger' : live ? 'primary' : 'default'}>
        {phaseNames[campaign.phase]}
      </Tag>
      <Tag plain>{campaign.typeLabel}</Tag>
      <Tag plain>{campaign.village?.name ?? '全镇'}</Tag>
    </View>
  )
}

/** The time left in the current phase, to the second. */
export function PhaseCountdown({ campaign, now }: { campaign: CampaignSummary; now: number }) {
  if (!campaign.phaseEndsAt) return null
  return (
    <Text className='campaign-card__countdown'>
      {phaseDeadlineNames[campaign.phase]} {countdown(campaign.phaseEndsAt, now)}
    </Text>
  )
}

/** A campaign with its phase and the time left in it; tapping opens it. */
export function CampaignCard({ campaign, now }: { campaign: CampaignSummary; now: number }) {
  return (
    <View
      className='campaign-card'
      role='link'
      aria-label={campaign.title}
      onClick={() => void Taro.navigateTo({ url: campaignUrl(campaign.id) })}
    >
      <CampaignTags campaign={campaign} />
      <View className='campaign-card__title'>{campaign.title}</View>
      <View className='campaign-card__description'>{campaign.description}</View>
      <View className='campaign-card__meta'>
        <PhaseCountdown campaign={campaign} now={now} />
        <Text>
          投票 {shortDate(campaign.votingStartsAt)}–{shortDate(campaign.votingEndsAt)}
        </Text>
        <Text>候选 {campaign.candidateCount} 户</Text>
      </View>
    </View>
  )
}
