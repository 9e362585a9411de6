import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { MyNominations, MyVotes } from '@/features/campaigns/components/my-campaign-records'
import { MyRecords } from '@/features/people/components/my-records'
import { usePageClass } from '@/lib/use-elder-mode'

const campaignTitles: Record<string, string> = { nominations: '我的提名', votes: '我的投票' }

/** 我的记录 (?kind=nominations|votes|appeals): my campaign records; appeals as they open. */
export default function RecordsPage() {
  const kind = useRouter().params.kind ?? ''
  const title = campaignTitles[kind]
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title })
  }, [title])
  return (
    <View className={usePageClass(title ? 'page page--padded-top' : 'page')}>
      {kind === 'votes' ? (
        <MyVotes />
      ) : kind === 'nominations' ? (
        <MyNominations />
      ) : (
        <MyRecords kind={kind} />
      )}
    </View>
  )
}
