import { View } from '@tarojs/components'
import { ListFooter } from '@/components/list-footer'
import { shortDate } from '@/lib/dayjs'
import { usePaged } from '@/lib/use-paged'
import { listAwards } from '../api'
import './family.scss'

/** 获评荣誉: the 评选 this household won, newest first. */
export function AwardList() {
  const awards = usePaged('me:awards', listAwards)
  return (
    <View className='family-card'>
      <View className='family-card__title'>获评荣誉</View>
      {awards.items.length === 0 && awards.done ? (
        <View className='family-card__empty'>还没有获评的荣誉</View>
      ) : (
        awards.items.map((a) => (
          <View key={a.campaignId} className='family-award'>
            <View className='family-award__title'>{a.title}</View>
            <View className='family-award__meta'>
              第 {a.rank} 名 · {shortDate(a.publishedAt)} 公布
            </View>
          </View>
        ))
      )}
      <ListFooter
        loadingMore={awards.loading || awards.loadingMore}
        done={awards.done}
        error={awards.error}
        onMore={() => void awards.loadMore()}
      />
    </View>
  )
}
