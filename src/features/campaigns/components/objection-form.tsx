import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { fieldErrors } from '@/lib/api-client'
import { useTask } from '@/lib/use-task'
import { fileObjection } from '../api/campaigns'
import './campaign-page.scss'

const MAX = 500

/** 提出异议: during 公示 a resident tells the township what they think is wrong. */
export function ObjectionForm({ campaignId }: { campaignId: string }) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [sent, setSent] = useState(false)
  const task = useTask()
  const send = async () => {
    const trimmed = text.trim()
    if (trimmed.length < 5) return setError('异议至少 5 个字')
    setError('')
    const ok = await task.run(
      'object',
      async () => {
        try {
          await fileObjection(campaignId, trimmed)
        } catch (e) {
          setError(fieldErrors(e, (p) => (p === 'text' ? 'text' : undefined)).text ?? '')
          throw e
        }
      },
      '已提交',
    )
    if (ok) setSent(true)
  }
  if (sent) {
    return (
      <View className='campaign-block'>
        <View className='campaign-block__heading'>提出异议</View>
        <View className='campaign-block__text'>您的异议已交给镇管理员，他们会核实处理。</View>
      </View>
    )
  }
  return (
    <View className='campaign-block'>
      <View className='campaign-block__heading'>提出异议</View>
      <View className='campaign-block__meta'>公示期内，对结果有不同意见可以写给镇管理员。</View>
      <TextArea
        className='campaign-textarea'
        value={text}
        onChange={(v) => {
          setText(v)
          setError('')
        }}
        placeholder='请写明异议的理由，5 到 500 个字'
        maxLength={MAX}
        rows={4}
        autoSize
      />
      <View className='campaign-counter'>
        {text.trim().length}/{MAX}
      </View>
      {error && (
        <View className='campaign-error' role='alert'>
          {error}
        </View>
      )}
      <View className='campaign-block__actions'>
        <Button type='primary' block loading={task.busy === 'object'} onClick={() => void send()}>
          提交异议
        </Button>
      </View>
    </View>
  )
}
