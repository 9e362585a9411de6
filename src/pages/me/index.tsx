import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { ConsentSwitch } from '@/features/board/components/consent-switch'
import { SubscribeRow } from '@/features/campaigns/components/subscribe-row'
import { AdminClaim } from '@/features/people/components/admin-claim'
import { BindingSection } from '@/features/people/components/binding-section'
import { DevAccountSwitcher } from '@/features/people/components/dev-account-switcher'
import { MeEntries } from '@/features/people/components/me-entries'
import { ProfileCard } from '@/features/people/components/profile-card'
import { SignOut } from '@/features/people/components/sign-out'
import { useMe } from '@/features/people/hooks/use-me'
import { usePageClass } from '@/lib/use-elder-mode'

/** 我的: who I am, my household binding, my records and tools; demo accounts in dev mode. */
export default function MePage() {
  const me = useMe()
  const user = me.data?.user ?? null
  const reload = () => void me.reload()
  const h5 = process.env.TARO_ENV === 'h5'
  const showSwitcher = h5 && me.data?.devMode === true
  return (
    <View className={usePageClass()}>
      <PageState
        loading={me.loading}
        error={me.error}
        empty={!me.data}
        emptyText=''
        onRetry={reload}
      >
        <ProfileCard user={user} />
        {user && <BindingSection user={user} onChanged={reload} />}
        {user?.household && <ConsentSwitch />}
        <MeEntries user={user} />
        {user?.role === 'resident' && user.household && <SubscribeRow />}
        {user && me.data?.setupOpen && <AdminClaim onClaimed={reload} />}
        {showSwitcher && <DevAccountSwitcher />}
        {h5 && user && <SignOut />}
      </PageState>
    </View>
  )
}
