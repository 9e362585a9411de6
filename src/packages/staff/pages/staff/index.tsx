import { StaffDirectory } from '@/features/staff/components/staff-directory'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 人员与角色 (admins): who is an admin or grid worker; appoint or dismiss. */
export default function StaffRolesPage() {
  return (
    <StaffPage>
      <StaffDirectory />
    </StaffPage>
  )
}
