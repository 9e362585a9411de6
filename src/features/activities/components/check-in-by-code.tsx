import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { SignupRow } from '@contract/activities'
import { codeFromScan } from '@contract/activities.labels'
import { TextField } from '@/features/staff/components/text-field'
import { useTask } from '@/lib/use-task'
import { resolveCode } from '../api'
import './activities.scss'

interface Props {
  activityId: string
  /** The person found by their code: shown with 签到 by the list's own card. */
  onFound: (row: SignupRow) => void
}

/** 扫志愿码签到: scan the resident's personal code on 我的志愿 (weapp), or type it in. */
export function CheckInByCode({ activityId, onFound }: Props) {
  const [code, setCode] = useState('')
  const task = useTask()
  const find = (text: string) =>
    void task.run('find', async () => onFound(await resolveCode(activityId, codeFromScan(text))))
  const scan = async () => {
    const result = await Taro.scanCode({ onlyFromCamera: true }).catch(() => null)
    if (result?.result) find(result.result)
  }
  return (
    <View className='activity-card'>
      <View className='activity-card__title'>扫志愿码签到</View>
      {process.env.TARO_ENV === 'weapp' && (
        <View className='activity-card__actions'>
          <Button type='primary' block onClick={() => void scan()}>
            扫一扫
          </Button>
        </View>
      )}
      <TextField
        label='志愿码'
        value={code}
        onChange={setCode}
        placeholder='扫不了时，输入村民「我的志愿」里的志愿码'
        maxLength={64}
      />
      <View className='activity-card__actions'>
        <Button block loading={task.busy === 'find'} onClick={() => find(code)}>
          查找
        </Button>
      </View>
    </View>
  )
}
