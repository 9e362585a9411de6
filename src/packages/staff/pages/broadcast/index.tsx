import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { getScript } from '@/features/broadcast/api'
import { ScheduleForm } from '@/features/broadcast/components/schedule-form'
import { ScriptEditor } from '@/features/broadcast/components/script-editor'
import { ScriptPlayer } from '@/features/broadcast/components/script-player'
import { useVillages } from '@/features/board/hooks/use-board'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useStaffMe } from '@/features/staff/hooks/use-people'
import { useRemote } from '@/lib/use-remote'

/** 广播稿 (?noticeId): a published notice as a script for the loudspeaker — edit, listen, schedule. */
export default function BroadcastPage() {
  const noticeId = useRouter().params.noticeId ?? ''
  const script = useRemote(`staff:script:${noticeId}`, () => getScript(noticeId))
  const me = useStaffMe()
  const villages = useVillages()
  const admin = me.data?.user?.role === 'admin'
  return (
    <StaffPage>
      <PageState
        loading={script.loading}
        error={script.error}
        empty={!script.data}
        emptyText='没有找到这条公告'
        onRetry={() => void script.reload()}
      >
        {script.data && (
          <>
            <ScriptEditor
              key={`${script.data.edited}:${script.data.updatedAt ?? ''}`}
              script={script.data}
              onSaved={() => void script.reload()}
            />
            <ScriptPlayer script={script.data.script} />
            {admin && villages.data && (
              <ScheduleForm noticeId={noticeId} villages={villages.data} />
            )}
          </>
        )}
      </PageState>
    </StaffPage>
  )
}
