// The demo township's campaigns: one in each phase at `now`, with nominations and the seeded
// residents' votes so far. Part of buildDemoTownship (deterministic: `random` is its PRNG).
import { shanghaiDay } from '../../contract/time'
import { defaultRules } from '../campaigns/campaigns.rules'
import type {
  CampaignRecord,
  HouseholdRecord,
  NominationRecord,
  Snapshot,
  UserRecord,
  VoteRecord,
} from '../store/store'
import { DEMO_CAMPAIGNS } from './demo-content'
import { demoPhotoUrl } from './demo-photos'

const HOUR = 3_600_000
const DAY = 24 * HOUR

export function addCampaignDemo(
  s: Snapshot,
  o: {
    now: number
    /** Asia/Shanghai midnight `days` from today, plus `hours`. */
    at: (days: number, hours: number) => number
    /** The village of the village-wide campaign, and its households. */
    village: string
    villageHouseholds: HouseholdRecord[]
    voters: { user: UserRecord; household: HouseholdRecord }[]
    /** The grid worker who approved the nominations. */
    reviewer: UserRecord
    random: () => number
  },
) {
  const { now, at, village, villageHouseholds, voters, reviewer, random } = o
  // Campaigns: one in each phase at `now` (nomination, review, voting, publicity).
  const schedules: [number, number, number, number, number][] = [
    [-3, 5, 9, 16, 23], // nomination
    [-15, -3, 2, 9, 16], // review
    [-20, -8, -3, 4, 11], // voting
    [-40, -28, -21, -4, 3], // publicity
  ]
  const order = ['goodNeighbor', 'goodInLaws', 'civilizedFamily', 'beautifulCourtyard'] as const
  order.forEach((type, ci) => {
    const content = DEMO_CAMPAIGNS.find((c) => c.type === type)
    const days = schedules[ci]
    if (!content || !days) return
    const villageId = type === 'goodNeighbor' ? village : null
    const campaign: CampaignRecord = {
      id: `cmp-${type}`,
      type,
      title: content.title,
      description: content.description,
      villageId,
      nominationStartsAt: at(days[0], 8),
      reviewStartsAt: at(days[1], 8),
      votingStartsAt: at(days[2], 8),
      votingEndsAt: at(days[3], 20),
      publicityEndsAt: at(days[4], 20),
      rules: { ...defaultRules, winners: 3 },
      customTypeName: null,
      createdAt: at(days[0] - 2, 10),
    }
    s.campaigns.push(campaign)
    const pool = villageId ? villageHouseholds : s.households
    const approved = ci >= 2
    const stories = ci === 0 ? content.stories.slice(0, 2) : content.stories
    const nominations: NominationRecord[] = stories.map((story, ni) => {
      const nominator = voters[(ni * 5 + ci) % voters.length] as (typeof voters)[number]
      // In the nomination phase, demo resident 张大爷's household is nominated (he may decline).
      const nominee =
        ci === 0 && ni === 1
          ? (villageHouseholds[9] as HouseholdRecord)
          : (pool[(ni * 17 + ci * 7) % pool.length] as HouseholdRecord)
      const isApproved = approved || (ci === 1 && ni < 4)
      return {
        id: `nom-${type}-${ni + 1}`,
        campaignId: campaign.id,
        householdId: nominee.id,
        nominatorId: nominator.user.id,
        nominatorHouseholdId: nominator.household.id,
        story,
        photos: isApproved ? [demoPhotoUrl(ni), demoPhotoUrl(ni + 3)].slice(0, 1 + (ni % 2)) : [],
        status: isApproved ? 'approved' : 'pending',
        number: isApproved ? ni + 1 : null,
        decidedBy: isApproved ? reviewer.id : null,
        decidedAt: isApproved ? campaign.reviewStartsAt + (ni + 1) * HOUR : null,
        createdAt: campaign.nominationStartsAt + (ni + 1) * 5 * HOUR,
      }
    })
    s.nominations.push(...nominations)
    if (!approved) return
    // Each seeded resident votes at most once a day, on some of the voting days so far.
    const votingUntil = Math.min(now, campaign.votingEndsAt)
    voters.forEach(({ user, household }, vi) => {
      for (let at = campaign.votingStartsAt + (vi % 7) * HOUR; at < votingUntil; at += DAY) {
        if (random() < 0.45) continue
        const weights = nominations.map((_, ni) => (ni === 2 ? 3 : ni === 0 ? 2 : 1))
        let roll = random() * weights.reduce((a, b) => a + b, 0)
        const target = nominations.find((_, ni) => (roll -= weights[ni] ?? 1) < 0) ?? nominations[0]
        const vote: VoteRecord = {
          id: `vot-${type}-${user.openid}-${shanghaiDay(at)}`,
          campaignId: campaign.id,
          nominationId: (target as NominationRecord).id,
          voterId: user.id,
          voterHouseholdId: household.id,
          day: shanghaiDay(at),
          assistedBy: null,
          createdAt: at,
        }
        s.votes.push(vote)
      }
    })
  })
}
