import { z } from 'zod'
import { idSchema, isoSchema, pageInputSchema, pageOf, villageRefSchema } from './common'
import { defineActions, signedIn, staff } from './define'
import { campaignPhases, campaignTypes, nominationStatuses } from './campaigns.labels'

export {
  campaignPhaseLabels,
  campaignPhases,
  campaignTypeLabels,
  campaignTypes,
  nominationStatusLabels,
  nominationStatuses,
  type CampaignPhase,
  type CampaignType,
} from './campaigns.labels'

const admins = ['admin'] as const
const residents = ['resident'] as const

const count = (label: string, max: number) =>
  z.number().int(`${label}须为整数`).min(1, `${label}至少为 1`).max(max, `${label}最多为 ${max}`)

/** A campaign's rules, set by the admin who creates it. */
export const campaignRulesSchema = z
  .object({
    /** residents: every resident bound in scope (grid workers and admins too); gridWorkers: staff only. */
    nominators: z.enum(['residents', 'gridWorkers']),
    /** Whether a household may nominate itself. */
    selfNomination: z.boolean(),
    /** Nominations one household may make in this campaign. */
    nominationsPerHousehold: count('每户提名数', 20),
    /** Votes one voter (person or household, per `counting`) may cast per day, all candidates. */
    votesPerDay: count('每天投票数', 20),
    /** Votes one voter may give the same candidate per day. */
    votesPerCandidatePerDay: count('每天给同一候选的票数', 20),
    /** perPerson: every bound resident votes; perHousehold: the household shares one allowance (一户一票). */
    counting: z.enum(['perPerson', 'perHousehold']),
    /** Show counts during voting; by default they are hidden until voting closes. */
    liveCounts: z.boolean().default(false),
    /** Number of winners. */
    winners: count('评选名额', 100),
  })
  .refine((r) => r.votesPerCandidatePerDay <= r.votesPerDay, {
    message: '每天给同一候选的票数不能超过每天投票数',
    path: ['votesPerCandidatePerDay'],
  })

/** A campaign's rules. */
export type CampaignRules = z.infer<typeof campaignRulesSchema>

/** A campaign as listed on 评选. */
export const campaignSummarySchema = z.object({
  id: z.string(),
  type: z.enum(campaignTypes),
  /** 文明家庭 … or the custom kind's name. */
  typeLabel: z.string(),
  title: z.string(),
  description: z.string(),
  /** Null for a township-wide campaign. */
  village: villageRefSchema.nullable(),
  phase: z.enum(campaignPhases),
  /** When the current phase ends; null once closed. */
  phaseEndsAt: isoSchema.nullable(),
  votingStartsAt: isoSchema,
  votingEndsAt: isoSchema,
  /** Approved candidates. */
  candidateCount: z.number(),
})

/** A campaign as listed on 评选. */
export type CampaignSummary = z.infer<typeof campaignSummarySchema>

/** What the caller may do in a campaign now; the server decides, the page only shows it. */
export const campaignMeSchema = z.object({
  canNominate: z.boolean(),
  /** Why not, in plain words (null when allowed). */
  nominateBlockedReason: z.string().nullable(),
  canVote: z.boolean(),
  voteBlockedReason: z.string().nullable(),
  /** Votes left today for the caller (or their household under 一户一票); null when not a voter. */
  votesLeftToday: z.number().nullable(),
  /** Staff may cast assisted votes for residents of their grid during voting. */
  canAssist: z.boolean(),
  /** Staff who may review this campaign's nominations. */
  canReview: z.boolean(),
  /** Residents may subscribe to notifications (voting opens, results published). */
  canSubscribe: z.boolean(),
  /** Subscribed to this campaign's notifications, or to all campaigns (see campaigns.subscription). */
  subscribed: z.boolean(),
  /** May file an objection (异议) now (publicity phase, resident in scope). */
  canObject: z.boolean(),
})

