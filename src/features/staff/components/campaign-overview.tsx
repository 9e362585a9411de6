import { Button, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CampaignDetail } from '@contract/campaigns'
import { campaignPhaseLabels } from '@contract/campaigns.labels'
import { dateTime } from '@/lib/dayjs'
import { useTask } from '@/lib/use-task'
import { closePhase, exportResults } from '../api/campaigns'
import { saveSpreadsheet } from '@/lib/files'
import { useStaffResults } from '../hooks/use-campaign-staff'
import { ConfirmBar } from './confirm-bar'
import { staffPageUrl } from './labels'
import { TextField } from './text-field'
import './campaign-staff.scss'

const closable = ['nomination', 'review', 'voting', 'publicity'] as const
type Closable = (typeof closable)[number]
const isClosable = (phase: string): phase is Closable =>
  (closable as readonly string[]).includes(phase)

const go = (page: string, query: Record<string, string>) =>
  void Taro.navigateTo({ url: staffPageUrl(page, query) })

/** 提前结束: ends the current phase now, with a reason that goes into the log. */
function PhaseCloser({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const task = useTask()
  const phase = campaign.phase
  if (!isClosable(phase)) return null
  const label = `提前结束${campaignPhaseLabels[phase].replace('中', '')}`
  const confirm = async () => {
    const text = reason.trim()
    if (text.length < 2) return setError('请写明提前结束的原因')
    const ok = await task.run(
      'close',
      () => closePhase({ id: campaign.id, phase, reason: text }),
      '已结束',
    )
    if (ok) {
      setOpen(false)
      setReason('')
      onChanged()
    }
  }
  if (!open) {
    return (
      <Button fill='outline' type='danger' onClick={() => setOpen(true)}>
        {label}
      </Button>
    )
  }
  return (
    <ConfirmBar
      text={`现在就结束「${campaignPhaseLabels[phase]}」阶段，下一阶段立即开始。此操作会记入日志。`}
      confirmText={label}
      danger
      busy={task.busy === 'close'}
      onConfirm={() => void confirm()}
      onCancel={() => setOpen(false)}
    >
      <TextField
        label='原因'
        value={reason}
        onChange={(v) => {
          setReason(v)
          setError('')
        }}
        placeholder='如：提名已足够（至少 2 个字）'
        maxLength={200}
        error={error}
      />
    </ConfirmBar>
  )
}

/** 概况: phase and times, close a phase early, edit, review, export and the winners' certificates. */
export function CampaignOverview({
  campaign,
  onChanged,
}: {
  campaign: CampaignDetail
  onChanged: () => void
}) {
  const results = useStaffResults(`${campaign.id}`)
  const task = useTask()
  const download = () =>
    task.run(
      'export',
      async () => {
        const file = await exportResults(campaign.id)
        await saveSpreadsheet(file.fileName, file.content)
      },
      '已导出',
    )
  const winners = results.data?.final ? (results.data.rows ?? []).filter((r) => r.winner) : []
  return (
    <>
      <View className='staff-card'>
        <View className='staff-card__head'>
          <View className='staff-card__title'>{campaign.title}</View>
          <Tag type='primary'>{campaignPhaseLabels[campaign.phase]}</Tag>
        </View>
        <View className='staff-card__meta'>
          {campaign.typeLabel} · {campaign.village?.name ?? '全镇'} · 候选 {campaign.candidateCount}{' '}
          户
        </View>
        <View className='staff-card__line'>
          投票 {dateTime(campaign.votingStartsAt)} 至 {dateTime(campaign.votingEndsAt)}
        </View>
        <View className='staff-card__line'>公示至 {dateTime(campaign.publicityEndsAt)}</View>
        {campaign.rulesText.map((line) => (
          <View key={line} className='staff-card__meta'>
            · {line}
          </View>
        ))}
        <View className='staff-actions'>
          <PhaseCloser key={campaign.phase} campaign={campaign} onChanged={onChanged} />
          <Button fill='outline' onClick={() => go('campaign-edit', { id: campaign.id })}>
            编辑
          </Button>
          <Button fill='outline' onClick={() => go('review', { campaignId: campaign.id })}>
            审核提名
          </Button>
          <Button type='primary' loading={task.busy === 'export'} onClick={() => void download()}>
            {task.busy === 'export' ? '正在生成…' : '导出 Excel'}
          </Button>
        </View>
      </View>
      {winners.length > 0 && (
        <View className='staff-card'>
          <View className='staff-card__title'>获评家庭与证书</View>
          {winners.map((r) => (
            <View key={r.candidate.id} className='campaign-staff__row'>
              <View>
                第{r.rank}名 {r.candidate.number}号 {r.candidate.household.name}家 ·{' '}
                {r.candidate.votes} 票
              </View>
              <Button
                size='small'
                fill='outline'
                onClick={() =>
                  go('certificate', { campaignId: campaign.id, candidateId: r.candidate.id })
                }
              >
                证书
              </Button>
            </View>
          ))}
        </View>
      )}
    </>
  )
}
