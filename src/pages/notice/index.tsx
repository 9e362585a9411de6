import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { NoticeBody } from '@/features/bulletin/components/notice-body'
import { useNotice } from '@/features/bulletin/hooks/use-notices'
import { usePageClass } from '@/lib/use-elder-mode'

/** One notice, opened from a list or a shared link (?id=…). */
export default function NoticePage() {
  const id = useRouter().params.id ?? ''
  const notice = useNotice(id)
  return (
    <View className={usePageClass()}>
      <PageState
        loading={notice.loading}
        error={notice.error}
        empty={!notice.data}
        emptyText='公告不存在或已下线'
        onRetry={() => void notice.reload()}
      >
        {notice.data && <NoticeBody notice={notice.data} />}
      </PageState>
    </View>
  )
}
