import { View } from '@tarojs/components'
import type { CampaignDetail } from '@contract/campaigns'
import { PagedList } from '@/components/paged-list'
import { useCandidates } from '../hooks/use-campaigns'
import { useVote } from '../hooks/use-vote'
import { CandidateCard } from './candidate-card'
import './campaign-page.scss'

/** What the vote bar says: votes left today, or why the caller cannot vote. */
function voteLine(campaign: CampaignDetail, left: number | null): string | null {
  if (campaign.phase !== 'voting') return null
  if (!campaign.me.canVote) return campaign.me.voteBlockedReason
  return left === null ? null : `今天还可以投 ${left} 票`
}

/**
 * 候选: the approved candidates by number, each with its vote button during voting. A vote
 * the server refuses (limit reached, phase over) says why, in its words, above the list.
 */
export function CandidateSection({ campaign }: { campaign: CampaignDetail }) {
  const candidates = useCandidates(campaign.id)
  const voting = useVote(campaign.id, campaign.me.votesLeftToday, () => {
    // Counts may be shown live: read them again after a vote.
    if (campaign.resultsVisible) void candidates.refresh()
  })
  const line = voteLine(campaign, voting.left)
  const canVote = campaign.phase === 'voting' && campaign.me.canVote
  const header = (
    <>
      <View className='campaign-block__heading campaign-section-title'>
        候选（{campaign.candidateCount} 户）
      </View>
      {line && (
        <View className='campaign-alert campaign-alert--info' aria-live='polite'>
          {line}
        </View>
      )}
      {voting.refusal && (
        <View className='campaign-alert' role='alert'>
          投票没有成功：{voting.refusal}
        </View>
      )}
    </>
  )
  const emptyText =
    campaign.phase === 'nomination' || campaign.phase === 'review' || campaign.phase === 'upcoming'
      ? '审核通过的候选会在这里公布'
      : '这次评选没有候选'
  return (
    <PagedList list={candidates} emptyText={emptyText} header={header}>
      {(c) => (
        <CandidateCard
          key={c.id}
          candidate={c}
          vote={
            canVote
              ? {
                  label: voting.left === 0 ? '投票（今天的票已投完）' : `投票给 ${c.number} 号`,
                  busy: voting.busy === c.id,
                  disabled: voting.busy !== '' && voting.busy !== c.id,
                  onVote: () => void voting.vote(c.id),
                }
              : undefined
          }
        />
      )}
    </PagedList>
  )
}
