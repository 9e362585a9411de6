import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import type { CampaignDetail } from '@contract/campaigns'
import { PageState } from '@/components/page-state'
import { getCampaign } from '@/features/staff/api/campaigns'
import { listVillages } from '@/features/staff/api/people'
import { CampaignEditForm } from '@/features/staff/components/campaign-edit-form'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useCampaignForm } from '@/features/staff/hooks/use-campaign-form'
import { useRemote } from '@/lib/use-remote'

interface Setup {
  campaign: CampaignDetail | null
  villages: { id: string; name: string }[]
}

function Form({ setup }: { setup: Setup }) {
  const form = useCampaignForm(setup.campaign)
  const phase = setup.campaign?.phase
  const locked = phase === 'voting' || phase === 'publicity' || phase === 'closed'
  return <CampaignEditForm form={form} villages={setup.villages} rulesLocked={locked} />
}

/** 新建评选 / 编辑评选 (?id=…) (admins). */
export default function CampaignEditPage() {
  const id = useRouter().params.id ?? ''
  const setup = useRemote(`staff:campaign-edit:${id}`, async (): Promise<Setup> => {
    const [campaign, villages] = await Promise.all([
      id ? getCampaign(id) : Promise.resolve(null),
      listVillages(),
    ])
    return { campaign, villages: villages.map((v) => ({ id: v.id, name: v.name })) }
  })
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑评选' }).catch(() => undefined)
  }, [id])
  return (
    <StaffPage>
      <PageState
        loading={setup.loading}
        error={setup.error}
        empty={!setup.data}
        emptyText='评选活动不存在'
        onRetry={() => void setup.reload()}
      >
        {setup.data && <Form setup={setup.data} />}
      </PageState>
    </StaffPage>
  )
}
