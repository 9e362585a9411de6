import { Button } from '@nutui/nutui-react-taro'
import { Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { BroadcastScript } from '@contract/broadcast'
import { useTask } from '@/lib/use-task'
import { saveScript } from '../api'
import './broadcast.scss'

/** Minutes and seconds as read: 95 → 1 分 35 秒. */
export const readingTime = (seconds: number) =>
  seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`

interface Props {
  script: BroadcastScript
  onSaved: (script: BroadcastScript) => void
}

/** 广播稿: the script to edit before use, with its reading time; 恢复 goes back to the derived one. */
export function ScriptEditor({ script, onSaved }: Props) {
  const [text, setText] = useState(script.script)
  const task = useTask()
  const save = (value: string) =>
    task.run(
      'save',
      async () => {
        const saved = await saveScript(script.noticeId, value)
        setText(saved.script)
        onSaved(saved)
      },
      '已保存',
    )
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>{script.title}</View>
      <View className='staff-card__meta'>
        约 {readingTime(script.seconds)}（每分钟约 220 字）
        {script.edited ? ' · 已修改过' : ' · 由公告自动生成'}
      </View>
      <Textarea
        className='script-editor__text'
        value={text}
        maxlength={5000}
        autoHeight
        aria-label='广播稿'
        onInput={(e) => setText(e.detail.value)}
      />
      <View className='staff-actions'>
        <Button
          type='primary'
          block
          loading={task.busy === 'save'}
          disabled={text.trim() === ''}
          onClick={() => void save(text)}
        >
          保存广播稿
        </Button>
        {script.edited && (
          <Button type='primary' fill='outline' block onClick={() => void save('')}>
            恢复为自动生成
          </Button>
        )}
      </View>
    </View>
  )
}
