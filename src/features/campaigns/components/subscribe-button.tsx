import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { useTask } from '@/lib/use-task'
import { subscribe } from '../api/campaigns'

const templateIds = (process.env.SUBSCRIBE_TEMPLATE_IDS ?? '').split(',').filter(Boolean)

/**
 * WeChat sends a subscription message only after the user agreed in its own dialog, which
 * must open from a tap; H5 has no such dialog, so there the server is simply told.
 */
export async function askWeChat(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })
  } catch {
    // Refused or unsupported: the outbox still records the notice; nothing else to do.
  }
}

/** 订阅通知: be told when voting opens and when the results are published. */
export function SubscribeButton({
  campaignId,
  subscribed,
}: {
  campaignId: string
  subscribed: boolean
}) {
  const [on, setOn] = useState(subscribed)
  const task = useTask()
  const toggle = () =>
    void task.run(
      'subscribe',
      async () => {
        if (!on) await askWeChat()
        setOn((await subscribe(campaignId, !on)).subscribed)
      },
      on ? '已取消订阅' : '已订阅',
    )
  return (
    <Button
      size='large'
      block
      fill='outline'
      type={on ? 'default' : 'primary'}
      loading={task.busy === 'subscribe'}
      onClick={toggle}
      aria-pressed={on}
    >
      {on ? '已订阅通知（点此取消）' : '订阅通知：投票开始和结果公布时提醒我'}
    </Button>
  )
}
