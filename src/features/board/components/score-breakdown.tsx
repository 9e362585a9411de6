import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InspectionVersion } from '@contract/board'
import { dateTime } from '@/lib/dayjs'
import './score-breakdown.scss'

const reasonNames: Record<InspectionVersion['reason'], string> = {
  first: '检查',
  reinspect: '复查',
  appeal: '申诉复查',
}

/** Photos of an inspection or appeal, each with when it was taken; tap to see it large. */
export function PhotoStrip({ photos }: { photos: InspectionVersion['photos'] }) {
  if (photos.length === 0) return null
  const urls = photos.map((p) => p.url)
  return (
    <View className='score-breakdown__photos'>
      {photos.map((p) => (
        <View key={p.url} className='score-breakdown__photo'>
          <Image
            className='score-breakdown__image'
            src={p.url}
            mode='aspectFill'
            onClick={() => void Taro.previewImage({ current: p.url, urls })}
          />
          <View className='score-breakdown__taken'>{dateTime(p.takenAt)}</View>
        </View>
      ))}
    </View>
  )
}

/** One inspection: its total, and each item's points of its maximum with the note. */
export function ScoreBreakdown({ version }: { version: InspectionVersion }) {
  return (
    <View className='score-breakdown'>
      <View className='score-breakdown__head'>
        <View className='score-breakdown__total'>{version.total}分</View>
        <View className='score-breakdown__meta'>
          第 {version.version} 次{reasonNames[version.reason]} · {dateTime(version.createdAt)}
          {version.inspectorName ? ` · ${version.inspectorName}` : ''}
        </View>
      </View>
      {version.items.map((item) => (
        <View key={item.criterionId} className='score-breakdown__item'>
          <View className='score-breakdown__line'>
            <View className='score-breakdown__name'>
              {item.category} · {item.name}
            </View>
            <View
              className={`score-breakdown__points${item.score < item.maxPoints ? ' score-breakdown__points--lost' : ''}`}
            >
              {item.score}/{item.maxPoints}
            </View>
          </View>
          {(item.deductions > 0 || item.note) && (
            <View className='score-breakdown__note'>
              {item.deductions > 0 ? `发现 ${item.deductions} 处问题` : ''}
              {item.deductions > 0 && item.note ? '：' : ''}
              {item.note}
            </View>
          )}
        </View>
      ))}
      <PhotoStrip photos={version.photos} />
    </View>
  )
}
