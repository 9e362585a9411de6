import { View } from '@tarojs/components'
import { PagedList } from '@/components/paged-list'
import { dateTime } from '@/lib/dayjs'
import { useObjections } from '../hooks/use-campaign-staff'
import './campaign-staff.scss'

/** 异议: what residents filed during 公示, newest first. */
export function CampaignObjections({ campaignId }: { campaignId: string }) {
  const objections = useObjections(campaignId)
  return (
    <PagedList list={objections} emptyText='公示期间还没有人提出异议'>
      {(o) => (
        <View key={o.id} className='staff-card'>
          <View className='staff-card__title'>
            {o.authorName}（{o.householdName}家）
          </View>
          <View className='staff-card__line campaign-staff__story'>{o.text}</View>
          <View className='staff-card__meta'>{dateTime(o.at)}</View>
        </View>
      )}
    </PagedList>
  )
}
