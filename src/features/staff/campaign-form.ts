// The admin's campaign form as plain data: draft ⇄ contract input, and the phone's own checks
// (the same limits as contract/campaigns.ts, so most mistakes never leave the phone).
import type { CampaignDetail, CampaignRules, CampaignType } from '@contract/campaigns'
import type { ActionInput } from '@contract/index'
import { inShanghai } from '@contract/time'
import { shanghaiToIso } from './compose'

export const scheduleKeys = [
  'nominationStartsAt',
  'reviewStartsAt',
  'votingStartsAt',
  'votingEndsAt',
  'publicityEndsAt',
] as const
export type ScheduleKey = (typeof scheduleKeys)[number]

export const scheduleLabels: Record<ScheduleKey, string> = {
  nominationStartsAt: '提名开始',
  reviewStartsAt: '提名截止、审核开始',
  votingStartsAt: '投票开始',
  votingEndsAt: '投票结束、公示开始',
  publicityEndsAt: '公示结束',
}

export const countKeys = [
  'nominationsPerHousehold',
  'votesPerDay',
  'votesPerCandidatePerDay',
  'winners',
] as const
export type CountKey = (typeof countKeys)[number]

export const countLabels: Record<CountKey, string> = {
  nominationsPerHousehold: '每户可提名几户',
  votesPerDay: '每人（或每户）每天可投几票',
  votesPerCandidatePerDay: '每天最多给同一候选投几票',
  winners: '评选名额',
}

export interface CampaignDraft {
  type: CampaignType
  customTypeName: string
  title: string
  description: string
  /** '' for the whole township. */
  villageId: string
  when: Record<ScheduleKey, { date: string; time: string }>
  counts: Record<CountKey, string>
  nominators: CampaignRules['nominators']
  selfNomination: boolean
  counting: CampaignRules['counting']
  liveCounts: boolean
}

export type CampaignField = 'type' | 'title' | 'description' | ScheduleKey | CountKey
export type CampaignErrors = Partial<Record<CampaignField, string>>

const split = (at: number | string) => {
  const d = inShanghai(at)
  return { date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') }
}

const DAY = 24 * 60 * 60 * 1000

/** A new campaign: nomination from tomorrow 08:00, a week per phase, the usual rules. */
export function emptyCampaignDraft(now: number): CampaignDraft {
  const start = inShanghai(now + DAY)
    .startOf('day')
    .add(8, 'hour')
    .valueOf()
  const at = (days: number) => split(start + days * DAY)
  return {
    type: 'civilizedFamily',
    customTypeName: '',
    title: '',
    description: '',
    villageId: '',
    when: {
      nominationStartsAt: at(0),
      reviewStartsAt: at(7),
      votingStartsAt: at(10),
      votingEndsAt: at(17),
      publicityEndsAt: at(24),
    },
    counts: {
      nominationsPerHousehold: '1',
      votesPerDay: '3',
      votesPerCandidatePerDay: '1',
      winners: '10',
    },
    nominators: 'residents',
    selfNomination: false,
    counting: 'perPerson',
    liveCounts: false,
  }
}

export function draftFromCampaign(c: CampaignDetail): CampaignDraft {
  return {
    type: c.type,
    customTypeName: c.customTypeName ?? '',
    title: c.title,
    description: c.description,
    villageId: c.village?.id ?? '',
    when: {
      nominationStartsAt: split(c.nominationStartsAt),
      reviewStartsAt: split(c.reviewStartsAt),
      votingStartsAt: split(c.votingStartsAt),
      votingEndsAt: split(c.votingEndsAt),
      publicityEndsAt: split(c.publicityEndsAt),
    },
    counts: {
      nominationsPerHousehold: String(c.rules.nominationsPerHousehold),
      votesPerDay: String(c.rules.votesPerDay),
      votesPerCandidatePerDay: String(c.rules.votesPerCandidatePerDay),
      winners: String(c.rules.winners),
    },
    nominators: c.rules.nominators,
    selfNomination: c.rules.selfNomination,
    counting: c.rules.counting,
    liveCounts: c.rules.liveCounts,
  }
}

/** The draft as `campaigns.save` takes it, or the errors to show by the fields. */
export function toSaveInput(
  draft: CampaignDraft,
  id: string | undefined,
): { input: ActionInput<'campaigns.save'> | null; errors: CampaignErrors } {
  const errors: CampaignErrors = {}
  const title = draft.title.trim()
  if (title.length < 2) errors.title = '标题至少 2 个字'
  else if (title.length > 30) errors.title = '标题最多 30 个字'
  if (draft.description.trim().length > 500) errors.description = '说明最多 500 个字'
  const custom = draft.customTypeName.trim()
  if (draft.type === 'custom' && !custom) errors.type = '请填写自定义类型的名称'
  else if (custom.length > 12) errors.type = '类型名称最多 12 个字'

  const when = {} as Record<ScheduleKey, string>
  let previous: string | null = null
  for (const key of scheduleKeys) {
    const iso = shanghaiToIso(draft.when[key].date, draft.when[key].time)
    if (!iso) errors[key] = '请选择日期和时间'
    else if (previous && iso < previous) errors[key] = '不能早于上一个时间'
    when[key] = iso ?? ''
    previous = iso ?? previous
  }

  const counts = {} as Record<CountKey, number>
  for (const key of countKeys) {
    const n = Number(draft.counts[key].trim())
    const max = key === 'winners' ? 100 : 20
    if (!Number.isInteger(n) || n < 1 || n > max) errors[key] = `请填写 1 到 ${max} 的整数`
    counts[key] = n
  }
  if (!errors.votesPerCandidatePerDay && counts.votesPerCandidatePerDay > counts.votesPerDay) {
    errors.votesPerCandidatePerDay = '不能超过每天投票数'
  }
  if (Object.keys(errors).length > 0) return { input: null, errors }
  return {
    errors,
    input: {
      id,
      type: draft.type,
      customTypeName: draft.type === 'custom' ? custom : undefined,
      title,
      description: draft.description.trim(),
      villageId: draft.villageId || null,
      ...when,
      rules: {
        nominators: draft.nominators,
        selfNomination: draft.selfNomination,
        counting: draft.counting,
        liveCounts: draft.liveCounts,
        ...counts,
      },
    },
  }
}

/** Maps a contract path of a BAD_INPUT answer to a form field. */
export function campaignFieldOf(path: string): CampaignField | undefined {
  const last = path.split('.').pop() ?? ''
  const fields: readonly string[] = [...scheduleKeys, ...countKeys, 'title', 'description']
  if (last === 'customTypeName' || last === 'type') return 'type'
  return fields.includes(last) ? (last as CampaignField) : undefined
}
