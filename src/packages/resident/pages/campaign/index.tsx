import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { ShareToFamily } from '@/components/share-to-family'
import { CampaignActions } from '@/features/campaigns/components/campaign-actions'
import { CampaignHeader, CampaignRulesText } from '@/features/campaigns/components/campaign-header'
import { CandidateSection } from '@/features/campaigns/components/candidate-section'
import { useCampaign } from '@/features/campaigns/hooks/use-campaigns'
import { useNow } from '@/features/campaigns/hooks/use-now'
import { campaignUrl } from '@/features/campaigns/labels'
import { PageFrame } from '@/components/page-frame'

/** 评选活动 (?id=…): phase and countdown, rules in plain words, candidates and the vote. */
export default function CampaignPage() {
  const id = useRouter().params.id ?? ''
  const campaign = useCampaign(id)
  const now = useNow()
  // A plain share: the campaign's title and page, no reward and no "share to get votes".
  useShareAppMessage(() => ({ title: campaign.data?.title ?? '评选活动', path: campaignUrl(id) }))
  const data = campaign.data
  return (
    <PageFrame className='page page--padded-top'>
      <PageState
        loading={campaign.loading}
        error={campaign.error}
        empty={!data}
        emptyText='评选活动不存在'
        onRetry={() => void campaign.reload()}
      >
        {data && (
          <>
            <CampaignHeader campaign={data} now={now} />
            <CampaignRulesText lines={data.rulesText} />
            <CampaignActions campaign={data} />
            <ShareToFamily title={data.title} />
            <CandidateSection key={`${data.id}:${data.phase}`} campaign={data} />
          </>
        )}
      </PageState>
    </PageFrame>
  )
}
