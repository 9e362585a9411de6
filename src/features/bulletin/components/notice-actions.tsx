import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ShareToFamily } from '@/components/share-to-family'
import { useIsStaff } from '../hooks/use-notices'
import './notice-actions.scss'
import { residentUrl } from '@/lib/routes'

/** The link that opens a notice, for sharing it. */
export const noticePath = (id: string) => residentUrl('notice', `id=${encodeURIComponent(id)}`)

/**
 * Below a notice: 转发给家人 (WeChat's share button; in H5 the link), and for staff the way to
 * the households that have not read it and to its editor. Plain sharing only: nothing is
 * promised for sharing (WeChat's rules, DESIGN.md).
 */
export function NoticeActions({ noticeId, title }: { noticeId: string; title: string }) {
  const staff = useIsStaff()
  const id = encodeURIComponent(noticeId)
  return (
    <View className='notice-actions'>
      <ShareToFamily title={title} />
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
