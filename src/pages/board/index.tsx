import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { PageState } from '@/components/page-state'
import { BoardFilters } from '@/features/board/components/board-filters'
import { BoardView } from '@/features/board/components/board-view'
import { HistoryChart } from '@/features/board/components/history-chart'
import { VillageStats } from '@/features/board/components/village-stats'
import {
  useHistory,
  useRanking,
  useRounds,
  useViewer,
  useVillageStats,
  useVillages,
} from '@/features/board/hooks/use-board'
import { usePageClass } from '@/lib/use-elder-mode'

/** 红黑榜: pick a month and a village, read the red, black and 进步 lists. */
export default function BoardPage() {
  const rounds = useRounds()
  const villages = useVillages()
  const viewer = useViewer()
  const user = viewer.data?.user ?? null
  const isStaff = user?.role === 'admin' || user?.role === 'gridWorker'
  const [roundId, setRoundId] = useState('')
  const [villageId, setVillageId] = useState('')
  const activeRound = roundId || rounds.data?.items[0]?.id || ''
  const ranking = useRanking(activeRound, villageId)
  const stats = useVillageStats(activeRound, isStaff && villageId === '')
  const history = useHistory('', Boolean(user?.household))
  usePullDownRefresh(() => {
    void Promise.all([rounds.reload(), ranking.reload(), stats.reload(), history.reload()]).finally(
      () => Taro.stopPullDownRefresh(),
    )
  })
  return (
    <View className={usePageClass()}>
      <BoardFilters
        rounds={rounds.data?.items ?? []}
        villages={villages.data ?? []}
        roundId={activeRound}
        villageId={villageId}
        onRound={setRoundId}
        onVillage={setVillageId}
      />
      <PageState
        loading={rounds.loading || ranking.loading}
        error={rounds.error ?? ranking.error}
        empty={!ranking.data}
        emptyText='还没有发布的榜单'
        onRetry={() => void (rounds.error ? rounds.reload() : ranking.reload())}
      >
        {history.data && <HistoryChart points={history.data.items} title='我家历次得分' />}
        {stats.data && <VillageStats stats={stats.data} />}
        {ranking.data && <BoardView ranking={ranking.data} />}
      </PageState>
    </View>
  )
}
