import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Consent } from '@contract/board'
import { dateTime } from '@/lib/dayjs'
import { useRemote } from '@/lib/use-remote'
import { useTask } from '@/lib/use-task'
import { getConsent, setConsent } from '../api/board'
import '@/components/elder-mode-switch.scss'

/** Who set the consent and when, or that nobody has yet. */
const setLine = (c: Consent) =>
  c.setAt && c.setByName ? `${c.setByName} 于 ${dateTime(c.setAt)} 设置` : '户主还没有在这里设置过'

/**
 * 红榜显示全名: the household's separate consent (PIPL) to its head's full name on the red
 * list; without it the red list shows the name masked. Off until the household turns it on.
 * Only the member bound as 户主 may change it; the others see it, read-only, with who set it.
 */
export function ConsentSwitch() {
  const consent = useRemote('board:consent', getConsent)
  const [saved, setSaved] = useState<Consent | null>(null)
  const task = useTask()
  const shown = saved ?? consent.data
  if (!shown) return null
  const current = shown.showNameOnRed
  const state = <Text className='elder-switch__state'>{current ? '已开启' : '已关闭'}</Text>
  if (!shown.canChange) {
    return (
      <View className='elder-switch elder-switch--readonly' aria-label='红榜显示我家户主全名'>
        <View className='elder-switch__text'>
          <View className='elder-switch__title'>
            红榜显示户主全名：{current ? '显示' : '不显示'}
          </View>
          <View className='elder-switch__description'>
            {setLine(shown)}。只有户主本人可以更改。
          </View>
        </View>
        <View className='elder-switch__control'>{state}</View>
      </View>
    )
  }
  const toggle = () =>
    void task.run(
      'consent',
      async () => setSaved(await setConsent(!current)),
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
          关闭时红榜只显示“张*明”这样的姓名；黑榜始终不显示全名。{setLine(shown)}
        </View>
      </View>
      <View className='elder-switch__control'>
        {state}
        <View className='elder-switch__track' aria-hidden>
          <View className='elder-switch__knob' />
        </View>
      </View>
    </View>
  )
}
