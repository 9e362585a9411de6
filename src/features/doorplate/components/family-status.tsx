import { View } from '@tarojs/components'
import type { ActionOutput } from '@contract/index'
import './family.scss'

type Point = ActionOutput<'board.history'>['items'][number]

/** 本户现状: the latest published round's list, in words. */
export function FamilyStatus({ points }: { points: Point[] }) {
  const latest = points[points.length - 1]
  if (!latest) return <View className='family-card__empty'>还没有公布过红黑榜</View>
  const text =
    latest.list === 'red'
      ? '上红榜'
      : latest.list === 'black'
        ? latest.rectified
          ? '上黑榜，已整改'
          : '上黑榜，请及时整改'
        : '未上榜'
  return (
    <View className={`family-card__status family-card__status--${latest.list ?? 'none'}`}>
      {latest.title}：{latest.score} 分，{text}
    </View>
  )
}
