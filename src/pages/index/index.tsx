import { SearchBar } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ElderModeSwitch } from '@/components/elder-mode-switch'
import { ColumnTabs } from '@/features/bulletin/components/column-tabs'
import { NoticeFeed } from '@/features/bulletin/components/notice-feed'
import { PinnedNotices } from '@/features/bulletin/components/pinned-notices'
import { pinnedApart, useColumns, useDebounced } from '@/features/bulletin/hooks/use-notices'
import { usePageClass } from '@/lib/use-elder-mode'

/**
 * 首页: a search box over the column tabs, the pinned notices (全部 only), the notice feed
 * (or what matches the search, within the chosen column), and the way into 长辈模式.
 */
export default function IndexPage() {
  const [columnId, setColumnId] = useState('')
  const [text, setText] = useState('')
  const typed = useDebounced(text.trim())
  // Clearing the box goes back to the feed at once; typing waits for a pause.
  const keyword = text.trim() ? typed : ''
  const columns = useColumns()
  return (
    <View className={usePageClass()}>
      <SearchBar
        value={text}
        placeholder='搜索公告'
        maxLength={30}
        onChange={(v) => setText(v)}
        onSearch={(v) => setText(v)}
        onClear={() => setText('')}
      />
      <ColumnTabs columns={columns.data ?? []} value={columnId} onChange={setColumnId} />
      <ElderModeSwitch variant='chip' />
      {pinnedApart(columnId, keyword) && <PinnedNotices />}
      <NoticeFeed key={columnId} columnId={columnId} keyword={keyword} />
    </View>
  )
}
