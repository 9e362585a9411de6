import { OutboxList } from '@/features/staff/components/outbox-list'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 通知发件箱 (admins): the notifications the local notifier recorded. */
export default function OutboxPage() {
  return (
    <StaffPage>
      <OutboxList />
    </StaffPage>
  )
}
