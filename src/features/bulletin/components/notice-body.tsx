import { Text, View } from '@tarojs/components'
import type { Notice } from '@contract/bulletin'
import { dateTime } from '@/lib/dayjs'
import { ReadAloud } from './read-aloud'
import './notice-body.scss'

/**
 * A notice as read: title, byline, 朗读 where the browser can speak (H5), and its paragraphs
 * (plain text, so nothing to sanitise).
 */
export function NoticeBody({ notice }: { notice: Notice }) {
  const paragraphs = notice.body.split(/\n\s*\n/).filter((p) => p.trim() !== '')
  const scope = notice.villages.length ? notice.villages.map((v) => v.name).join('、') : '全镇'
  return (
    <View className='notice-body'>
      <View className='notice-body__title'>{notice.title}</View>
      <View className='notice-body__meta'>
        <Text>{notice.column.name}</Text>
        <Text>{scope}</Text>
        <Text>{notice.authorName}</Text>
      </View>
      <View className='notice-body__meta'>
        <Text>{dateTime(notice.publishedAt)}</Text>
        <Text>阅读 {notice.viewCount}</Text>
      </View>
      <ReadAloud text={[notice.title, ...paragraphs].join('\n')} />
      {paragraphs.map((p, i) => (
        // Plain text in a block: an inline Text would be laid out as a full-width box on H5,
        // pushing the indented paragraph past the right edge.
        <View key={i} className='notice-body__paragraph'>
          {p}
        </View>
      ))}
    </View>
  )
}
