import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { ObjectionForm } from '@/features/campaigns/components/objection-form'
import { ResultsView } from '@/features/campaigns/components/results-view'
import { useCampaign, useResults } from '@/features/campaigns/hooks/use-campaigns'
import { resultsUrl } from '@/features/campaigns/labels'
import { usePageEvents } from '@/lib/use-page-events'
import { PageFrame } from '@/components/page-frame'

/** 评选结果公示 (?id=…): winners, ranking, 公示 dates, and the 异议 form during 公示. */
export default function ResultsPage() {
  const id = useRouter().params.id ?? ''
  const results = useResults(id)
  const campaign = useCampaign(id)
  usePageEvents(() => Promise.all([results.reload(), campaign.reload()]))
  useShareAppMessage(() => ({
    title: results.data ? `${results.data.campaign.title} 结果公示` : '评选结果公示',
    path: resultsUrl(id),
  }))
  return (
    <PageFrame className='page page--padded-top'>
      <PageState
        loading={results.loading}
        error={results.error}
        empty={!results.data}
        emptyText='评选活动不存在'
        onRetry={() => void results.reload()}
      >
        {results.data && <ResultsView results={results.data} />}
        {campaign.data?.me.canObject && <ObjectionForm campaignId={id} />}
      </PageState>
    </PageFrame>
  )
}
