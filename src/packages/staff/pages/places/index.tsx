import { PageState } from '@/components/page-state'
import { PlaceTree } from '@/features/staff/components/place-tree'
import { StaffPage } from '@/features/staff/components/staff-page'
import { usePageEvents } from '@/lib/use-page-events'
import { useStaffList } from '@/features/staff/hooks/use-people'
import { usePlaceTree } from '@/features/staff/hooks/use-places'

/** 村组与网格 (admins): villages, groups and grids, and who is in charge of each grid. */
export default function PlacesPage() {
  const tree = usePlaceTree()
  const staff = useStaffList()
  const reload = () => Promise.all([tree.reload(), staff.reload()])
  usePageEvents(reload)
  return (
    <StaffPage>
      <PageState
        loading={tree.loading}
        error={tree.error}
        empty={!tree.data}
        emptyText='还没有村'
        onRetry={() => void reload()}
      >
        {tree.data && (
          <PlaceTree tree={tree.data} staff={staff.data ?? []} onChanged={() => void reload()} />
        )}
      </PageState>
    </StaffPage>
  )
}
