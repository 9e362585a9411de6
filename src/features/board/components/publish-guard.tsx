import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { PublishPreview, Round } from '@contract/board'
import { fieldErrors } from '@/lib/api-client'
import { shortDate } from '@/lib/dayjs'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { previewPublish, publishRound, withdrawRound } from '../api/board'
import './board-form.scss'

/** "柳家村 41/63 户已检查，22 户未检查，不上榜" */
export function villageLine(v: PublishPreview['villages'][number]): string {
  const done = `${v.village.name} ${v.inspected}/${v.households} 户已检查`
  return v.uninspected > 0 ? `${done}，${v.uninspected} 户未检查，不上榜` : done
}

interface Props {
  round: Round
  onDone: () => void
  onCancel: () => void
}

/**
 * 发布并公示, guarded: what will become public (per village, the lists' sizes, the 公示
 * dates), then a second, explicit confirmation that carries those figures to the server.
 */
export function PublishGuard({ round, onDone, onCancel }: Props) {
  const preview = useRemote(`staff:publish-preview:${round.id}`, () => previewPublish(round.id))
  const task = useTask()
  const p = preview.data
  if (!p) {
    return (
      <View className='board-form__hint'>
        {preview.error ? '发布预览没有加载成功，请重试' : '正在计算发布后会公示的内容…'}
      </View>
    )
  }
  const publish = () =>
    task
      .run('publish', () => publishRound(round.id, p.expect), '已发布')
      .then((ok) => (ok ? onDone() : void preview.reload()))
  return (
    <View className='board-form' aria-label='发布预览'>
      <View className='board-form__title'>发布后将公示</View>
      {p.villages.map((v) => (
        <View key={v.village.id} className='board-form__hint'>
          {villageLine(v)}
        </View>
      ))}
      <View className='board-form__hint'>
        红榜 {p.expect.red} 户，黑榜 {p.expect.black} 户（黑榜只在本村公示，不显示全名）
      </View>
      <View className='board-form__hint'>
        公示期：{shortDate(p.publishedAt)} 至 {shortDate(p.publicityEndsAt)}
        ，公示期内村民可以申诉
      </View>
      <View className='staff-actions'>
        <Button type='primary' loading={task.busy === 'publish'} onClick={() => void publish()}>
          {`确认发布：红榜 ${p.expect.red} 户、黑榜 ${p.expect.black} 户`}
        </Button>
        <Button fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** 撤回公示: with a written reason the households that were told of the lists will read. */
export function WithdrawForm({ round, onDone, onCancel }: Props) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const task = useTask()
  const withdraw = async () => {
    setError('')
    const ok = await task.run(
      'withdraw',
      async () => {
        try {
          await withdrawRound(round.id, reason)
        } catch (e) {
          setError(
            fieldErrors(e, (path) => (path === 'reason' ? 'reason' : undefined)).reason ?? '',
          )
          throw e
        }
      },
      '已撤回',
    )
    if (ok) onDone()
  }
  return (
    <View className='board-form' aria-label='撤回公示'>
      <View className='board-form__hint'>
        撤回后红黑榜不再公示，收到过上榜通知的家庭会收到更正通知；这一期可以重新发布。
      </View>
      <Input
        value={reason}
        onChange={setReason}
        placeholder='撤回理由（收到通知的家庭会看到）'
        maxLength={200}
      />
      {error && (
        <View className='board-form__error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-actions'>
        <Button type='danger' loading={task.busy === 'withdraw'} onClick={() => void withdraw()}>
          确认撤回
        </Button>
        <Button fill='outline' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
