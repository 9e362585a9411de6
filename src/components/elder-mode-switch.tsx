import { Text, View } from '@tarojs/components'
import { setElderMode } from '@/lib/elder-mode'
import { useElderMode } from '@/lib/use-elder-mode'
import './elder-mode-switch.scss'

interface Props {
  /** `row`: the large labelled row on 我的; `chip`: the small entry at the top of 首页. */
  variant: 'row' | 'chip'
}

/**
 * Turns 长辈模式 (large text, high contrast) on or off for the whole app. The whole row or
 * chip is the tap target, and it says its state in words, not by a knob's position alone.
 */
export function ElderModeSwitch({ variant }: Props) {
  const on = useElderMode()
  const toggle = () => setElderMode(!on)
  const state = on ? '已开启' : '已关闭'
  if (variant === 'chip') {
    return (
      <View className='elder-switch-bar'>
        <View
          className={`elder-switch-chip${on ? ' elder-switch-chip--on' : ''}`}
          role='switch'
          aria-checked={on}
          aria-label='长辈模式'
          onClick={toggle}
        >
          <Text className='elder-switch-chip__glyph' aria-hidden>
            大
          </Text>
          <Text>长辈模式</Text>
          <Text className='elder-switch-chip__state'>{on ? '开' : '关'}</Text>
        </View>
      </View>
    )
  }
  return (
    <View
      className={`elder-switch${on ? ' elder-switch--on' : ''}`}
      role='switch'
      aria-checked={on}
      aria-label='长辈模式'
      onClick={toggle}
    >
      <View className='elder-switch__text'>
        <View className='elder-switch__title'>长辈模式</View>
        <View className='elder-switch__description'>大字体、高对比度</View>
      </View>
      <View className='elder-switch__control'>
        <Text className='elder-switch__state'>{state}</Text>
        <View className='elder-switch__track' aria-hidden>
          <View className='elder-switch__knob' />
        </View>
      </View>
    </View>
  )
}