/** A campaign with its schedule, rules and what the caller may do. */
export const campaignDetailSchema = campaignSummarySchema.extend({
  customTypeName: z.string().nullable(),
  nominationStartsAt: isoSchema,
  reviewStartsAt: isoSchema,
  publicityEndsAt: isoSchema,
  rules: campaignRulesSchema,
  /** The rules in plain words, one sentence each, for the campaign page. */
  rulesText: z.array(z.string()),
  /** Whether vote counts and the ranking may be shown to this caller now. */
  resultsVisible: z.boolean(),
  me: campaignMeSchema,
})

/** A campaign with its schedule, rules and what the caller may do. */
export type CampaignDetail = z.infer<typeof campaignDetailSchema>

/** A household as shown in a campaign: head's name, village, group. */
/** The most households one nominee search answers; there is no next page. */
export const NOMINEES_PAGE = 20

export const campaignHouseholdSchema = z.object({
  id: z.string(),
  name: z.string(),
  villageName: z.string(),
  groupName: z.string(),
})

const photoUrlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^(\/media\/[\w.-]+|https:\/\/\S+|cloud:\/\/\S+)$/, '图片地址无效，请重新上传')

/** A nomination as its nominator, the nominee household, its grid worker or an admin sees it. */
export const nominationSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  household: campaignHouseholdSchema,
  nominatorName: z.string(),
  story: z.string(),
  photos: z.array(z.string()),
  status: z.enum(nominationStatuses),
  /** Candidate number, once approved. */
  number: z.number().nullable(),
  /** The reviewer's reason for a rejection, or the household's for a withdrawal. */
  reason: z.string().nullable(),
  createdAt: isoSchema,
  decidedAt: isoSchema.nullable(),
})

/** A nomination. */
export type Nomination = z.infer<typeof nominationSchema>

/** An approved candidate as anyone sees it. */
export const candidateSchema = z.object({
  /** The nomination's id; pass it as `candidateId` to vote. */
  id: z.string(),
  number: z.number(),
  household: campaignHouseholdSchema,
  story: z.string(),
  photos: z.array(z.string()),
  /** Valid votes; null while counts are hidden. */
  votes: z.number().nullable(),
})

/** An approved candidate. */
export type Candidate = z.infer<typeof candidateSchema>

/** What a vote leaves the voter. */
export const voteReceiptSchema = z.object({
  voteId: z.string(),
  /** Votes the voter (or household under 一户一票) has left today. */
  votesLeftToday: z.number(),
  /** Votes left today for this candidate. */
  candidateVotesLeftToday: z.number(),
})

/** A vote as an admin inspects it. */
export const voteRowSchema = z.object({
  id: z.string(),
  candidateId: z.string(),
  candidateNumber: z.number(),
  candidateName: z.string(),
  voterName: z.string(),
  householdName: z.string(),
  /** Asia/Shanghai day of the vote. */
  day: z.string(),
  at: isoSchema,
  /** The grid worker who cast it on the voter's behalf. */
  assistedByName: z.string().nullable(),
  invalidation: z.object({ reason: z.string(), at: isoSchema, byName: z.string() }).nullable(),
})

/** A vote as an admin inspects it. */
export type VoteRow = z.infer<typeof voteRowSchema>

/** One line of the results. */
export const resultRowSchema = z.object({
  /** Equal counts share a rank (1, 2, 2, 4). */
  rank: z.number(),
  candidate: candidateSchema.extend({ votes: z.number() }),
  winner: z.boolean(),
  /** Tied with others across the winners' line: the admins decide. */
  tiedAtCutoff: z.boolean(),
})

/** One line of the results. */
export type ResultRow = z.infer<typeof resultRowSchema>

export const campaignResultsSchema = z.object({
  campaign: campaignSummarySchema,
  /** Null rows while counts are hidden; `hiddenReason` says why. */
  rows: z.array(resultRowSchema).nullable(),
  hiddenReason: z.string().nullable(),
  /** Final once voting has closed. */
  final: z.boolean(),
  winners: z.number(),
  validVotes: z.number(),
  invalidatedVotes: z.number(),
  /** 公示 runs from votingEndsAt to publicityEndsAt. */
  publicityStartsAt: isoSchema,
  publicityEndsAt: isoSchema,
})

