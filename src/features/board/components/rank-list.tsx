import { View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { ListFooter } from '@/components/list-footer'
import type { ListKind, RankEntry } from '@contract/board'
import { shortDate } from '@/lib/dayjs'
import { useElderScale } from '@/lib/use-elder-mode'
import type { RankPages } from '../hooks/use-rank-list'
import { householdPageUrl } from '../labels'
import { WindowedList } from './windowed-list'
import './rank-list.scss'

/** From this many lines on, only the rows in view are drawn. */
const WINDOW_FROM = 60
/** A row's height at the usual font size; rank-list.scss grows it with 长辈模式's font scale. */
const ROW_HEIGHT = 76

interface RowProps {
  entry: RankEntry
  kind: ListKind
  roundId: string
}

function RankRow({ entry: e, kind, roundId }: RowProps) {
  return (
    <View
      className='rank-list__row'
      onClick={() => void Taro.navigateTo({ url: householdPageUrl(roundId, e.householdId) })}
    >
      <View className='rank-list__rank'>{e.rank}</View>
      <View className='rank-list__who'>
        <View className='rank-list__name'>
          {e.name}
          {e.rectified && <View className='rank-list__tag'>已整改</View>}
        </View>
        <View className='rank-list__where'>
          {e.villageName} · {e.groupName}
          {e.rectifyBy && !e.rectified ? ` · 整改期限 ${shortDate(e.rectifyBy)}` : ''}
        </View>
      </View>
      <View className='rank-list__score'>
        {e.score}分
        {kind === 'progress' && e.delta !== null && (
          <View className='rank-list__delta'>↑{e.delta}</View>
        )}
      </View>
    </View>
  )
}

interface Props {
  list: RankPages
  kind: ListKind
  roundId: string
  emptyText: string
  /** This list's tab is the one shown (reaching the page's end loads more of it only). */
  active: boolean
}

/** A red, black or 进步 list: tap a household for its item breakdown; more pages on demand. */
export function RankList({ list, kind, roundId, emptyText, active }: Props) {
  const rowHeight = Math.round(ROW_HEIGHT * useElderScale())
  useReachBottom(() => {
    if (active) void list.loadMore()
  })
  if (list.entries.length === 0 && list.done) {
    return <View className='rank-list__empty'>{emptyText}</View>
  }
  const footer = (
    <ListFooter
      loadingMore={list.loadingMore}
      done={list.done}
      error={list.error}
      onMore={() => void list.loadMore()}
    />
  )
  const row = (e: RankEntry) => <RankRow entry={e} kind={kind} roundId={roundId} />
  if (list.entries.length >= WINDOW_FROM) {
    const height = Math.round(Taro.getWindowInfo?.().windowHeight ?? 640) - 120
    return (
      <View className={`rank-list rank-list--${kind}`}>
        <WindowedList
          items={list.entries}
          rowHeight={rowHeight}
          height={Math.max(300, height)}
          keyOf={(e) => e.householdId}
          onEnd={() => void list.loadMore()}
          footer={footer}
        >
          {row}
        </WindowedList>
      </View>
    )
  }
  return (
    <View className={`rank-list rank-list--${kind}`}>
      {list.entries.map((e) => (
        <View key={e.householdId}>{row(e)}</View>
      ))}
      {footer}
    </View>
  )
}
