import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '@contract/index'
import { errorMessage } from '@/lib/api-client'
import { PagedList } from '@/components/paged-list'
import { useTask } from '@/lib/use-task'
import { assistVote } from '../api/campaigns'
import { useAssistees, useStaffCandidates } from '../hooks/use-campaign-staff'
import { personLine } from './labels'
import { TextField } from './text-field'
import './campaign-staff.scss'

type Resident = ActionOutput<'campaigns.assistees'>['items'][number]

/** Candidates to vote for on behalf of `resident`; each vote is theirs, marked assisted. */
function AssistBallot(props: { campaignId: string; resident: Resident; onBack: () => void }) {
  const { campaignId, resident } = props
  const candidates = useStaffCandidates(campaignId)
  const task = useTask()
  const [left, setLeft] = useState(resident.votesLeftToday)
  const [refusal, setRefusal] = useState('')
  const vote = (candidateId: string) =>
    void task.run(
      candidateId,
      async () => {
        setRefusal('')
        try {
          setLeft((await assistVote(campaignId, candidateId, resident.userId)).votesLeftToday)
        } catch (error) {
          setRefusal(errorMessage(error))
          throw error
        }
      },
      '已代投',
    )
  const header = (
    <View className='staff-card'>
      <View className='staff-card__title'>代 {resident.name} 投票</View>
      <View className='staff-card__line'>
        {resident.household.villageName} {resident.household.groupName} · {resident.household.name}
        家
      </View>
      <View className='staff-card__line'>今天还可以投 {left} 票</View>
      <View className='staff-card__meta'>请按村民本人的意愿投，票上会记下是您代投的。</View>
      {refusal && (
        <View className='staff-error' role='alert'>
          没有投上：{refusal}
        </View>
      )}
      <View className='staff-actions'>
        <Button fill='outline' onClick={props.onBack}>
          换一位村民
        </Button>
      </View>
    </View>
  )
  return (
    <PagedList list={candidates} emptyText='还没有候选' header={header}>
      {(c) => (
        <View key={c.id} className='staff-card'>
          <View className='staff-card__head'>
            <View className='staff-card__title'>
              {c.number}号 {c.household.name}家
            </View>
            <Button type='primary' loading={task.busy === c.id} onClick={() => vote(c.id)}>
              代投一票
            </Button>
          </View>
          <View className='staff-card__meta'>
            {c.household.villageName} {c.household.groupName}
          </View>
        </View>
      )}
    </PagedList>
  )
}

/** 代村民投票: find a resident of my grid who asked, then vote as they wish. */
export function AssistVote({ campaignId }: { campaignId: string }) {
  const [typed, setTyped] = useState('')
  const [name, setName] = useState('')
  const [resident, setResident] = useState<Resident | null>(null)
  const residents = useAssistees(campaignId, name)
  if (resident) {
    return (
      <AssistBallot campaignId={campaignId} resident={resident} onBack={() => setResident(null)} />
    )
  }
  const header = (
    <View className='staff-card'>
      <TextField label='村民姓名' value={typed} onChange={setTyped} placeholder='输入姓名查找' />
      <View className='staff-actions'>
        <Button type='primary' onClick={() => setName(typed.trim())}>
          查找
        </Button>
      </View>
    </View>
  )
  return (
    <>
      {header}
      <PagedList list={residents} emptyText='本网格没有找到这位村民'>
        {(r) => (
          <View key={r.userId} className='staff-card' role='button' onClick={() => setResident(r)}>
            <View className='staff-card__title'>{r.name}</View>
            <View className='staff-card__line'>
              {personLine({
                villageName: `${r.household.villageName}${r.household.groupName}`,
                houseNo: r.houseNo,
                headName: r.household.name,
                maskedPhone: r.maskedPhone,
              })}
            </View>
            <View className='staff-card__meta'>今天还可以投 {r.votesLeftToday} 票</View>
          </View>
        )}
      </PagedList>
    </>
  )
}
