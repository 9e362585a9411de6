import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { AssistVote } from '@/features/staff/components/assist-vote'
import { CampaignPicker } from '@/features/staff/components/campaign-picker'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 代村民投票 (?campaignId=…): a grid worker votes for a resident of their grid who asks. */
export default function AssistPage() {
  const [campaignId, setCampaignId] = useState(useRouter().params.campaignId ?? '')
  return (
    <StaffPage>
      {campaignId ? (
        <AssistVote campaignId={campaignId} />
      ) : (
        <CampaignPicker
          phases={['voting']}
          emptyText='现在没有投票中的评选'
          onPick={(c) => setCampaignId(c.id)}
        />
      )}
    </StaffPage>
  )
}
