import { TabPane, Tabs } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import { shortDate } from '@/lib/dayjs'
import { useRankList } from '../hooks/use-rank-list'
import { percent, rulesLine } from '../labels'
import { RankList } from './rank-list'
import './board-view.scss'

type Ranking = ActionOutput<'board.ranking'>

/** One empty list for every hidden black list, so that it stays the same between renders. */
const NONE: Ranking['red'] = []

/** A round's summary and its red, black and 进步 lists as three tabs. */
export function BoardView({ ranking }: { ranking: Ranking }) {
  const [tab, setTab] = useState('red')
  const { round } = ranking
  const villageId = ranking.village?.id
  const red = useRankList(round.id, villageId, 'red', ranking.red, ranking.redNext)
  const black = useRankList(round.id, villageId, 'black', ranking.black ?? NONE, ranking.blackNext)
  const progress = useRankList(
    round.id,
    villageId,
    'progress',
    ranking.progress,
    ranking.progressNext,
  )
  const count = (n: number, more: boolean) => `${n}${more ? '+' : ''}`
  return (
    <View className='board-view'>
      <View className='board-view__summary'>
        <View>
          {ranking.village?.name ?? '全镇'} · 已检查 {ranking.inspected} 户 · 平均{' '}
          {ranking.average ?? '—'} 分
        </View>
        <View className='board-view__rules'>
          {ranking.households} 户，检查覆盖 {percent(ranking.coverage)} · {rulesLine(round)}
          {round.status === 'open' ? ' · 检查进行中，尚未发布' : ''}
          {round.publicityEndsAt ? ` · 公示至 ${shortDate(round.publicityEndsAt)}` : ''}
        </View>
      </View>
      <Tabs value={tab} onChange={(v) => setTab(String(v))} activeType='line'>
        <TabPane title={`红榜 ${count(red.entries.length, !red.done)}`} value='red'>
          <RankList
            list={red}
            kind='red'
            roundId={round.id}
            active={tab === 'red'}
            emptyText='本期还没有上红榜的家庭'
          />
        </TabPane>
        <TabPane
          title={ranking.black ? `黑榜 ${count(black.entries.length, !black.done)}` : '黑榜'}
          value='black'
        >
          {ranking.black ? (
            <RankList
              list={black}
              kind='black'
              roundId={round.id}
              active={tab === 'black'}
              emptyText='本期没有上黑榜的家庭'
            />
          ) : (
            <View className='board-view__hidden' role='note'>
              {ranking.blackHiddenReason}
            </View>
          )}
        </TabPane>
        <TabPane title='进步榜' value='progress'>
          <RankList
            list={progress}
            kind='progress'
            roundId={round.id}
            active={tab === 'progress'}
            emptyText='和上期相比还没有进步的家庭'
          />
        </TabPane>
      </Tabs>
    </View>
  )
}
