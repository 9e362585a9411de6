import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Appeal } from '@contract/board'
import { PagedList } from '@/components/paged-list'
import { dateTime } from '@/lib/dayjs'
import { useMyAppeals } from '../hooks/use-board'
import { appealStatusNames, householdPageUrl } from '../labels'
import './my-appeals.scss'

const tagType = { pending: 'primary', reinspected: 'success', rejected: 'default' } as const

function outcome(a: Appeal): string {
  if (a.status === 'reinspected')
    return `复查后得分：${a.scoreBefore} 分 → ${a.scoreAfter ?? a.scoreBefore} 分`
  if (a.status === 'rejected') return `驳回理由：${a.reason ?? '未写明'}`
  return '网格员会上门复查或答复，请留意。'
}

/** 我的申诉: my household's appeals, the round and how each stands; tap one for the scores. */
export function MyAppeals() {
  const appeals = useMyAppeals()
  return (
    <PagedList
      list={appeals}
      emptyText='还没有申诉过'
      header={<View className='my-appeals__hint'>点一条申诉，可以查看这户当月的逐项得分。</View>}
    >
      {(a) => (
        <View
          key={a.id}
          className='my-appeals__card'
          role='link'
          onClick={() => void Taro.navigateTo({ url: householdPageUrl(a.roundId, a.household.id) })}
        >
          <View className='my-appeals__line'>
            <Tag type={tagType[a.status]}>{appealStatusNames[a.status]}</Tag>
            <Text className='my-appeals__round'>{a.roundTitle}</Text>
          </View>
          <View className='my-appeals__text'>{a.text}</View>
          <View className='my-appeals__meta'>{outcome(a)}</View>
          <View className='my-appeals__meta'>
            {a.appellantName} 于 {dateTime(a.createdAt)} 提出
            {a.decidedAt ? `，${dateTime(a.decidedAt)} 处理` : ''}
          </View>
        </View>
      )}
    </PagedList>
  )
}
