import { View } from '@tarojs/components'
import type { ActionOutput } from '@contract/index'
import { dateTime, shortDate } from '@/lib/dayjs'
import { AppealForm } from './appeal-form'
import { PhotoStrip, ScoreBreakdown } from './score-breakdown'
import './household-result.scss'

type Result = ActionOutput<'board.inspection'>

const appealStatus = { pending: '待处理', reinspected: '已复查', rejected: '已驳回' } as const

/** A household's result in a round: where it stands, the item breakdown, appeals. */
export function HouseholdResult({ result, onChanged }: { result: Result; onChanged: () => void }) {
  const { household, latest, rectification } = result
  const standing =
    result.list === 'red'
      ? '红榜'
      : result.list === 'black'
        ? rectification?.rectified
          ? '黑榜 · 已整改'
          : '黑榜'
        : null
  return (
    <View className='household-result'>
      <View className='household-result__head'>
        <View className='household-result__name'>{household.name}</View>
        <View className='household-result__where'>
          {household.villageName} · {household.groupName}
          {household.houseNo ? ` · ${household.houseNo}` : ''}
        </View>
        <View className='household-result__round'>
          {result.round.title}
          {standing && (
            <View
              className={`household-result__tag household-result__tag--${result.list ?? 'none'}`}
            >
              {standing}
            </View>
          )}
        </View>
        {rectification && !rectification.rectified && (
          <View className='household-result__rectify' role='note'>
            请在 {shortDate(rectification.deadline)} 前整改；复查达到 {rectification.threshold}{' '}
            分即移出黑榜
          </View>
        )}
        {!result.fullDetail && (
          <View className='household-result__masked'>
            只有本户、负责的网格员和镇管理员能看到检查备注和照片
          </View>
        )}
      </View>
      {latest ? (
        <ScoreBreakdown version={latest} />
      ) : (
        <View className='household-result__empty'>本期还没有检查这户</View>
      )}
      {result.earlier.length > 0 && <View className='household-result__section'>此前的检查</View>}
      {result.earlier.map((v) => (
        <ScoreBreakdown key={v.id} version={v} />
      ))}
      {result.appeals.length > 0 && <View className='household-result__section'>申诉</View>}
      {result.appeals.map((a) => (
        <View key={a.id} className='household-result__appeal'>
          <View>
            {appealStatus[a.status]} · {dateTime(a.createdAt)} · {a.appellantName}
          </View>
          <View className='household-result__appeal-text'>{a.text}</View>
          {a.status === 'rejected' && a.reason && <View>驳回理由：{a.reason}</View>}
          {a.status === 'reinspected' && (
            <View>
              复查后 {a.scoreBefore} → {a.scoreAfter} 分
            </View>
          )}
          <PhotoStrip photos={a.photos} />
        </View>
      ))}
      {result.canAppeal && <AppealForm roundId={result.round.id} onSent={onChanged} />}
    </View>
  )
}
