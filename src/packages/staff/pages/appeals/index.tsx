import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ChipPicker } from '@/components/chip-picker'
import { PagedList } from '@/components/paged-list'
import { listAppeals } from '@/features/board/api/board'
import { AppealCard } from '@/features/board/components/appeal-card'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePaged } from '@/lib/use-paged'

const tabs = [
  { value: 'pending', label: '待处理' },
  { value: 'decided', label: '已处理' },
]

/** 红黑榜申诉 (grid workers, admins): households' appeals, 复查 or 驳回 with a reason. */
export default function AppealsPage() {
  const [status, setStatus] = useState<'pending' | 'decided'>('pending')
  const appeals = usePaged(`staff:appeals:${status}`, (cursor) => listAppeals(status, cursor))
  // Back from a re-inspection: the appeal it decided leaves the pending list.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void appeals.refresh()
    shown.current = true
  })
  return (
    <StaffPage>
      <ChipPicker
        label='申诉状态'
        options={tabs}
        value={status}
        onChange={(v) => setStatus(v === 'decided' ? 'decided' : 'pending')}
      />
      <PagedList
        list={appeals}
        emptyText={status === 'pending' ? '没有待处理的申诉' : '还没有处理过申诉'}
      >
        {(a) => <AppealCard key={a.id} appeal={a} onDecided={() => void appeals.refresh()} />}
      </PagedList>
    </StaffPage>
  )
}
