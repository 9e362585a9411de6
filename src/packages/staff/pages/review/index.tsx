import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { nominationStatusLabels, nominationStatuses } from '@contract/campaigns.labels'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { NominationReviewCard } from '@/features/staff/components/nomination-review-card'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useNominationQueue } from '@/features/staff/hooks/use-campaign-staff'
import { useTask } from '@/lib/use-task'

type Status = (typeof nominationStatuses)[number]
const options = nominationStatuses.map((s) => ({ value: s, label: nominationStatusLabels[s] }))
const isStatus = (v: string): v is Status => (nominationStatuses as readonly string[]).includes(v)

/** 评选审核 (?campaignId=… for one campaign): nominations of my grids to approve or reject. */
export default function ReviewPage() {
  const campaignId = useRouter().params.campaignId ?? ''
  const [status, setStatus] = useState<Status>('pending')
  const [decided, setDecided] = useState<string[]>([])
  const queue = useNominationQueue(campaignId, status)
  const task = useTask()
  const list = { ...queue, items: queue.items.filter((n) => !decided.includes(n.id)) }
  return (
    <StaffPage>
      <ChipPicker
        label='提名状态'
        options={options}
        value={status}
        onChange={(v) => isStatus(v) && setStatus(v)}
      />
      <PagedList list={list} emptyText={status === 'pending' ? '没有待审核的提名' : '没有这类提名'}>
        {(n) => (
          <NominationReviewCard
            key={n.id}
            nomination={n}
            task={task}
            onDecided={(id) => setDecided((d) => [...d, id])}
          />
        )}
      </PagedList>
    </StaffPage>
  )
}
