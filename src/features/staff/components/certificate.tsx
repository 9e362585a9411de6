import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { CampaignResults } from '@contract/campaigns'
import { inShanghai } from '@contract/time'
import './certificate.scss'

interface Props {
  results: CampaignResults
  candidateId: string
}

/** Prints the page in the browser (H5); the mini-program has no printer, so it says how. */
function print() {
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.print()
}

/** 荣誉证书: one winner's certificate, laid out for an A4 sheet (see certificate.scss @page). */
export function Certificate({ results, candidateId }: Props) {
  const row = results.rows?.find((r) => r.candidate.id === candidateId) ?? null
  if (!row || !row.winner || !results.final) {
    return <View className='staff-hint'>这户不是本次评选的获评家庭，或结果尚未公布。</View>
  }
  const { campaign } = results
  const { household } = row.candidate
  const issued = inShanghai(results.publicityEndsAt).format('YYYY年M月D日')
  return (
    <View className='certificate-page'>
      <View className='certificate' aria-label='荣誉证书'>
        <View className='certificate__heading'>荣誉证书</View>
        <View className='certificate__name'>{household.name} 家庭</View>
        <View className='certificate__place'>
          {household.villageName} {household.groupName}
        </View>
        <View className='certificate__text'>
          在「{campaign.title}」评选活动中，经村民提名、审核、投票和公示，被评为
        </View>
        <View className='certificate__title'>{campaign.typeLabel}</View>
        <View className='certificate__text'>特发此证，以资鼓励。</View>
        <View className='certificate__footer'>
          <View>编号：{row.candidate.number}号</View>
          <View>{issued}</View>
        </View>
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <View className='certificate-page__actions'>
          <Button type='primary' block onClick={print}>
            打印证书（A4）
          </Button>
        </View>
      ) : (
        <View className='staff-hint certificate-page__actions'>
          请在电脑浏览器中打开本页打印（A4 纸）。
        </View>
      )}
    </View>
  )
}
