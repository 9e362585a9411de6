import { Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { CampaignResults } from '@contract/campaigns'
import { BlankState } from '@/components/blank-state'
import { dateTime } from '@/lib/dayjs'
import './campaign-page.scss'

/** 评选结果 / 公示: the winners first, then the whole ranking with ties, and the counts. */
export function ResultsView({ results }: { results: CampaignResults }) {
  const { rows } = results
  const publicity = `${dateTime(results.publicityStartsAt)} 至 ${dateTime(results.publicityEndsAt)}`
  const winners = rows?.filter((r) => r.winner) ?? []
  return (
    <>
      <View className='campaign-block'>
        <View className='campaign-block__heading'>{results.campaign.title}</View>
        <View className='campaign-block__text'>公示期：{publicity}</View>
        <View className='campaign-block__meta'>
          有效票 {results.validVotes} 张
          {results.invalidatedVotes > 0 ? `，作废 ${results.invalidatedVotes} 张` : ''}；评选名额{' '}
          {results.winners} 个{results.final ? '' : '（投票尚未结束，数字还会变化）'}
        </View>
      </View>
      {rows === null ? (
        <BlankState title='暂不公布票数' description={results.hiddenReason ?? undefined} />
      ) : (
        <>
          {results.final && (
            <View className='campaign-block'>
              <View className='campaign-block__heading'>获评家庭</View>
              {winners.length === 0 && <View className='campaign-block__meta'>暂无</View>}
              {winners.map((r) => (
                <View key={r.candidate.id} className='result-row result-winner'>
                  <Text className='result-row__rank'>{r.candidate.number}号</Text>
                  <Text className='result-row__who'>
                    {r.candidate.household.name}家（{r.candidate.household.villageName}）
                  </Text>
                  <Text className='result-row__votes'>{r.candidate.votes} 票</Text>
                </View>
              ))}
            </View>
          )}
          <View className='campaign-block'>
            <View className='campaign-block__heading'>得票排名</View>
            {rows.map((r) => (
              <View key={r.candidate.id} className='result-row'>
                <Text className='result-row__rank'>第{r.rank}</Text>
                <View className='result-row__who'>
                  <Text>
                    {r.candidate.number}号 {r.candidate.household.name}家
                  </Text>
                  {r.winner && results.final && <Tag type='danger'>获评</Tag>}
                  {r.tiedAtCutoff && <Tag type='warning'>同票待定</Tag>}
                </View>
                <Text className='result-row__votes'>{r.candidate.votes} 票</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </>
  )
}
