import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch } from '@tarojs/taro'
import { routeLaunch } from '@/features/doorplate/routes'
import { initApi } from '@/lib/api-client'
import { initElderMode, refreshElderMode } from '@/lib/elder-mode'
import { movedPageUrl } from '@/lib/routes'
import { prefetchHome } from '@/features/bulletin/api/home-prefetch'
// NutUI's theme variables sit at app level; 长辈模式 overrides them on each page root (app.scss).
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

// A share card, a subscription message or a bookmark from before the resident subpackage names
// a page's old path: open the page where it lives now. WeChat honours only a redirect made
// synchronously in the listener, so this is the API's listener, not Taro's app hook (which
// runs it after a promise).
Taro.onPageNotFound(({ path, query }) => {
  const url = movedPageUrl(path, query)
  if (url) void Taro.redirectTo({ url })
})
// 首页's notices are asked for now, before its page's code has arrived (H5).
prefetchHome()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initApi()
    // The stored choice, or on by itself when WeChat's font is enlarged (DESIGN.md).
    initElderMode()
    // A scanned doorplate opens its household, whichever page WeChat started on.
    routeLaunch()
  })
  // The person may have changed the phone's font size while the app was in the background.
  useDidShow(() => {
    refreshElderMode()
  })
  return children
}

export default App
