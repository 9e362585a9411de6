import { View } from '@tarojs/components'

export default function About() {
  return <View>关于</View>
}
