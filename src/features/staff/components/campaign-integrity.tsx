import { View } from '@tarojs/components'
import { PageState } from '@/components/page-state'
import { dateTime } from '@/lib/dayjs'
import { useIntegrity } from '../hooks/use-campaign-staff'
import './campaign-staff.scss'

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

/** 数据核查: votes per hour, bursts, newly bound accounts, assisted share: flags, no verdicts. */
export function CampaignIntegrity({ campaignId }: { campaignId: string }) {
  const report = useIntegrity(campaignId)
  const r = report.data
  return (
    <PageState
      loading={report.loading}
      error={report.error}
      empty={!r}
      emptyText=''
      onRetry={() => void report.reload()}
    >
      {r && (
        <>
          <View className='staff-card'>
            <View className='staff-card__title'>提醒</View>
            {r.flags.length === 0 && <View className='staff-card__meta'>没有发现异常。</View>}
            {r.flags.map((flag) => (
              <View key={flag} className='campaign-staff__flag'>
                {flag}
              </View>
            ))}
            <View className='staff-card__meta'>以上仅供核实，系统不会自动处理任何票。</View>
          </View>
          <View className='staff-card'>
            <View className='staff-card__line'>
              共 {r.totalVotes} 票，有效 {r.validVotes} 票
            </View>
            <View className='staff-card__line'>
              绑定不足 24 小时的账号投票 {r.newlyBound.count} 票（{percent(r.newlyBound.share)}）
            </View>
            <View className='staff-card__line'>
              网格员代投 {r.assisted.count} 票（{percent(r.assisted.share)}）
            </View>
          </View>
          {r.bursts.length > 0 && (
            <View className='staff-card'>
              <View className='staff-card__title'>短时间集中投票</View>
              {r.bursts.map((b) => (
                <View key={`${b.candidateId}:${b.from}`} className='campaign-staff__row'>
                  <View>
                    {b.candidateNumber}号 {b.candidateName}家
                  </View>
                  <View>
                    {dateTime(b.from)} 起 {b.count} 票
                  </View>
                </View>
              ))}
            </View>
          )}
          <View className='staff-card'>
            <View className='staff-card__title'>每小时票数</View>
            {r.perHour.length === 0 && <View className='staff-card__meta'>还没有票。</View>}
            {r.perHour.map((h) => (
              <View key={h.hour} className='campaign-staff__row'>
                <View>{dateTime(h.hour)}</View>
                <View>{h.count} 票</View>
              </View>
            ))}
          </View>
        </>
      )}
    </PageState>
  )
}
