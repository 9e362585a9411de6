import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { PageState } from '@/components/page-state'
import { BoardFilters } from '@/features/board/components/board-filters'
import { BoardView } from '@/features/board/components/board-view'
import { useRanking, useRounds, useVillages } from '@/features/board/hooks/use-board'
import { usePageClass } from '@/lib/use-elder-mode'

/** 红黑榜: pick a month and a village, read the red and black lists. */
export default function BoardPage() {
  const rounds = useRounds()
  const villages = useVillages()
  const [roundId, setRoundId] = useState('')
  const [villageId, setVillageId] = useState('')
  const activeRound = roundId || rounds.data?.items[0]?.id || ''
  const ranking = useRanking(activeRound, villageId)
  usePullDownRefresh(() => {
    void Promise.all([rounds.reload(), ranking.reload()]).finally(() => Taro.stopPullDownRefresh())
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
        {ranking.data && <BoardView ranking={ranking.data} />}
      </PageState>
    </View>
  )
}
