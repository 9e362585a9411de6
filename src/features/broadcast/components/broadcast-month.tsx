import { View } from '@tarojs/components'
import { monthLabel } from '@contract/months'
import { PageState } from '@/components/page-state'
import { useRemote } from '@/lib/use-remote'
import './broadcast.scss'
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
        <View className='broadcast-month' role='table' aria-label='各村广播'>
          <View className='broadcast-month__row broadcast-month__row--head' role='row'>
            <View className='broadcast-month__village'>村</View>
            <View className='broadcast-month__num'>安排</View>
            <View className='broadcast-month__num'>已播</View>
          </View>
          {(rows.data ?? []).map((r) => (
            <View key={r.village.id} className='broadcast-month__row' role='row'>
              <View className='broadcast-month__village'>{r.village.name}</View>
              <View className='broadcast-month__num'>{r.scheduled}</View>
              <View className='broadcast-month__num'>{r.played}</View>
            </View>
          ))}
        </View>
      </PageState>
    </View>
  )
}
