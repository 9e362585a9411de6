import { MyNoticeList } from '@/features/staff/components/my-notice-list'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 我的公告: my notices in every state, with 编辑 / 发布 / 撤回 / 未读家庭. */
export default function MyNoticesPage() {
  return (
    <StaffPage>
      <MyNoticeList />
    </StaffPage>
  )
}
