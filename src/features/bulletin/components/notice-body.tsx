import { RichText, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Notice } from '@contract/bulletin'
import { dateTime } from '@/lib/dayjs'
import { richTextToPlain } from '@/lib/rich-text'
import { NoticeMedia } from './notice-media'
import { ReadAloud } from './read-aloud'
import './notice-body.scss'

/**
 * A notice as read: title, byline, 朗读 where the browser can speak (H5), and its body. The
 * body is the rich-text subset the server sanitised before storing it, rendered by RichText,
 * then the gallery and the video; `children` go last (the page's actions).
 */
export function NoticeBody({ notice, children }: { notice: Notice; children?: ReactNode }) {
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
      <ReadAloud text={`${notice.title}\n${richTextToPlain(notice.body)}`} />
      <RichText className='notice-body__rich' nodes={notice.body} />
      <NoticeMedia images={notice.images} video={notice.video} />
      {children}
    </View>
  )
}
