import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Household } from '@contract/places'
import { staffPageUrl } from './labels'

/** A household in a list; tapping opens it. */
export function HouseholdCard({ household: h }: { household: Household }) {
  const open = () => void Taro.navigateTo({ url: staffPageUrl('household', { id: h.id }) })
  return (
    <View className='staff-card' hoverClass='staff-card--pressed' onClick={open}>
      <View className='staff-card__head'>
        <View className='staff-card__title'>户主 {h.headName}</View>
        <View className='staff-card__line'>{h.houseNo}</View>
      </View>
      <View className='staff-card__line'>
        {h.village.name} · {h.group.name} · {h.grid.name}
      </View>
      <View className='staff-card__meta'>
        家庭人口 {h.size} 人 · 已绑定 {h.members.length} 人{h.phone ? '' : ' · 未登记电话'}
      </View>
    </View>
  )
}
