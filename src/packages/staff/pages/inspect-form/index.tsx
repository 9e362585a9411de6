import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { getInspection, getRound } from '@/features/board/api/board'
import { InspectForm } from '@/features/board/components/inspect-form'
import { boardStaffUrl } from '@/features/board/labels'
import { useInspectForm, type InspectTarget } from '@/features/board/hooks/use-inspect-form'
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

/** 检查打分 (?roundId&householdId&name[&appealId]): score each item, take photos, save. */
export default function InspectFormPage() {
  const { roundId = '', householdId = '', name = '', appealId = '' } = useRouter().params
  const label = decodeURIComponent(name)
  const target = useRemote(`staff:inspect:${roundId}:${householdId}`, async () => {
    const [round, result] = await Promise.all([
      getRound(roundId),
      getInspection(roundId, householdId),
    ])
    return {
      roundId,
      householdId,
      label: label || result.household.name,
      criteria: round.rubric.criteria,
      latest: result.latest,
      appealId,
    }
  })
  return (
    <StaffPage>
      <View className='staff-hint'>
        {target.data?.label ?? label}
        {target.data?.latest
          ? ` · 上次 ${target.data.latest.total} 分，本次保存为新的一次检查`
          : ''}
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
