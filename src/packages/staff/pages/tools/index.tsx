import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { PageState } from '@/components/page-state'
import { isStaffRole } from '@/features/staff/components/labels'
import { StaffOnly } from '@/features/staff/components/staff-only'
import { StaffPage } from '@/features/staff/components/staff-page'
import { ToolsHome } from '@/features/staff/components/tools-home'
import { usePendingBindingCount } from '@/features/staff/hooks/use-bindings'
import { usePageEvents } from '@/lib/use-page-events'
import { useStaffMe } from '@/features/staff/hooks/use-people'

/** 网格员工具 / 管理员工具: the caller's role and scope, and the tools they may open. */
export default function ToolsPage() {
  const me = useStaffMe()
  const user = me.data?.user ?? null
  const isStaff = isStaffRole(user?.role)
  const pending = usePendingBindingCount(isStaff)
  usePageEvents(() => Promise.all([me.reload(), pending.reload()]))
  useEffect(() => {
    if (!isStaff) return
    void Taro.setNavigationBarTitle({ title: user?.role === 'admin' ? '管理员工具' : '网格员工具' })
  }, [isStaff, user?.role])
  return (
    <StaffPage>
      <PageState
        loading={me.loading}
        error={me.error}
        empty={!me.data}
        emptyText=''
        onRetry={() => void me.reload()}
      >
        {user && isStaff ? <ToolsHome user={user} pending={pending.data} /> : <StaffOnly />}
      </PageState>
    </StaffPage>
  )
}
