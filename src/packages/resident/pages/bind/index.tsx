import { BindForm } from '@/features/people/components/bind-form'
import { PageFrame } from '@/components/page-frame'

/** 绑定家庭: the form a villager fills once to nominate, vote and appeal. */
export default function BindPage() {
  return (
    <PageFrame>
      <BindForm />
    </PageFrame>
  )
}
