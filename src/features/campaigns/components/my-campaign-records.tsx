import { Button, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { nominationStatusLabels } from '@contract/campaigns.labels'
import type { ActionOutput } from '@contract/index'
import { PagedList } from '@/components/paged-list'
import { dateTime } from '@/lib/dayjs'
import { useTask } from '@/lib/use-task'
import { declineNomination } from '../api/campaigns'
import { useMyNominations, useMyVotes } from '../hooks/use-campaigns'
import { campaignUrl } from '../labels'
import { PhotoRow } from './photo-row'
import './campaign-page.scss'

type MyNomination = ActionOutput<'me.nominations'>['items'][number]

const open = (campaignId: string) => () => void Taro.navigateTo({ url: campaignUrl(campaignId) })

/** 我的投票: every vote I cast (or a grid worker cast for me), newest first. */
export function MyVotes() {
  const votes = useMyVotes()
  return (
    <PagedList list={votes} emptyText='还没有投过票'>
      {(v) => (
        <View key={v.id} className='campaign-block' onClick={open(v.campaignId)}>
          <View className='campaign-block__heading'>{v.campaignTitle}</View>
          <View className='campaign-block__text'>
            投给 {v.candidateNumber}号 {v.candidateName}家
          </View>
          <View className='campaign-block__meta'>
            {dateTime(v.at)}
            {v.assistedByName ? ` · ${v.assistedByName}代投` : ''}
          </View>
          {v.invalidated && <Tag type='warning'>此票已被作废</Tag>}
        </View>
      )}
    </PagedList>
  )
}

function NominationCard({ item, onChanged }: { item: MyNomination; onChanged: () => void }) {
  const task = useTask()
  const [declined, setDeclined] = useState(false)
  // Asked on the card itself, not in a modal (DESIGN.md: no pop-ups).
  const [asking, setAsking] = useState(false)
  const decline = async () => {
    const ok = await task.run('decline', () => declineNomination(item.id), '已谢绝')
    if (ok) {
      setDeclined(true)
      onChanged()
    }
  }
  const status = declined ? 'withdrawn' : item.status
  return (
    <View className='campaign-block'>
      <View className='campaign-block__heading'>{item.campaignTitle}</View>
      <View className='my-nomination__line'>
        <Tag
          type={status === 'approved' ? 'success' : status === 'pending' ? 'primary' : 'default'}
        >
          {nominationStatusLabels[status]}
        </Tag>
        <Text>
          {item.relation === 'mine'
            ? `我提名了 ${item.household.name}家`
            : `${item.nominatorName} 提名了我家`}
          {item.number !== null ? `（${item.number}号）` : ''}
        </Text>
      </View>
      {item.reason && <View className='campaign-block__meta'>理由：{item.reason}</View>}
      <View className='campaign-block__text'>{item.story}</View>
      <PhotoRow photos={item.photos} />
      <View className='campaign-block__meta'>{dateTime(item.createdAt)}</View>
      {item.canDecline && !declined && (
        <View className='campaign-block__actions'>
          {asking && (
            <View className='campaign-error'>谢绝后这条提名会撤回，已投的票不再计算。</View>
          )}
          <Button
            fill='outline'
            block
            loading={task.busy === 'decline'}
            onClick={() => (asking ? void decline() : setAsking(true))}
          >
            {asking ? '确定谢绝' : '谢绝提名'}
          </Button>
          {asking && (
            <Button block onClick={() => setAsking(false)}>
              再想想
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

/** 我的提名: nominations I made, and those of my household, which a bound member may decline. */
export function MyNominations() {
  const nominations = useMyNominations()
  return (
    <PagedList list={nominations} emptyText='还没有提名记录'>
      {(n) => <NominationCard key={n.id} item={n} onChanged={() => void nominations.refresh()} />}
    </PagedList>
  )
}
