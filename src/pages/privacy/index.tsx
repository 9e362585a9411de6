import { View } from '@tarojs/components'
import { PrivacyGuide } from '@/features/people/components/privacy-guide'
import { usePageClass } from '@/lib/use-elder-mode'

/** 隐私保护指引: the township's plain-language privacy guide. */
export default function PrivacyPage() {
  return (
    <View className={usePageClass()}>
      <PrivacyGuide />
    </View>
  )
}
