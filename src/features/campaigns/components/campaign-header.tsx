import { Text, View } from '@tarojs/components'
import type { CampaignDetail } from '@contract/campaigns'
import { dateTime } from '@/lib/dayjs'
import { CampaignTags, PhaseCountdown } from './campaign-card'
import './campaign-page.scss'

/** Title, phase with its countdown, description and the four phases' dates. */
export function CampaignHeader({ campaign, now }: { campaign: CampaignDetail; now: number }) {
  const schedule = [
    ['提名', campaign.nominationStartsAt, campaign.reviewStartsAt],
    ['审核', campaign.reviewStartsAt, campaign.votingStartsAt],
    ['投票', campaign.votingStartsAt, campaign.votingEndsAt],
    ['公示', campaign.votingEndsAt, campaign.publicityEndsAt],
  ] as const
  return (
    <View className='campaign-block'>
      <CampaignTags campaign={campaign} />
      <View className='campaign-block__title'>{campaign.title}</View>
      <View className='campaign-block__countdown'>
        <PhaseCountdown campaign={campaign} now={now} />
      </View>
      {campaign.description && <View className='campaign-block__text'>{campaign.description}</View>}
      <View className='campaign-schedule'>
        {schedule.map(([name, from, to]) => (
          <View key={name} className='campaign-schedule__row'>
            <Text className='campaign-schedule__name'>{name}</Text>
            <Text>
              {dateTime(from)} 至 {dateTime(to)}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** The rules in plain words, as the server phrases them. */
export function CampaignRulesText({ lines }: { lines: string[] }) {
  return (
    <View className='campaign-block'>
      <View className='campaign-block__heading'>评选规则</View>
      {lines.map((line) => (
        <View key={line} className='campaign-rules__line'>
          · {line}
        </View>
      ))}
    </View>
  )
}
