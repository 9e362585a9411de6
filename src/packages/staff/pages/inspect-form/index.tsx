import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { InspectForm } from '@/features/board/components/inspect-form'
import { boardStaffUrl } from '@/features/board/labels'
import { useInspectForm, type InspectTarget } from '@/features/board/hooks/use-inspect-form'
import { loadInspectTarget } from '@/features/board/walk'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useRemote } from '@/lib/use-remote'

/** Back to where the form was opened from (the walk list or the appeals), else to the list. */
function leave(appealId: string) {
  let pages = 0
  try {
    pages = Taro.getCurrentPages().length
  } catch {
    pages = 0
  }
  if (pages > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: boardStaffUrl(appealId ? 'appeals' : 'inspect') })
}

function Form({ target }: { target: InspectTarget }) {
  const form = useInspectForm(target)
  const save = async () => {
    const outcome = await form.save()
    if (outcome === 'refused' || outcome === null) return
    void Taro.showToast({
      title: outcome === 'sent' ? '已保存' : '已存到手机，联网后自动发送',
      icon: outcome === 'sent' ? 'success' : 'none',
      duration: 2000,
    })
    leave(target.appealId)
  }
  return <InspectForm form={form} criteria={target.criteria} onSave={() => void save()} />
}

/** What the line above the form says about the household's last inspection. */
function lastLine(t: {
  latest: { total: number } | null
  savedAt: string | null
  savedScore: number | null
}) {
  if (t.latest) return ` · 上次 ${t.latest.total} 分，本次保存为新的一次检查`
  if (t.savedAt === null) return ''
  const last = t.savedScore === null ? '' : `上次 ${t.savedScore} 分；`
  return ` · 无网络：${last}用手机上保存的评分标准从满分打分，保存后联网自动发送`
}

/**
 * 检查打分 (?roundId&householdId&name[&appealId]): score each item, take photos, save. Without
 * network the household and the rubric come from the walk list kept on the phone.
 */
export default function InspectFormPage() {
  const { roundId = '', householdId = '', name = '', appealId = '' } = useRouter().params
  const label = decodeURIComponent(name)
  const target = useRemote(`staff:inspect:${roundId}:${householdId}`, () =>
    loadInspectTarget(roundId, householdId, label, appealId),
  )
  return (
    <StaffPage>
      <View className='staff-hint'>
        {target.data?.label ?? label}
        {target.data ? lastLine(target.data) : ''}
      </View>
      <PageState
        loading={target.loading}
        error={target.error}
        empty={!target.data}
        emptyText='没有找到这户'
        onRetry={() => void target.reload()}
      >
        {target.data && <Form target={target.data} />}
      </PageState>
    </StaffPage>
  )
}
