import { BindingList } from '@/features/staff/components/binding-list'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 绑定审核: residents' requests to bind to a household, to approve or reject. */
export default function BindingsPage() {
  return (
    <StaffPage>
      <BindingList />
    </StaffPage>
  )
}
