import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { getInspection } from '@/features/board/api/board'
import { HistoryChart } from '@/features/board/components/history-chart'
import { HouseholdResult } from '@/features/board/components/household-result'
import { useHistory } from '@/features/board/hooks/use-board'
import { usePageEvents } from '@/lib/use-page-events'
import { useRemote } from '@/lib/use-remote'
import { PageFrame } from '@/components/page-frame'

/** 检查详情 (?roundId&householdId): a household's item breakdown, history and appeals. */
export default function BoardHouseholdPage() {
  const { roundId = '', householdId = '' } = useRouter().params
  const result = useRemote(`board:inspection:${roundId}:${householdId}`, () =>
    getInspection(roundId, householdId),
  )
  const history = useHistory(householdId, result.data?.fullDetail === true)
  usePageEvents(() => Promise.all([result.reload(), history.reload()]))
  return (
    <PageFrame className='page page--padded-top'>
      <PageState
        loading={result.loading}
        error={result.error}
        empty={!result.data}
        emptyText='没有找到这户的检查'
        onRetry={() => void result.reload()}
      >
        {result.data && (
          <HouseholdResult result={result.data} onChanged={() => void result.reload()} />
        )}
        {history.data && <HistoryChart points={history.data.items} title='历次得分' />}
      </PageState>
    </PageFrame>
  )
}
