import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { speaker } from '../speak'
import './broadcast.scss'

/** 试听: reads the script (not the notice) aloud; without a voice, shows it in large text. */
export function ScriptPlayer({ script }: { script: string }) {
  const voice = useMemo(() => speaker(), [])
  const [state, setState] = useState<'idle' | 'speaking' | 'failed'>('idle')
  useEffect(() => () => voice?.stop(), [voice])
  if (!voice || state === 'failed') {
    return (
      <View className='staff-card script-player'>
        <View className='script-player__hint' role='status'>
          这台设备不能朗读，请照着下面的大字念：
        </View>
        <View className='script-player__large'>{script}</View>
      </View>
    )
  }
  const start = () => {
    setState('speaking')
    voice.speak(script).then(
      () => setState('idle'),
      () => setState('failed'),
    )
  }
  const stop = () => {
    voice.stop()
    setState('idle')
  }
  return (
    <View className='staff-card script-player'>
      <Button type='primary' block onClick={state === 'speaking' ? stop : start}>
        {state === 'speaking' ? '停止' : '试听广播稿'}
      </Button>
      <View className='script-player__hint'>
        {state === 'speaking' ? '正在朗读…' : '用手机读一遍，可以对着喇叭的话筒播放'}
      </View>
    </View>
  )
}
