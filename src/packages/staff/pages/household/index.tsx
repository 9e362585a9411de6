import { View } from '@tarojs/components'
import { DoorplateCard } from '@/features/doorplate/components/doorplate-card'
import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { HouseholdDetail } from '@/features/staff/components/household-detail'
import { HouseholdEditForm } from '@/features/staff/components/household-edit-form'
import { HouseholdMembers } from '@/features/staff/components/household-members'
import { InviteCard } from '@/features/staff/components/invite-card'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useHousehold } from '@/features/staff/hooks/use-households'
import { usePageEvents } from '@/lib/use-page-events'
import { useStaffMe } from '@/features/staff/hooks/use-people'

/** One household (?id=…): details, bound members, corrections and a binding invite code. */
export default function HouseholdPage() {
  const id = useRouter().params.id ?? ''
  const household = useHousehold(id)
  const me = useStaffMe()
  usePageEvents(household.reload)
  const h = household.data
  return (
    <StaffPage>
      <PageState
        loading={household.loading}
        error={household.error}
        empty={!h}
        emptyText='这户不存在'
        onRetry={() => void household.reload()}
      >
        {h && (
          <View>
            <HouseholdDetail household={h} />
            <HouseholdMembers
              members={h.members}
              canRevoke={me.data?.user?.role === 'admin'}
              onChanged={() => void household.reload()}
            />
            {/* Keyed by the saved values, so the form starts again from what was saved. */}
            <HouseholdEditForm
              key={`${h.headName}|${h.size}|${h.phone ?? ''}`}
              household={h}
              onSaved={() => void household.reload()}
            />
            <InviteCard householdId={h.id} />
            <DoorplateCard householdId={h.id} groupId={h.group.id} />
          </View>
        )}
      </PageState>
    </StaffPage>
  )
}
