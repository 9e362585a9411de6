import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import type { ActivityDetail } from '@contract/activities'
import { PageState } from '@/components/page-state'
import { getActivity } from '@/features/activities/api'
import { ActivityForm } from '@/features/activities/components/activity-form'
import { useActivityForm } from '@/features/activities/hooks/use-activity-form'
import { getMe } from '@/features/people/api/me'
import { listVillages } from '@/features/staff/api/people'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useRemote } from '@/lib/use-remote'

interface Setup {
  activity: ActivityDetail | null
  villages: { id: string; name: string }[]
}

function Form({ setup }: { setup: Setup }) {
  const form = useActivityForm(setup.activity)
  return <ActivityForm form={form} villages={setup.villages} />
}

/** 新建活动 / 编辑活动 (?id=…): grid workers for their villages, admins for any. */
export default function ActivityEditPage() {
  const id = useRouter().params.id ?? ''
  const setup = useRemote(`staff:activity-edit:${id}`, async (): Promise<Setup> => {
    const [activity, villages, me] = await Promise.all([
      id ? getActivity(id) : Promise.resolve(null),
      listVillages(),
      getMe(),
    ])
    // A grid worker chooses among the villages they serve; an admin among all.
    const own = me.user?.role === 'gridWorker' ? me.user.gridVillages : null
    const shown = own ?? villages.map((v) => ({ id: v.id, name: v.name }))
    return { activity, villages: shown }
  })
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑活动' }).catch(() => undefined)
  }, [id])
  return (
    <StaffPage>
      <PageState
        loading={setup.loading}
        error={setup.error}
        empty={!setup.data}
        emptyText='这项活动不存在'
        onRetry={() => void setup.reload()}
      >
        {setup.data && <Form setup={setup.data} />}
      </PageState>
    </StaffPage>
  )
}
