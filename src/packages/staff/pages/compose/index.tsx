import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { PageState } from '@/components/page-state'
import { ComposeForm } from '@/features/staff/components/compose-form'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useCompose, useComposeSetup, type ComposeSetup } from '@/features/staff/hooks/use-compose'

function Compose({ id, setup }: { id: string; setup: ComposeSetup }) {
  const form = useCompose(id, setup)
  return <ComposeForm form={form} setup={setup} />
}

/** 发布公告 (?id=… edits that notice): the form, once who I am and the columns are known. */
export default function ComposePage() {
  const id = useRouter().params.id ?? ''
  const setup = useComposeSetup(id)
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑公告' }).catch(() => undefined)
  }, [id])
  return (
    <StaffPage>
      <PageState
        loading={setup.loading}
        error={setup.error}
        empty={!setup.data}
        emptyText='公告不存在'
        onRetry={() => void setup.reload()}
      >
        {setup.data && <Compose id={id} setup={setup.data} />}
      </PageState>
    </StaffPage>
  )
}
