import { View } from '@tarojs/components'
import type { ActionOutput } from '@contract/index'
import './history-chart.scss'

type Point = ActionOutput<'board.history'>['items'][number]

const listLabel = (p: Point) =>
  p.list === 'red' ? '红榜' : p.list === 'black' ? (p.rectified ? '已整改' : '黑榜') : ''

/** A household's score in each published round as plain bars (no chart library). */
export function HistoryChart({ points, title }: { points: Point[]; title: string }) {
  return (
    <View className='history-chart'>
      <View className='history-chart__title'>{title}</View>
      {points.length === 0 ? (
        <View className='history-chart__empty'>还没有公布过成绩</View>
      ) : (
        <View className='history-chart__bars' role='list'>
          {points.map((p) => (
            <View
              key={p.roundId}
              className='history-chart__col'
              role='listitem'
              aria-label={`${p.month} ${p.score}分 ${listLabel(p)}`}
            >
              <View className='history-chart__score'>{p.score}</View>
              <View className='history-chart__track'>
                <View
                  className={`history-chart__bar history-chart__bar--${p.list ?? 'none'}`}
                  style={{ height: `${Math.max(2, Math.min(100, p.score))}%` }}
                />
              </View>
              <View className='history-chart__month'>{Number(p.month.split('-')[1])}月</View>
              <View className='history-chart__list'>{listLabel(p)}</View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
