import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { Candidate } from '@contract/campaigns'
import { PhotoRow } from './photo-row'
import './campaign-page.scss'

interface Props {
  candidate: Candidate
  /** The vote button, when the caller may vote now. */
  vote?: { label: string; busy: boolean; disabled: boolean; onVote: () => void }
}

/** An approved candidate: number, household, story, photos, count (when shown), vote button. */
export function CandidateCard({ candidate, vote }: Props) {
  const { household } = candidate
  return (
    <View className='campaign-block candidate-card'>
      <View className='candidate-card__head'>
        <Text className='candidate-card__number'>{candidate.number}号</Text>
        <Text className='candidate-card__name'>{household.name}家</Text>
        {candidate.votes !== null && (
          <Text className='candidate-card__votes'>{candidate.votes} 票</Text>
        )}
      </View>
      <View className='campaign-block__meta'>
        {household.villageName} {household.groupName}
      </View>
      <View className='campaign-block__text'>{candidate.story}</View>
      <PhotoRow photos={candidate.photos} />
      {vote && (
        <View className='candidate-card__vote'>
          <Button
            type='primary'
            size='large'
            block
            loading={vote.busy}
            disabled={vote.disabled}
            onClick={vote.onVote}
          >
            {vote.label}
          </Button>
        </View>
      )}
    </View>
  )
}
