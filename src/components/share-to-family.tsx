import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './share-to-family.scss'

interface Props {
  /** What the shared card or message is called (the notice's or the campaign's title). */
  title: string
}

/** H5: the system share sheet where the browser has one, else the link copied, with a toast. */
async function shareInBrowser(title: string) {
  const url = window.location.href
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url })
      return
    } catch (error) {
      // Closed by the person: nothing to say. Anything else falls back to copying.
      if (error instanceof Error && error.name === 'AbortError') return
    }
  }
  try {
    await Taro.setClipboardData({ data: url })
    void Taro.showToast({ title: '链接已复制，粘贴到微信发给家人', icon: 'none', duration: 2500 })
  } catch {
    void Taro.showToast({ title: '没有复制成功，请稍后重试', icon: 'none' })
  }
}

/**
 * 转发给家人, a visible button for people who don't know the ··· menu. In the mini-program it is
 * WeChat's share button (the page's useShareAppMessage says what is shared); in H5 it shares the
 * page's link. A plain share: nothing is promised for sharing (WeChat's rules, DESIGN.md).
 */
export function ShareToFamily({ title }: Props) {
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <View className='share-to-family'>
        <Button openType='share' fill='outline' type='primary' block>
          转发给家人
        </Button>
      </View>
    )
  }
  return (
    <View className='share-to-family'>
      <Button fill='outline' type='primary' block onClick={() => void shareInBrowser(title)}>
        转发给家人
      </Button>
    </View>
  )
}
