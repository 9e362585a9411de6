import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { RankEntry } from '@contract/board'
import './rank-list.scss'

const STEP = 50

interface Props {
  entries: RankEntry[]
  kind: 'red' | 'black'
  emptyText: string
}

/** A red or black list; shows 50 lines at a time so long township lists stay light. */
export function RankList({ entries, kind, emptyText }: Props) {
  const [shown, setShown] = useState(STEP)
  if (entries.length === 0) return <View className='rank-list__empty'>{emptyText}</View>
  return (
    <View className={`rank-list rank-list--${kind}`}>
      {entries.slice(0, shown).map((e) => (
        <View key={e.householdId} className='rank-list__row'>
          <View className='rank-list__rank'>{e.rank}</View>
          <View className='rank-list__who'>
            <View className='rank-list__name'>{e.name}</View>
            <View className='rank-list__where'>
              {e.villageName} · {e.groupName}
            </View>
          </View>
          <View className='rank-list__score'>{e.score}分</View>
        </View>
      ))}
      {entries.length > shown && (
        <Button block fill='none' onClick={() => setShown(shown + STEP)}>
          再显示 {Math.min(STEP, entries.length - shown)} 户（共 {entries.length} 户）
        </Button>
      )}
    </View>
  )
}