/** A campaign's ranking and winners. */
export type CampaignResults = z.infer<typeof campaignResultsSchema>

export const integrityReportSchema = z.object({
  totalVotes: z.number(),
  validVotes: z.number(),
  /** Valid votes per clock hour (Asia/Shanghai), oldest first, hours with votes only. */
  perHour: z.array(z.object({ hour: isoSchema, count: z.number() })),
  /** Many votes for one candidate within a few minutes. */
  bursts: z.array(
    z.object({
      candidateId: z.string(),
      candidateNumber: z.number(),
      candidateName: z.string(),
      from: isoSchema,
      to: isoSchema,
      count: z.number(),
    }),
  ),
  /** Votes from accounts bound less than 24 hours before voting. */
  newlyBound: z.object({ count: z.number(), share: z.number() }),
  assisted: z.object({ count: z.number(), share: z.number() }),
  /** Plain-words warnings for the admin; nothing is punished automatically. */
  flags: z.array(z.string()),
})

/** The admins' integrity report of a campaign's voting. */
export type IntegrityReport = z.infer<typeof integrityReportSchema>

export const objectionSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  text: z.string(),
  authorName: z.string(),
  householdName: z.string(),
  at: isoSchema,
})

/** An objection (异议) filed during 公示. */
export type Objection = z.infer<typeof objectionSchema>

export const notificationEvents = [
  'votingOpened',
  'resultsPublished',
  'nominated',
  'boardPublished',
  'boardWithdrawn',
  // 新时代文明实践: an activity cancelled, a waiting person moved up, tomorrow's reminder.
  'activityCancelled',
  'activityPromoted',
  'activityReminder',
] as const

export const outboxItemSchema = z.object({
  id: z.string(),
  event: z.enum(notificationEvents),
  campaignId: z.string().nullable(),
  recipientName: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: isoSchema,
  /** How sending it through WeChat ended; null where only the outbox keeps it (local server). */
  delivery: z
    .object({
      outcome: z.enum(['sent', 'refused', 'failed', 'skipped']),
      errCode: z.number().int().nullable(),
    })
    .nullable(),
})

/** A notification as the local adapter keeps it. */
export type OutboxItem = z.infer<typeof outboxItemSchema>

/** One of my votes (我的). */
export const myVoteSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  candidateNumber: z.number(),
  candidateName: z.string(),
  at: isoSchema,
  assistedByName: z.string().nullable(),
  invalidated: z.boolean(),
})

/** A nomination I made or one of my household (我的). */
export const myNominationSchema = nominationSchema.extend({
  /** mine: I nominated; myHousehold: my household is the nominee. */
  relation: z.enum(['mine', 'myHousehold']),
  /** A bound member of the nominee household may decline while pending or approved. */
  canDecline: z.boolean(),
})

/** The schedule of a campaign, ISO moments; each boundary must not precede the one before. */
const scheduleFields = {
  nominationStartsAt: isoSchema,
  reviewStartsAt: isoSchema,
  votingStartsAt: isoSchema,
  votingEndsAt: isoSchema,
  publicityEndsAt: isoSchema,
}

const campaignIdInput = z.object({ campaignId: idSchema })

