import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PagedList } from '@/components/paged-list'
import { callPhone } from '../api/households'
import { useUnreached } from '../hooks/use-reach'
import { staffPageUrl } from './labels'

/**
 * 未读家庭: who has not opened a notice yet, to call or visit. No read confirmations are
 * asked of anyone: opening the notice once on a bound phone is all it takes.
 */
export function UnreachedList({ noticeId }: { noticeId: string }) {
  const { list, totals } = useUnreached(noticeId)
  const header = totals && (
    <View className='staff-hint'>
      您负责的 {totals.inScope} 户中，已有 {totals.reached} 户打开过这条公告；下面{' '}
      {totals.inScope - totals.reached} 户还没有看到，可以打电话或上门告知。
    </View>
  )
  return (
    <PagedList list={list} emptyText='您负责的家庭都已经看到这条公告了' header={header}>
      {(h) => (
        <View
          key={h.id}
          className='staff-card'
          hoverClass='staff-card--pressed'
          onClick={() => void Taro.navigateTo({ url: staffPageUrl('household', { id: h.id }) })}
        >
          <View className='staff-card__head'>
            <View className='staff-card__title'>户主 {h.headName}</View>
            <View className='staff-card__line'>{h.houseNo}</View>
          </View>
          <View className='staff-card__line'>
            {h.villageName} · {h.groupName}
          </View>
          {h.phone ? (
            <View className='staff-actions'>
              <Button
                type='primary'
                fill='outline'
                onClick={(e) => {
                  e.stopPropagation()
                  callPhone(h.phone ?? '')
                }}
              >
                拨打 {h.phone}
              </Button>
            </View>
          ) : (
            <View className='staff-card__meta'>未登记电话，请上门告知</View>
          )}
        </View>
      )}
    </PagedList>
  )
}
