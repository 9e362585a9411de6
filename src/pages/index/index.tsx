import { View } from '@tarojs/components'
import { useState } from 'react'
import { ColumnTabs } from '@/features/bulletin/components/column-tabs'
import { NoticeFeed } from '@/features/bulletin/components/notice-feed'
import { useColumns } from '@/features/bulletin/hooks/use-notices'

/** 首页: the columns as tabs over the notice feed. */
export default function IndexPage() {
  const [columnId, setColumnId] = useState('')
  const columns = useColumns()
  return (
    <View className='page'>
      <ColumnTabs columns={columns.data ?? []} value={columnId} onChange={setColumnId} />
      <NoticeFeed key={columnId} columnId={columnId} />
    </View>
  )
}
