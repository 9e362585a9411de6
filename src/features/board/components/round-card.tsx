import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Round } from '@contract/board'
import { shortDate } from '@/lib/dayjs'
import { saveSpreadsheet } from '@/lib/files'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { exportRound, getRanking, getVillageStats } from '../api/board'
import { boardStaffUrl, rulesLine } from '../labels'
import { PublishGuard, WithdrawForm } from './publish-guard'
import { VillageStats } from './village-stats'
import './board-form.scss'

/** The computed lists of a round before it is published: counts, first lines, villages. */
function RoundPreview({ round }: { round: Round }) {
  const data = useRemote(`staff:preview:${round.id}`, () =>
    Promise.all([getRanking(round.id), getVillageStats(round.id)]),
  )
  if (!data.data)
    return <View className='board-form__hint'>{data.error ? '预览没有加载成功' : '正在计算…'}</View>
  const [ranking, villages] = data.data
  const names = (list: typeof ranking.red) =>
    list
      .slice(0, 5)
      .map((e) => `${e.name}（${e.villageName}）${e.score}分`)
      .join('、') || '无'
  return (
    <View>
      <View className='board-form__hint'>
        已检查 {ranking.inspected}/{ranking.households} 户 · 平均 {ranking.average ?? '—'} 分
      </View>
      <View className='board-form__hint'>红榜：{names(ranking.red)}</View>
      <View className='board-form__hint'>黑榜：{names(ranking.black ?? [])}</View>
      <VillageStats stats={villages} />
    </View>
  )
}

/** How often the page asks again while a round's lists are being published in chunks. */
export const PUBLISHING_POLL_MS = 10_000

/** 「正在发布：12/40 个村」, or why the publication stopped; null when none runs. */
export function publishingLine(round: Round): string | null {
  const p = round.publishing
  if (!p) return null
  if (p.failed) return `发布没有完成：${p.failed}`
  if (p.phase === 'collect') return '正在发布：正在汇总各户得分…'
  if (p.phase === 'write')
    return `正在发布：${p.villagesDone}/${p.villagesTotal} 个村，完成后榜单一起公示`
  return `已公示，正在通知上榜家庭：${p.villagesDone}/${p.villagesTotal} 个村`
}

/** A round for the admin: its rules and state; preview and publish, export, print. */
export function RoundCard({ round, onChanged }: { round: Round; onChanged: () => void }) {
  const [preview, setPreview] = useState(false)
  // The second step of 发布并公示 (the preview to confirm) or of 撤回公示 (the reason).
  const [step, setStep] = useState<'publish' | 'withdraw' | null>(null)
  const task = useTask()
  const done = () => {
    setStep(null)
    onChanged()
  }
  const Step = step === 'publish' ? PublishGuard : step === 'withdraw' ? WithdrawForm : null
  const publishing = publishingLine(round)
  const running = round.publishing !== undefined && round.publishing.failed === null
  // While a publication runs in chunks, the card asks again now and then for its progress.
  useEffect(() => {
    if (!running) return undefined
    const timer = setInterval(onChanged, PUBLISHING_POLL_MS)
    return () => clearInterval(timer)
  }, [running, onChanged])
  const download = () =>
    task.run(
      'export',
      async () => {
        const file = await exportRound(round.id)
        await saveSpreadsheet(file.fileName, file.content)
      },
      '已导出',
    )
  return (
    <View className='board-form' aria-label={round.title}>
      <View className='board-form__title'>{round.title}</View>
      <View className='board-form__hint'>
        {round.status === 'open'
          ? `检查中：${shortDate(round.windowStart)} 至 ${shortDate(round.windowEnd)}`
          : `已发布${round.publicityEndsAt ? `，公示至 ${shortDate(round.publicityEndsAt)}` : ''}`}
        · 第 {round.rubricVersion} 版评分标准
      </View>
      <View className='board-form__hint'>{rulesLine(round)}</View>
      {publishing && (
        <View className='board-form__hint' role='status'>
          {publishing}
        </View>
      )}
      {preview && <RoundPreview round={round} />}
      {Step && <Step round={round} onDone={done} onCancel={() => setStep(null)} />}
      <View className='staff-actions'>
        <Button fill='outline' onClick={() => setPreview(!preview)}>
          {preview ? '收起榜单' : '审核榜单'}
        </Button>
        {round.status === 'open' ? (
          <Button
            type='primary'
            disabled={step !== null || running}
            onClick={() => setStep('publish')}
          >
            {running ? '正在发布…' : '发布并公示'}
          </Button>
        ) : (
          <>
            <Button fill='outline' loading={task.busy === 'export'} onClick={() => void download()}>
              {task.busy === 'export' ? '正在生成…' : '导出 Excel'}
            </Button>
            <Button
              fill='outline'
              onClick={() =>
                void Taro.navigateTo({ url: boardStaffUrl('board-print', { roundId: round.id }) })
              }
            >
              打印榜单
            </Button>
            {round.inPublicity && (
              <Button fill='outline' disabled={step !== null} onClick={() => setStep('withdraw')}>
                撤回公示
              </Button>
            )}
          </>
        )}
      </View>
    </View>
  )
}
