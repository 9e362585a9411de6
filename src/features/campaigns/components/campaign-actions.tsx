import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CampaignDetail } from '@contract/campaigns'
import { nominateUrl, resultsUrl } from '../labels'
import { SubscribeButton } from './subscribe-button'
import './campaign-page.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })
const staffUrl = (page: string, campaignId: string) =>
  `/packages/staff/pages/${page}/index?campaignId=${encodeURIComponent(campaignId)}`

/** What the caller can do in this phase: nominate, see results, subscribe, staff shortcuts. */
export function CampaignActions({ campaign }: { campaign: CampaignDetail }) {
  const { me, phase } = campaign
  const showResults = phase === 'publicity' || phase === 'closed' || campaign.resultsVisible
  return (
    <View className='campaign-block'>
      {phase === 'nomination' && me.nominateBlockedReason && !me.canNominate && (
        <View className='campaign-block__meta'>{me.nominateBlockedReason}</View>
      )}
      <View className='campaign-block__actions'>
        {phase === 'nomination' && me.canNominate && (
          <Button type='primary' size='large' block onClick={go(nominateUrl(campaign.id))}>
            我要提名
          </Button>
        )}
        {showResults && (
          <Button type='primary' size='large' block onClick={go(resultsUrl(campaign.id))}>
            {phase === 'publicity' ? '查看结果公示' : '查看评选结果'}
          </Button>
        )}
        {me.canSubscribe && phase !== 'closed' && (
          <SubscribeButton campaignId={campaign.id} subscribed={me.subscribed} />
        )}
        {me.canReview && (
          <Button size='large' block fill='outline' onClick={go(staffUrl('review', campaign.id))}>
            审核提名
          </Button>
        )}
        {me.canAssist && phase === 'voting' && (
          <Button size='large' block fill='outline' onClick={go(staffUrl('assist', campaign.id))}>
            代村民投票
          </Button>
        )}
      </View>
    </View>
  )
}
