import { TabPane, Tabs } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import { shortDate } from '@/lib/dayjs'
import { RankList } from './rank-list'
import './board-view.scss'

type Ranking = NonNullable<ActionOutput<'board.ranking'>>

/** A round's summary line and its red and black lists as two tabs. */
export function BoardView({ ranking }: { ranking: Ranking }) {
  const [tab, setTab] = useState('red')
  const { round } = ranking
  return (
    <View className='board-view'>
      <View className='board-view__summary'>
        <View>
          {ranking.village?.name ?? '全镇'} · 已检查 {ranking.inspected} 户 · 平均{' '}
          {ranking.average ?? '—'} 分
        </View>
        <View className='board-view__rules'>
          红榜 ≥ {round.redThreshold} 分，黑榜 &lt; {round.blackThreshold} 分
          {round.status === 'open' ? ' · 检查进行中，尚未发布' : ''}
          {round.publicityEndsAt ? ` · 公示至 ${shortDate(round.publicityEndsAt)}` : ''}
        </View>
      </View>
      <Tabs value={tab} onChange={(v) => setTab(String(v))} activeType='line'>
        <TabPane title={`红榜 ${ranking.red.length}`} value='red'>
          <RankList entries={ranking.red} kind='red' emptyText='本期还没有上红榜的家庭' />
        </TabPane>
        <TabPane title={`黑榜 ${ranking.black?.length ?? ''}`} value='black'>
          {ranking.black ? (
            <RankList entries={ranking.black} kind='black' emptyText='本期没有上黑榜的家庭' />
          ) : (
            <View className='board-view__hidden'>{ranking.blackHiddenReason}</View>
          )}
        </TabPane>
      </Tabs>
    </View>
  )
}
