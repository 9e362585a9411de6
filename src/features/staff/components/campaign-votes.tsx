import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { VoteRow } from '@contract/campaigns'
import { PagedList } from '@/components/paged-list'
import { dateTime } from '@/lib/dayjs'
import { useTask, type Task } from '@/lib/use-task'
import { invalidateVote } from '../api/campaigns'
import { useCampaignVotes } from '../hooks/use-campaign-staff'
import { ConfirmBar } from './confirm-bar'
import { TextField } from './text-field'

function VoteCard({ vote, task }: { vote: VoteRow; task: Task }) {
  const [shown, setShown] = useState(vote)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const confirm = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError('请写明作废理由')
    await task.run(
      `void:${vote.id}`,
      async () => {
        setShown(await invalidateVote(vote.id, text))
        setOpen(false)
      },
      '已作废',
    )
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__head'>
        <View className='staff-card__title'>
          {shown.voterName} → {shown.candidateNumber}号 {shown.candidateName}家
        </View>
        {shown.invalidation ? <Tag type='warning'>已作废</Tag> : <Tag type='success'>有效</Tag>}
      </View>
      <View className='staff-card__meta'>
        {dateTime(shown.at)} · {shown.householdName}家
        {shown.assistedByName ? ` · ${shown.assistedByName}代投` : ''}
      </View>
      {shown.invalidation && (
        <View className='staff-card__meta'>
          作废理由：{shown.invalidation.reason}（{shown.invalidation.byName}，
          {dateTime(shown.invalidation.at)}）
        </View>
      )}
      {!shown.invalidation &&
        (open ? (
          <ConfirmBar
            text='作废后这张票不再计入结果；票本身保留，理由会记入日志并在结果中说明。'
            confirmText='确认作废'
            danger
            busy={task.busy === `void:${vote.id}`}
            onConfirm={() => void confirm()}
            onCancel={() => setOpen(false)}
          >
            <TextField
              label='作废理由'
              value={reason}
              onChange={(v) => {
                setReason(v)
                setError('')
              }}
              placeholder='如：经核实为代他人操作（至少 2 个字）'
              maxLength={200}
              error={error}
            />
          </ConfirmBar>
        ) : (
          <View className='staff-actions'>
            <Button size='small' fill='outline' onClick={() => setOpen(true)}>
              作废此票
            </Button>
          </View>
        ))}
    </View>
  )
}

/** 投票记录: every vote, newest first; an admin can invalidate one with a reason, never delete it. */
export function CampaignVotes({ campaignId }: { campaignId: string }) {
  const votes = useCampaignVotes(campaignId)
  const task = useTask()
  return (
    <PagedList list={votes} emptyText='还没有人投票'>
      {(v) => <VoteCard key={v.id} vote={v} task={task} />}
    </PagedList>
  )
}
