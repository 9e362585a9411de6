import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useIsStaff } from '../hooks/use-notices'
import './notice-actions.scss'

/** The link that opens a notice, for sharing it. */
export const noticePath = (id: string) => `/pages/notice/index?id=${encodeURIComponent(id)}`

/**
 * Below a notice: 复制链接 in H5 (the mini-program shares from its ··· menu, see the page),
 * and for staff the way to the households that have not read it and to its editor. Plain
 * sharing only: nothing is promised for sharing (WeChat's rules, DESIGN.md).
 */
export function NoticeActions({ noticeId }: { noticeId: string }) {
  const staff = useIsStaff()
  const h5 = process.env.TARO_ENV === 'h5'
  if (!h5 && !staff) return null
  const copyLink = () =>
    void Taro.setClipboardData({ data: window.location.href }).then(
      () => Taro.showToast({ title: '链接已复制', icon: 'none' }),
      () => Taro.showToast({ title: '没有复制成功，请稍后重试', icon: 'none' }),
    )
  const id = encodeURIComponent(noticeId)
  return (
    <View className='notice-actions'>
      {h5 && (
        <Button size='small' fill='outline' onClick={copyLink}>
          复制链接
        </Button>
      )}
      {staff && (
        <View className='notice-actions__staff'>
          <Text
            className='notice-actions__link'
            onClick={() =>
              void Taro.navigateTo({ url: `/packages/staff/pages/reach/index?noticeId=${id}` })
            }
          >
            未读家庭
          </Text>
          <Text
            className='notice-actions__link'
            onClick={() =>
              void Taro.navigateTo({ url: `/packages/staff/pages/compose/index?id=${id}` })
            }
          >
            编辑
          </Text>
        </View>
      )}
    </View>
  )
}
