import { View } from '@tarojs/components'
import { monthLabel } from '@contract/filing'
import { PageState } from '@/components/page-state'
import { useRemote } from '@/lib/use-remote'
import '@/features/staff/components/filing-table.scss'
import { broadcastMonth } from '../api'

/** 大喇叭 beside 信息报送: each village's broadcasts scheduled and played in the month. */
export function BroadcastMonth({ month }: { month: string }) {
  const rows = useRemote(`staff:broadcast-month:${month}`, () => broadcastMonth(month))
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>{monthLabel(month)}大喇叭广播</View>
      <PageState
        loading={rows.loading}
        error={rows.error}
        empty={!rows.data}
        emptyText='还没有村'
        onRetry={() => void rows.reload()}
      >
        <View className='filing-table' role='table' aria-label='各村广播'>
          <View className='filing-table__row filing-table__row--head' role='row'>
            <View className='filing-table__village'>村</View>
            <View className='filing-table__num'>安排</View>
            <View className='filing-table__num'>已播</View>
          </View>
          {(rows.data ?? []).map((r) => (
            <View key={r.village.id} className='filing-table__row' role='row'>
              <View className='filing-table__village'>{r.village.name}</View>
              <View className='filing-table__num'>{r.scheduled}</View>
              <View className='filing-table__num'>{r.played}</View>
            </View>
          ))}
        </View>
      </PageState>
    </View>
  )
}
