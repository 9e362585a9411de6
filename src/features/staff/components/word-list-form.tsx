import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { useTask } from '@/lib/use-task'
import { setWords } from '../api/content'

const MAX_WORDS = 2000
const MAX_LENGTH = 20

/** One word or phrase a line; blank lines and repeats dropped. */
export function parseWords(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ]
}

/** Checks the list as the contract does, so the admin sees the bad line before saving. */
export function checkWords(words: string[]): string {
  if (words.length > MAX_WORDS) return `最多 ${MAX_WORDS} 个词，现在有 ${words.length} 个`
  const long = words.find((w) => Array.from(w).length > MAX_LENGTH)
  return long ? `「${long}」超过 ${MAX_LENGTH} 个字，请拆短` : ''
}

/**
 * 敏感词: the local content check refuses notices containing any of these words (in WeChat,
 * the platform's own check applies as well).
 */
export function WordListForm({ initial, onSaved }: { initial: string[]; onSaved: () => void }) {
  const [text, setText] = useState(initial.join('\n'))
  const [error, setError] = useState('')
  const task = useTask()
  const words = parseWords(text)
  const save = async () => {
    const problem = checkWords(words)
    if (problem) return setError(problem)
    if (await task.run('save', () => setWords(words), '已保存')) onSaved()
  }
  return (
    <View className='staff-card'>
      <View className='staff-card__title'>敏感词（{words.length} 个）</View>
      <View className='staff-hint'>
        每行一个词或短语。发布或修改公告时，标题和正文含有其中任何一个，都会被拦下并提示是哪个词。
      </View>
      <TextArea
        value={text}
        onChange={(v) => {
          setText(v)
          setError('')
        }}
        placeholder='每行一个，例如：某违禁词'
        rows={12}
        autoSize
        status={error ? 'error' : 'default'}
      />
      {error && (
        <View className='staff-error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-actions'>
        <Button type='primary' block loading={task.busy === 'save'} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  )
}
