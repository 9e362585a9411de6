import { useState } from 'react'
import { HouseholdFilters } from '@/features/staff/components/household-filters'
import { HouseholdList } from '@/features/staff/components/household-list'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useDebounced } from '@/features/staff/hooks/use-debounced'
import { useStaffMe } from '@/features/staff/hooks/use-people'

/** 户籍管理: households in the caller's grids (all, for admins), searchable; tap to open. */
export default function HouseholdsPage() {
  const me = useStaffMe()
  const isAdmin = me.data?.user?.role === 'admin'
  const [text, setText] = useState('')
  const [villageId, setVillageId] = useState('')
  const keyword = useDebounced(text.trim())
  return (
    <StaffPage>
      <HouseholdFilters
        text={text}
        onText={setText}
        showVillages={isAdmin}
        villageId={villageId}
        onVillage={setVillageId}
      />
      <HouseholdList keyword={keyword} villageId={isAdmin ? villageId : ''} />
    </StaffPage>
  )
}
