import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PageState } from '@/components/page-state'
import { CampaignIntegrity } from '@/features/staff/components/campaign-integrity'
import { CampaignObjections } from '@/features/staff/components/campaign-objections'
import { CampaignOverview } from '@/features/staff/components/campaign-overview'
import { CampaignVotes } from '@/features/staff/components/campaign-votes'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useStaffCampaign } from '@/features/staff/hooks/use-campaign-staff'
import { usePageEvents } from '@/lib/use-page-events'

const sections = [
  { value: 'overview', label: '概况' },
  { value: 'votes', label: '投票记录' },
  { value: 'integrity', label: '数据核查' },
  { value: 'objections', label: '异议' },
]

function Overview({ id }: { id: string }) {
  const campaign = useStaffCampaign(id)
  usePageEvents(campaign.reload)
  const data = campaign.data
  return (
    <PageState
      loading={campaign.loading}
      error={campaign.error}
      empty={!data}
      emptyText='评选活动不存在'
      onRetry={() => void campaign.reload()}
    >
      {data && (
        <CampaignOverview
          key={`${data.id}:${data.phase}`}
          campaign={data}
          onChanged={() => void campaign.reload()}
        />
      )}
    </PageState>
  )
}

/** 评选活动管理 (?id=…) (admins): overview and phases, votes, integrity report, objections. */
export default function CampaignAdminPage() {
  const id = useRouter().params.id ?? ''
  const [section, setSection] = useState('overview')
  return (
    <StaffPage>
      <ChipPicker label='管理内容' options={sections} value={section} onChange={setSection} />
      {section === 'overview' && <Overview id={id} />}
      {section === 'votes' && <CampaignVotes campaignId={id} />}
      {section === 'integrity' && <CampaignIntegrity campaignId={id} />}
      {section === 'objections' && <CampaignObjections campaignId={id} />}
    </StaffPage>
  )
}
