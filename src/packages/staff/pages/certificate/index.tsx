import { useRouter } from '@tarojs/taro'
import { PageState } from '@/components/page-state'
import { Certificate } from '@/features/staff/components/certificate'
import { StaffPage } from '@/features/staff/components/staff-page'
import { useStaffResults } from '@/features/staff/hooks/use-campaign-staff'

/** 荣誉证书 (?campaignId=…&candidateId=…): a winner's printable certificate (A4). */
export default function CertificatePage() {
  const { campaignId = '', candidateId = '' } = useRouter().params
  const results = useStaffResults(campaignId)
  return (
    <StaffPage>
      <PageState
        loading={results.loading}
        error={results.error}
        empty={!results.data}
        emptyText='评选活动不存在'
        onRetry={() => void results.reload()}
      >
        {results.data && <Certificate results={results.data} candidateId={candidateId} />}
      </PageState>
    </StaffPage>
  )
}
