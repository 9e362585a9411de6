import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initApi } from '@/lib/api-client'
// NutUI's theme variables sit at app level so that a theme (长辈模式) applies everywhere.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => initApi())
  return children
}

export default App
