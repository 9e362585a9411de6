import { View } from '@tarojs/components'
import type { VillageStat } from '@contract/board'
import { percent } from '../labels'
import './village-stats.scss'

/** Staff: each village's average and how much of it has been inspected this round. */
export function VillageStats({ stats }: { stats: VillageStat[] }) {
  if (stats.length === 0) return null
  return (
    <View className='village-stats' aria-label='各村平均分与检查覆盖率'>
      <View className='village-stats__title'>各村平均分与检查覆盖率</View>
      {stats.map((s) => (
        <View key={s.village.id} className='village-stats__row'>
          <View className='village-stats__name'>{s.village.name}</View>
          <View className='village-stats__bar' aria-hidden>
            <View className='village-stats__fill' style={{ width: percent(s.coverage) }} />
          </View>
          <View className='village-stats__num'>
            覆盖 {percent(s.coverage)}（{s.inspected}/{s.households}）· 平均 {s.average ?? '—'} 分 ·
            红 {s.redCount} 黑 {s.blackCount}
          </View>
        </View>
      ))}
    </View>
  )
}
