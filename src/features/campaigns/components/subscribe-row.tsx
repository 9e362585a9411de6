import { View } from '@tarojs/components'
import { useTask } from '@/lib/use-task'
import { useSubscriptions } from '../hooks/use-subscriptions'
import { askWeChat } from './subscribe-button'
import './subscribe-row.scss'

/**
 * 评选通知 on 我的: one switch for every campaign in my village and township, now and future.
 * The whole row is the tap target and says its state in words, like 长辈模式's switch.
 */
export function SubscribeRow() {
  const subscriptions = useSubscriptions()
  const task = useTask()
  const { on } = subscriptions
  if (subscriptions.loading && !subscriptions.data) return null
  const toggle = () =>
    void task.run(
      'subscribe',
      async () => {
        if (!on) await askWeChat()
        await subscriptions.set(!on)
      },
      on ? '已关闭评选通知' : '已订阅评选通知',
    )
  return (
    <View
      className={`subscribe-row${on ? ' subscribe-row--on' : ''}`}
      role='switch'
      aria-checked={on}
      aria-label='评选通知'
      onClick={task.busy ? undefined : toggle}
    >
      <View className='subscribe-row__text'>
        <View className='subscribe-row__title'>评选通知</View>
        <View className='subscribe-row__description'>
          本村和全镇的评选投票开始、结果公布时提醒我
        </View>
      </View>
      <View className='subscribe-row__state'>
        {task.busy ? '正在设置…' : on ? '已订阅' : '未订阅'}
      </View>
    </View>
  )
}
