import { View } from '@tarojs/components'
import { PrivacyGuide } from '@/features/people/components/privacy-guide'

/** 隐私保护指引: the township's plain-language privacy guide. */
export default function PrivacyPage() {
  return (
    <View className='page'>
      <PrivacyGuide />
    </View>
  )
}
