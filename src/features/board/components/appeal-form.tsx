import { Button, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { errorMessage, fieldErrors, showError } from '@/lib/api-client'
import { appeal } from '../api/board'
import { uploadAll, usePhotos } from '../hooks/use-photos'
import { PhotoField } from './photo-field'
import './board-form.scss'

interface Props {
  roundId: string
  onSent: () => void
}

/** 申诉: a bound resident disputes the household's score during 公示, with text and photos. */
export function AppealForm({ roundId, onSent }: Props) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [progress, setProgress] = useState('')
  const photos = usePhotos(false)
  const submit = async () => {
    if (progress) return
    if (text.trim().length < 5) return setError('请写明申诉理由（至少 5 个字）')
    setError('')
    setProgress('正在提交…')
    try {
      const uploaded = await uploadAll(photos.photos, (n, total) =>
        setProgress(`上传照片 ${n}/${total}`),
      )
      setProgress('正在提交…')
      await appeal({ roundId, text: text.trim(), photos: uploaded })
      void Taro.showToast({ title: '申诉已提交', icon: 'success', duration: 1500 })
      onSent()
    } catch (e) {
      setError(
        fieldErrors(e, (path) => (path === 'text' ? 'text' : undefined)).text ?? errorMessage(e),
      )
      showError(e)
    } finally {
      setProgress('')
    }
  }
  return (
    <View className='board-form'>
      <View className='board-form__title'>对本期得分有异议？可以申诉</View>
      <TextArea
        value={text}
        onChange={setText}
        placeholder='请写明申诉理由（至少 5 个字）'
        maxLength={500}
        rows={4}
        status={error ? 'error' : 'default'}
      />
      <PhotoField photos={photos} label='照片' disabled={Boolean(progress)} />
      {error && (
        <View className='board-form__error' role='alert'>
          {error}
        </View>
      )}
      <Button
        type='primary'
        size='large'
        block
        className='board-form__submit'
        loading={Boolean(progress)}
        onClick={() => void submit()}
      >
        {progress || '提交申诉'}
      </Button>
    </View>
  )
}
