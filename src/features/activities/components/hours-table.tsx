import { View } from '@tarojs/components'
import type { MonthlyTable } from '@contract/activities'
import { hoursText } from '../labels'
import './activities.scss'

/** A village's month: totals, then each participant in 门牌号 order (a record, not a ranking). */
export function HoursTable({ table }: { table: MonthlyTable }) {
  return (
    <View className='activity-card hours-table'>
      <View className='activity-card__title'>{table.village.name}</View>
      <View className='activity-card__line'>
        共 {table.activities} 次活动，{table.participants} 人参加，合计{' '}
        {hoursText(table.totalHours)}
      </View>
      <View className='hours-table__row hours-table__row--head'>
        <View className='hours-table__name'>门牌号 · 参加人</View>
        <View className='hours-table__num'>次数</View>
        <View className='hours-table__num'>小时</View>
      </View>
      {table.rows.map((r) => (
        <View key={r.userId} className='hours-table__row'>
          <View className='hours-table__name'>
            {r.houseNo} · {r.name}（户主 {r.householdName}）
          </View>
          <View className='hours-table__num'>{r.activities}</View>
          <View className='hours-table__num'>{r.hours}</View>
        </View>
      ))}
      {table.rows.length === 0 && <View className='activity-card__meta'>这个月还没有志愿时长</View>}
    </View>
  )
}
