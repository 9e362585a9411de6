import { View } from '@tarojs/components'
import type { Inspectable } from '@contract/board'
import './inspect-list.scss'

interface Props {
  item: Inspectable
  waiting: boolean
  onOpen: (item: Inspectable) => void
}

/** A household of the walk list: 门牌号, 户主, group, and whether it is done (with its score). */
export function InspectableRow({ item, waiting, onOpen }: Props) {
  const mark = waiting
    ? { text: '待发送', kind: 'waiting' }
    : item.done
      ? { text: `已检查 ${item.score ?? ''}分`, kind: 'done' }
      : { text: '未检查', kind: 'todo' }
  return (
    <View className='inspect-list__row' onClick={() => onOpen(item)}>
      <View className='inspect-list__who'>
        <View className='inspect-list__name'>
          {item.houseNo} {item.headName}
        </View>
        <View className='inspect-list__meta'>
          {item.villageName} · {item.groupName}
          {item.version && item.version > 1 ? ` · 第 ${item.version} 次` : ''}
        </View>
      </View>
      <View className={`inspect-list__mark inspect-list__mark--${mark.kind}`}>{mark.text}</View>
    </View>
  )
}
