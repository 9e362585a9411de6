import { HeldMediaList } from '@/features/staff/components/held-media-list'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 图片视频审核 (admins): show or remove the pictures and videos held for a decision. */
export default function MediaReviewPage() {
  return (
    <StaffPage>
      <HeldMediaList />
    </StaffPage>
  )
}
