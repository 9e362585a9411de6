import Taro from '@tarojs/taro'
import type { Rubric } from '@contract/board'
import { PageState } from '@/components/page-state'
import { currentRubric } from '@/features/board/api/board'
import { RubricEditor } from '@/features/board/components/rubric-editor'
import { useRubricForm } from '@/features/board/hooks/use-rubric-form'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useRemote } from '@/lib/use-remote'

function Editor({ current, onSaved }: { current: Rubric | null; onSaved: () => void }) {
  const form = useRubricForm(current, (saved) => {
    void Taro.showToast({ title: `已保存为第 ${saved.version} 版`, icon: 'success' })
    onSaved()
  })
  return <RubricEditor form={form} version={current?.version ?? null} />
}

/** 评分标准 (admins): edit the rubric; each save is a new version. */
export default function RubricPage() {
  const rubric = useRemote('staff:rubric', currentRubric)
  return (
    <StaffPage>
      <PageState
        loading={rubric.loading}
        error={rubric.error}
        empty={rubric.loading}
        emptyText=''
        onRetry={() => void rubric.reload()}
      >
        <Editor
          key={rubric.data?.id ?? 'new'}
          current={rubric.data}
          onSaved={() => void rubric.reload()}
        />
      </PageState>
    </StaffPage>
  )
}
