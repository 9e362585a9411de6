import { View } from '@tarojs/components'
import { useState } from 'react'
import { ElderModeSwitch } from '@/components/elder-mode-switch'
import { ColumnTabs } from '@/features/bulletin/components/column-tabs'
import { NoticeFeed } from '@/features/bulletin/components/notice-feed'
import { useColumns } from '@/features/bulletin/hooks/use-notices'
import { usePageClass } from '@/lib/use-elder-mode'

/** 首页: the columns as tabs over the notice feed, and the way into 长辈模式. */
export default function IndexPage() {
  const [columnId, setColumnId] = useState('')
  const columns = useColumns()
  return (
    <View className={usePageClass()}>
      <ColumnTabs columns={columns.data ?? []} value={columnId} onChange={setColumnId} />
      <ElderModeSwitch variant='chip' />
      <NoticeFeed key={columnId} columnId={columnId} />
    </View>
  )
}
