import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { DevAccountSwitcher } from '@/features/people/components/dev-account-switcher'
import { ProfileCard } from '@/features/people/components/profile-card'
import { useMe } from '@/features/people/hooks/use-me'

/** 我的: who I am, my village and household; demo accounts in dev mode on H5. */
export default function MePage() {
  const me = useMe()
  const user = me.data?.user ?? null
  const showSwitcher = process.env.TARO_ENV === 'h5' && me.data?.devMode === true
  return (
    <View className='page'>
      <PageState
        loading={me.loading}
        error={me.error}
        empty={!me.data}
        emptyText=''
        onRetry={() => void me.reload()}
      >
        <ProfileCard user={user} />
        {showSwitcher && <DevAccountSwitcher signedIn={user !== null} />}
      </PageState>
    </View>
  )
}
