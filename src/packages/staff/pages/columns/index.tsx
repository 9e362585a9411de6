import { PageState } from '@/components/page-state'
import { ColumnList } from '@/features/staff/components/column-list'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useManagedColumns } from '@/features/staff/hooks/use-columns'
import { usePageEvents } from '@/lib/use-page-events'

/** 栏目管理 (admins): create, rename, reorder and hide the bulletin's columns. */
export default function ColumnsPage() {
  const columns = useManagedColumns()
  usePageEvents(columns.reload)
  return (
    <StaffPage>
      <PageState
        loading={columns.loading}
        error={columns.error}
        empty={!columns.data}
        emptyText='还没有栏目'
        onRetry={() => void columns.reload()}
      >
        {columns.data && (
          <ColumnList columns={columns.data} onChanged={() => void columns.reload()} />
        )}
      </PageState>
    </StaffPage>
  )
}