/** Actions of the selections (评选). */
export const campaignActions = defineActions({
  'campaigns.list': {
    summary: 'Campaigns the caller may see, the running ones first.',
    input: pageInputSchema,
    output: pageOf(campaignSummarySchema),
    access: 'public',
    write: false,
  },
  'campaigns.get': {
    summary: 'One campaign: schedule, rules (also in plain words) and what the caller may do now.',
    input: z.object({ id: idSchema }),
    output: campaignDetailSchema,
    access: 'public',
    write: false,
  },
  'campaigns.save': {
    summary: 'Creates a campaign (no id) or edits one; rules cannot change once voting has begun.',
    input: z.object({
      id: idSchema.optional(),
      type: z.enum(campaignTypes),
      /** Required for type 'custom'. */
      customTypeName: z.string().trim().max(12, '类型名称最多 12 个字').optional(),
      title: z.string().trim().min(2, '标题至少 2 个字').max(30, '标题最多 30 个字'),
      description: z.string().trim().max(500, '说明最多 500 个字').default(''),
      /** Null: the whole township. */
      villageId: idSchema.nullable(),
      ...scheduleFields,
      rules: campaignRulesSchema,
    }),
    output: campaignDetailSchema,
    access: admins,
    write: true,
    audit: ['id', 'type', 'title', 'villageId'],
  },
  'campaigns.closePhase': {
    summary:
      'Ends the current phase now (the next one starts); `phase` must be the current one. Logged.',
    input: z.object({
      id: idSchema,
      phase: z.enum(['nomination', 'review', 'voting', 'publicity']),
      reason: z.string().trim().min(2, '请写明提前结束的原因').max(200),
    }),
    output: campaignDetailSchema,
    access: admins,
    write: true,
    audit: ['id', 'phase', 'reason'],
  },
  'campaigns.nominees': {
    summary:
      "One page of households in the campaign's scope whose head's name contains `name` (at least two characters), while it takes nominations.",
    input: z.object({
      campaignId: idSchema,
      name: z
        .string()
        .trim()
        .min(2, '请至少输入户主姓名中的两个字')
        .max(20, '户主姓名最多 20 个字'),
      /** At most one page: the search finds a neighbour to nominate, it does not list a village. */
      limit: z.number().int('每页条数须为整数').min(1).max(NOMINEES_PAGE).default(NOMINEES_PAGE),
    }),
    output: pageOf(campaignHouseholdSchema),
    access: ['resident', 'gridWorker', 'admin'],
    write: false,
  },
  'campaigns.nominate': {
    summary:
      'Nominates a household during the nomination phase: story ≤ 500 characters, ≤ 6 photos, content-checked.',
    input: z.object({
      campaignId: idSchema,
      householdId: idSchema,
      story: z.string().trim().min(10, '事迹至少 10 个字').max(500, '事迹最多 500 个字'),
      photos: z.array(photoUrlSchema).max(6, '最多 6 张照片').default([]),
    }),
    output: nominationSchema,
    access: ['resident', 'gridWorker', 'admin'],
    write: true,
    audit: ['campaignId', 'householdId'],
  },
  'campaigns.nominations': {
    summary:
      "Nominations to review: a grid worker sees those of their grids' households, an admin all.",
    input: pageInputSchema.extend({
      campaignId: idSchema.optional(),
      status: z.enum(nominationStatuses).optional(),
    }),
    output: pageOf(nominationSchema),
    access: staff,
    write: false,
  },
  'campaigns.review': {
    summary: 'Approves a pending nomination (it gets the next candidate number) or rejects it.',
    input: z
      .object({
        id: idSchema,
        decision: z.enum(['approve', 'reject']),
        reason: z.string().trim().max(200, '理由最多 200 个字').optional(),
      })
      .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, {
        message: '请写明不通过的理由',
        path: ['reason'],
      }),
    output: nominationSchema,
    access: staff,
    write: true,
    audit: ['id', 'decision', 'reason'],
  },
  'campaigns.decline': {
    summary:
      'A bound member of the nominee household declines: the nomination is withdrawn (its votes stop counting).',
    input: z.object({ id: idSchema, reason: z.string().trim().max(200).optional() }),
    output: nominationSchema,
    access: residents,
    write: true,
    audit: ['id'],
  },
  'campaigns.candidates': {
    summary: 'Approved candidates by number; counts only when the campaign shows them.',
    input: pageInputSchema.extend({ campaignId: idSchema }),
    output: pageOf(candidateSchema),
    access: 'public',
    write: false,
  },
  'campaigns.vote': {
    summary:
      'Casts one vote during voting; every limit is enforced atomically by the store (CONFLICT when used up).',
    input: z.object({ campaignId: idSchema, candidateId: idSchema }),
    output: voteReceiptSchema,
    access: residents,
    write: true,
    audit: ['campaignId', 'candidateId'],
  },
  'campaigns.assistees': {
    summary:
      "Bound residents of the grid worker's grids (in scope), by name, with their votes left today.",
    input: pageInputSchema.extend({
      campaignId: idSchema,
      name: z.string().trim().max(20).default(''),
    }),
    output: pageOf(
      z.object({
        userId: z.string(),
        name: z.string(),
        household: campaignHouseholdSchema,
        /** 门牌号 and the household's phone masked by the server, to pick the right person. */
        houseNo: z.string(),
        maskedPhone: z.string().nullable(),
        votesLeftToday: z.number(),
      }),
    ),
    access: staff,
    write: false,
  },
  'campaigns.assistVote': {
    summary:
      "A grid worker casts a vote for a resident of their grid who asks; it is that resident's vote, marked assisted.",
    input: z.object({ campaignId: idSchema, candidateId: idSchema, residentId: idSchema }),
    output: voteReceiptSchema,
    access: staff,
    write: true,
    audit: ['campaignId', 'candidateId', 'residentId'],
  },
  'campaigns.votes': {
    summary: "A campaign's votes, newest first, with assistance and invalidation (admins).",
    input: pageInputSchema.extend({ campaignId: idSchema, candidateId: idSchema.optional() }),
    output: pageOf(voteRowSchema),
    access: admins,
    write: false,
  },
  'campaigns.invalidateVote': {
    summary: 'Invalidates a vote with a reason; the vote stays, logged, and results count it out.',
    input: z.object({
      voteId: idSchema,
      reason: z.string().trim().min(2, '请写明作废理由').max(200, '理由最多 200 个字'),
    }),
    output: voteRowSchema,
    access: admins,
    write: true,
    audit: ['voteId', 'reason'],
  },
  'campaigns.integrity': {
    summary:
      'Votes per hour, bursts, votes from newly bound accounts, assisted share: flags for admins.',
    input: campaignIdInput,
    output: integrityReportSchema,
    access: admins,
    write: false,
  },
  'campaigns.results': {
    summary:
      'Ranking with ties and winners: public once voting closed (or live when the campaign says so).',
    input: campaignIdInput,
    output: campaignResultsSchema,
    access: 'public',
    write: false,
  },
  'campaigns.object': {
    summary: 'A resident in scope files an objection (异议) to the admins during 公示.',
    input: campaignIdInput.extend({
      text: z.string().trim().min(5, '异议至少 5 个字').max(500, '异议最多 500 个字'),
    }),
    output: objectionSchema,
    access: residents,
    write: true,
    audit: ['campaignId'],
  },
  'campaigns.objections': {
    summary: "A campaign's objections, newest first (admins).",
    input: pageInputSchema.extend({ campaignId: idSchema }),
    output: pageOf(objectionSchema),
    access: admins,
    write: false,
  },
  'campaigns.export': {
    summary: 'Results, candidates and invalidated votes as an .xlsx file (base64).',
    input: campaignIdInput,
    output: z.object({ fileName: z.string(), content: z.string() }),
    access: admins,
    write: false,
  },
  'campaigns.subscribe': {
    summary:
      "Turns the caller's notifications on or off: for one campaign, or (no campaignId) for every campaign in their scope, now and future.",
    input: z.object({ campaignId: idSchema.optional(), on: z.boolean() }),
    output: z.object({ subscribed: z.boolean() }),
    access: residents,
    write: true,
    audit: ['campaignId', 'on'],
  },
  'campaigns.subscription': {
    summary: 'Whether the caller is subscribed to every campaign in their scope (the 我的 switch).',
    input: z.object({}).strict(),
    output: z.object({ all: z.boolean() }),
    access: signedIn,
    write: false,
  },
  'notify.outbox': {
    summary: "The local notifier's outbox, newest first (admins).",
    input: pageInputSchema,
    output: pageOf(outboxItemSchema),
    access: admins,
    write: false,
  },
  'me.votes': {
    summary: "The caller's votes, newest first.",
    input: pageInputSchema,
    output: pageOf(myVoteSchema),
    access: signedIn,
    write: false,
  },
  'me.nominations': {
    summary: 'Nominations the caller made and those of their household, newest first.',
    input: pageInputSchema,
    output: pageOf(myNominationSchema),
    access: signedIn,
    write: false,
  },
})
