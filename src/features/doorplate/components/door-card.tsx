import { View } from '@tarojs/components'
import type { Door } from '@contract/doorplates'
import './door.scss'

/** The household as the public sees it on its doorplate: village, group, the head (masked). */
export function DoorCard({ door }: { door: Door }) {
  const h = door.household
  return (
    <View className='door-card'>
      <View className='door-card__place'>
        {h.villageName} · {h.groupName}
      </View>
      <View className='door-card__name'>户主：{h.name}</View>
      {h.houseNo && <View className='door-card__house'>门牌号：{h.houseNo}</View>}
      <View className='door-card__hint'>这是贴在家门口的「户码」。</View>
    </View>
  )
}
