import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { MyRecords } from '@/features/people/components/my-records'
import { usePageClass } from '@/lib/use-elder-mode'

/** 我的记录 (?kind=nominations|votes|appeals): filled in as campaigns and appeals open. */
export default function RecordsPage() {
  const kind = useRouter().params.kind ?? ''
  return (
    <View className={usePageClass()}>
      <MyRecords kind={kind} />
    </View>
  )
}
