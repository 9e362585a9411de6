import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { HistoryChart } from '@/features/board/components/history-chart'
import { useHistory } from '@/features/board/hooks/use-board'
import { AwardList } from '@/features/doorplate/components/award-list'
import { FamilyStatus } from '@/features/doorplate/components/family-status'
import { HouseholdHours } from '@/features/activities/components/household-hours'
import '@/features/doorplate/components/family.scss'
import { getMe } from '@/features/people/api/me'
import { usePageClass } from '@/lib/use-elder-mode'
import { usePageEvents } from '@/lib/use-page-events'
import { useRemote } from '@/lib/use-remote'
import { residentUrl } from '@/lib/routes'

/** 我的家庭: the household's scores by month, its red/black status, its awards and hours. */
export default function FamilyPage() {
  const me = useRemote('family:me', getMe)
  const household = me.data?.user?.household ?? null
  const history = useHistory(household?.id ?? '', household !== null)
  usePageEvents(() => Promise.all([me.reload(), history.reload()]))
  const village = me.data?.user?.village?.name ?? ''
  return (
    <View className={usePageClass('page page--padded-top')}>
      <PageState
        loading={me.loading}
        error={me.error}
        empty={!me.data}
        emptyText='没有加载到'
        onRetry={() => void me.reload()}
      >
        {household ? (
          <>
            <View className='family-card'>
              <View className='family-card__title'>我的家庭</View>
              <View className='family-card__name'>户主：{household.headName}</View>
              <View className='family-card__meta'>
                {village} {household.groupName} · {household.houseNo}
              </View>
              {history.data && <FamilyStatus points={history.data.items} />}
            </View>
            {history.data && <HistoryChart points={history.data.items} title='每月得分' />}
            <AwardList />
            <HouseholdHours householdId={household.id} />
          </>
        ) : (
          <View className='family-card'>
            <View className='family-card__title'>还没有绑定家庭</View>
            <View className='family-card__meta'>绑定后可以在这里看本户每月得分和获评荣誉。</View>
            <Button
              type='primary'
              size='large'
              block
              onClick={() => void Taro.navigateTo({ url: residentUrl('bind') })}
            >
              去绑定家庭
            </Button>
          </View>
        )}
      </PageState>
    </View>
  )
}
