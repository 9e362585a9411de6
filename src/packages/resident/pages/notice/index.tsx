import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { PageState } from '@/components/page-state'
import { NoticeActions, noticePath } from '@/features/bulletin/components/notice-actions'
import { NoticeBody } from '@/features/bulletin/components/notice-body'
import { OfflineBar } from '@/components/offline-bar'
import { useNotice } from '@/features/bulletin/hooks/use-notices'
import { PageFrame } from '@/components/page-frame'

/**
 * One notice, opened from a list or a shared link (?id=…). Without network, a notice opened
 * before is shown as saved then. 转发给家人 below it shares it (the ··· menu does too).
 */
export default function NoticePage() {
  const id = useRouter().params.id ?? ''
  const notice = useNotice(id)
  useShareAppMessage(() => ({ title: notice.data?.title ?? '公告详情', path: noticePath(id) }))
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.showShareMenu({ withShareTicket: false })
    }
  }, [])
  return (
    <PageFrame>
      <PageState
        loading={notice.loading}
        error={notice.error}
        empty={!notice.data}
        emptyText='公告不存在或已下线'
        onRetry={() => void notice.reload()}
      >
        {notice.savedAt && (
          <OfflineBar savedAt={notice.savedAt} onRetry={() => void notice.reload()} />
        )}
        {notice.data && (
          <NoticeBody notice={notice.data}>
            <NoticeActions noticeId={notice.data.id} title={notice.data.title} />
          </NoticeBody>
        )}
      </PageState>
    </PageFrame>
  )
}
