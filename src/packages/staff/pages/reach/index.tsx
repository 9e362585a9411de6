import { useRouter } from '@tarojs/taro'
import { StaffPage } from '@/features/staff/components/staff-page'
import { UnreachedList } from '@/features/staff/components/unreached-list'

/** 未读家庭 (?noticeId=…): the households of my grids a notice has not reached yet. */
export default function ReachPage() {
  const noticeId = useRouter().params.noticeId ?? ''
  return (
    <StaffPage>
      <UnreachedList noticeId={noticeId} />
    </StaffPage>
  )
}
