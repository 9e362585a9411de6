import { RosterExport } from '@/features/staff/components/roster-export'
import { RosterImport } from '@/features/staff/components/roster-import'
import { StaffPage } from '@/features/staff/components/staff-page'

/** 花名册导入导出 (admins): import an Excel roster after a dry run, or export one. */
export default function RosterPage() {
  return (
    <StaffPage>
      <RosterImport />
      <RosterExport />
    </StaffPage>
  )
}
