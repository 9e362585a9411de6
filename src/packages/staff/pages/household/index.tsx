import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { HouseholdDetail } from '@/features/staff/components/household-detail'
import { HouseholdEditForm } from '@/features/staff/components/household-edit-form'
import { InviteCard } from '@/features/staff/components/invite-card'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useHousehold } from '@/features/staff/hooks/use-households'
import { usePageEvents } from '@/features/staff/hooks/use-page-events'

/** One household (?id=…): details, bound members, corrections and a binding invite code. */
export default function HouseholdPage() {
  const id = useRouter().params.id ?? ''
  const household = useHousehold(id)
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
            {/* Keyed by the saved values, so the form starts again from what was saved. */}
            <HouseholdEditForm
              key={`${h.headName}|${h.size}|${h.phone ?? ''}`}
              household={h}
              onSaved={() => void household.reload()}
            />
            <InviteCard householdId={h.id} />
          </View>
        )}
      </PageState>
    </StaffPage>
  )
}
