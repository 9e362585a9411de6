import { View } from '@tarojs/components'
import type { ActionOutput } from '@contract/index'
import { dateTime, shortDate } from '@/lib/dayjs'
import './print-sheet.scss'

type Printable = ActionOutput<'board.printable'>

function Table({
  title,
  entries,
  kind,
}: {
  title: string
  entries: Printable['red']
  kind: string
}) {
  return (
    <View className={`print-sheet__list print-sheet__list--${kind}`}>
      <View className='print-sheet__list-title'>{title}</View>
      {entries.length === 0 ? (
        <View className='print-sheet__none'>无</View>
      ) : (
        entries.map((e) => (
          <View key={`${e.unitName}:${e.rank}:${e.name}`} className='print-sheet__line'>
            <View className='print-sheet__rank'>{e.rank}</View>
            <View className='print-sheet__name'>
              {e.name}
              {e.rectified ? '（已整改）' : ''}
            </View>
            <View className='print-sheet__group'>{e.groupName}</View>
            <View className='print-sheet__score'>{e.score}分</View>
          </View>
        ))
      )}
    </View>
  )
}

/** A village's red and black lists on one A4 sheet, masked as the public sees them. */
export function PrintSheet({ data }: { data: Printable }) {
  return (
    <View className='print-sheet'>
      <View className='print-sheet__title'>
        {data.village.name} {data.round.title}
      </View>
      <View className='print-sheet__sub'>
        人居环境红黑榜
        {data.round.publicityEndsAt ? ` · 公示至 ${shortDate(data.round.publicityEndsAt)}` : ''}
      </View>
      <Table title='红榜' entries={data.red} kind='red' />
      <Table title='黑榜' entries={data.black} kind='black' />
      <View className='print-sheet__foot'>
        对结果有异议的，可在公示期内通过小程序「红黑榜」申诉。打印于 {dateTime(data.printedAt)}
      </View>
    </View>
  )
}
