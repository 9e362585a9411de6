import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { BlankState } from '@/components/blank-state'
import { MyAppeals } from '@/features/board/components/my-appeals'
import { MyNominations, MyVotes } from '@/features/campaigns/components/my-campaign-records'
import { PageFrame } from '@/components/page-frame'

const lists = {
  nominations: { title: '我的提名', List: MyNominations },
  votes: { title: '我的投票', List: MyVotes },
  appeals: { title: '我的申诉', List: MyAppeals },
} as const

const known = (kind: string): kind is keyof typeof lists =>
  Object.prototype.hasOwnProperty.call(lists, kind)

/** 我的记录 (?kind=nominations|votes|appeals): my nominations, votes or appeals. */
export default function RecordsPage() {
  const kind = useRouter().params.kind ?? ''
  const shown = known(kind) ? lists[kind] : null
  const title = shown?.title ?? '我的记录'
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title })
  }, [title])
  return (
    <PageFrame className='page page--padded-top'>
      {shown ? <shown.List /> : <BlankState title='没有这类记录' />}
    </PageFrame>
  )
}
