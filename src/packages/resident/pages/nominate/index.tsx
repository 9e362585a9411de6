import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { NominateFormView } from '@/features/campaigns/components/nominate-form'
import { useCampaign } from '@/features/campaigns/hooks/use-campaigns'
import { useNominate } from '@/features/campaigns/hooks/use-nominate'
import { PageFrame } from '@/components/page-frame'

function Form({ campaignId }: { campaignId: string }) {
  const form = useNominate(campaignId, () => void Taro.navigateBack())
  return <NominateFormView form={form} />
}

/** 提名 (?campaignId=…): the form, once the campaign says the caller may nominate. */
export default function NominatePage() {
  const campaignId = useRouter().params.campaignId ?? ''
  const campaign = useCampaign(campaignId)
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
            <View className='campaign-block'>
              <View className='campaign-block__heading'>{data.title}</View>
              {!data.me.canNominate && (
                <View className='campaign-error' role='alert'>
                  {data.me.nominateBlockedReason ?? '现在不能提名'}
                </View>
              )}
            </View>
            {data.me.canNominate && <Form campaignId={campaignId} />}
          </>
        )}
      </PageState>
    </PageFrame>
  )
}
