import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { getConsent, setConsent } from '../api/board'
import '@/components/elder-mode-switch.scss'

/**
 * 红榜显示全名: the household's separate consent (PIPL) to its head's full name on the red
 * list; without it the red list shows the name masked. Off until the household turns it on.
 */
export function ConsentSwitch() {
  const consent = useRemote('board:consent', getConsent)
  const [on, setOn] = useState<boolean | null>(null)
  const task = useTask()
  const current = on ?? consent.data?.showNameOnRed ?? false
  if (!consent.data) return null
  const toggle = () =>
    void task.run(
      'consent',
      async () => {
        const saved = await setConsent(!current)
        setOn(saved.showNameOnRed)
      },
      current ? '已关闭' : '已开启',
    )
  return (
    <View
      className={`elder-switch${current ? ' elder-switch--on' : ''}`}
      role='switch'
      aria-checked={current}
      aria-label='红榜显示我家户主全名'
      aria-busy={task.busy !== ''}
      onClick={toggle}
    >
      <View className='elder-switch__text'>
        <View className='elder-switch__title'>红榜显示户主全名</View>
        <View className='elder-switch__description'>
          关闭时红榜只显示“张*明”这样的姓名；黑榜始终不显示全名
        </View>
      </View>
      <View className='elder-switch__control'>
        <Text className='elder-switch__state'>{current ? '已开启' : '已关闭'}</Text>
        <View className='elder-switch__track' aria-hidden>
          <View className='elder-switch__knob' />
        </View>
      </View>
    </View>
  )
}
