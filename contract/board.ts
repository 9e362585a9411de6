import { z } from 'zod'
import { mediaUrlSchema } from './authoring'
import {
  emptyInputSchema,
  idSchema,
  isoSchema,
  pageInputSchema,
  pageOf,
  villageRefSchema,
} from './common'
import { defineActions, signedIn, staff } from './define'
import { monthSchema } from './filing'

const admins = ['admin'] as const

/** How far the red and black lists reach: each village group, each village, or the township. */
export const listScopeSchema = z.enum(['group', 'village', 'township'])

/** How far the lists reach. */
export type ListScope = z.infer<typeof listScopeSchema>

/** One scored item of a rubric. */
export const criterionSchema = z.object({
  id: z.string(),
  category: z.string(),
  name: z.string(),
  maxPoints: z.number(),
  /** Points taken off per instance found (0: scored directly). */
  deductionPerItem: z.number(),
  hint: z.string(),
})

/** One scored item of a rubric. */
export type Criterion = z.infer<typeof criterionSchema>

/** A rubric version; saving a rubric always makes a new version, rounds keep theirs. */
export const rubricSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  createdAt: isoSchema,
  criteria: z.array(criterionSchema),
})

/** A rubric version. */
export type Rubric = z.infer<typeof rubricSchema>

/** A criterion as an admin writes it; the criteria of a rubric must sum to 100 points. */
export const criterionInputSchema = z.object({
  category: z.string().trim().min(1, '请填写类别').max(10, '类别最多 10 个字'),
  name: z.string().trim().min(1, '请填写检查项').max(20, '检查项最多 20 个字'),
  maxPoints: z.number().int('分值须为整数').min(1, '分值至少 1 分').max(100, '分值最多 100 分'),
  deductionPerItem: z
    .number()
    .int('每处扣分须为整数')
    .min(0, '每处扣分不能小于 0')
    .max(100, '每处扣分最多 100 分')
    .default(0),
  hint: z.string().trim().max(60, '说明最多 60 个字').default(''),
})

/**
 * The ranking rules of a round. Each list is chosen by a threshold, a count, or both (then:
 * the first N of those past the threshold); at least one of the two must be set per list.
 */
export const listRulesSchema = z.object({
  scope: listScopeSchema,
  /** Red list: score at or above this. */
  redThreshold: z.number().min(0).max(100).nullable(),
  /** Red list: the best N (per scope unit). */
  redTopN: z.number().int().min(1).max(500).nullable(),
  /** Black list: score below this. */
  blackThreshold: z.number().min(0).max(100).nullable(),
  /** Black list: the worst N (per scope unit). */
  blackBottomN: z.number().int().min(1).max(500).nullable(),
})

/** The ranking rules of a round. */
export type ListRulesInput = z.infer<typeof listRulesSchema>

/** A monthly inspection round. */
export const roundSchema = z.object({
  id: z.string(),
  month: z.string(),
  title: z.string(),
  /** open: being inspected; published: lists frozen and public (公示 until publicityEndsAt). */
  status: z.enum(['open', 'published']),
  rubricId: z.string(),
  rubricVersion: z.number(),
  windowStart: isoSchema,
  windowEnd: isoSchema,
  publishedAt: isoSchema.nullable(),
  publicityEndsAt: isoSchema.nullable(),
  /** Published and the 公示 window has not ended: residents may appeal. */
  inPublicity: z.boolean(),
  scope: listScopeSchema,
  redThreshold: z.number().nullable(),
  redTopN: z.number().nullable(),
  blackThreshold: z.number().nullable(),
  blackBottomN: z.number().nullable(),
  publicityDays: z.number(),
  /** Days a black-listed household has to put things right, from publication. */
  rectificationDays: z.number(),
  /**
   * While its lists are being published in chunks (a county on WeChat cloud): villages done of
   * all, and why it stopped if it failed; absent otherwise.
   */
  publishing: z
    .object({
      villagesDone: z.number(),
      villagesTotal: z.number(),
      /** collect: scores being gathered; write: lines written; notify: households being told. */
      phase: z.enum(['collect', 'write', 'notify']),
      failed: z.string().nullable(),
    })
    .optional(),
})

/** A monthly inspection round. */
export type Round = z.infer<typeof roundSchema>

/** One household's line on the red, black or 进步 list. */
export const rankEntrySchema = z.object({
  householdId: z.string(),
  /** Rank within its scope unit (group, village or township). */
  rank: z.number(),
  /** Full name only where the viewer may see it (DESIGN.md, privacy); masked otherwise. */
  name: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  /** The scope unit the rank counts in: a group's, a village's name, or 全镇. */
  unitName: z.string(),
  score: z.number(),
  /** Items where points were taken off. */
  deductedItems: z.number(),
  /** Score in the previous round (进步榜), null when not inspected then. */
  previousScore: z.number().nullable(),
  /** score − previousScore, null without a previous score. */
  delta: z.number().nullable(),
  /** Black list: a re-inspection reached the threshold (已整改). */
  rectified: z.boolean(),
  /** Black list: the rectification deadline; only for viewers who see full detail. */
  rectifyBy: isoSchema.nullable(),
  /** Whether this viewer may open the household's breakdown with notes and photos. */
  fullDetail: z.boolean(),
})

/** One household's line on a list. */
export type RankEntry = z.infer<typeof rankEntrySchema>

/** Which list of a round. */
export const listKindSchema = z.enum(['red', 'black', 'progress'])

/** Which list of a round. */
export type ListKind = z.infer<typeof listKindSchema>

/** A village's line of the township overview. */
export const villageStatSchema = z.object({
  village: villageRefSchema,
  households: z.number(),
  inspected: z.number(),
  /** inspected / households, 0..1 (rounded to 3 decimals). */
  coverage: z.number(),
  average: z.number().nullable(),
  redCount: z.number(),
  blackCount: z.number(),
})

/** A village's line of the township overview. */
export type VillageStat = z.infer<typeof villageStatSchema>

/** A photo taken on the spot; `takenAt` is the phone's capture time. */
export const inspectionPhotoSchema = z.object({
  url: mediaUrlSchema,
  takenAt: isoSchema,
})

/** A photo of an inspection or appeal. */
export type InspectionPhoto = z.infer<typeof inspectionPhotoSchema>

/**
 * One item as the inspector entered it (contract/scoring.ts): the points given to a directly
 * scored item, the problems found on a deduction item; the server derives the score.
 */
export const inspectionItemInputSchema = z.object({
  criterionId: idSchema,
  /** A directly scored item's points (ignored on a deduction item). */
  points: z
    .number()
    .int('分数须为整数')
    .min(0, '分数不能小于 0')
    .max(100, '分数最多 100')
    .nullable()
    .optional(),
  /** Problems found on a deduction item, each taking off the criterion's deductionPerItem. */
  deductions: z
    .number()
    .int('问题处数须为整数')
    .min(0, '问题处数不能小于 0')
    .max(50, '问题最多记 50 处')
    .default(0),
  note: z.string().trim().max(100, '备注最多 100 字').default(''),
})

/** What an inspection scores: every criterion of the round's rubric once, with photos. */
const inspectionBodySchema = z.object({
  items: z.array(inspectionItemInputSchema).min(1, '请逐项打分').max(30),
  photos: z.array(inspectionPhotoSchema).max(9, '最多 9 张照片').default([]),
  /**
   * Made by the phone when the inspection is saved; a resend of the same inspection (after
   * the network came back) carries the same id and creates nothing new.
   */
  clientId: z
    .string()
    .trim()
    .regex(/^[\w-]{8,64}$/, '提交编号无效'),
})

/** One item of a saved inspection: what was entered, and the score derived from it. */
export const scoredItemSchema = z.object({
  criterionId: z.string(),
  category: z.string(),
  name: z.string(),
  maxPoints: z.number(),
  /** 0: scored directly (by `points`); else taken off per problem (`deductions`). */
  deductionPerItem: z.number(),
  /** Entered: the points given to a directly scored item; null on a deduction item. */
  points: z.number().nullable(),
  /** Entered: the problems found on a deduction item; 0 on a directly scored item. */
  deductions: z.number(),
  /** The item's score, derived from what was entered (contract/scoring.ts itemScore). */
  score: z.number(),
  /** Only for viewers who see full detail; '' otherwise. */
  note: z.string(),
})

/** One version of a household's inspection in a round. */
export const inspectionVersionSchema = z.object({
  id: z.string(),
  version: z.number(),
  total: z.number(),
  /** first: the round's inspection; reinspect: a later one; appeal: after an appeal. */
  reason: z.enum(['first', 'reinspect', 'appeal']),
  createdAt: isoSchema,
  /** Staff only; null for others. */
  inspectorName: z.string().nullable(),
  items: z.array(scoredItemSchema),
  /** Empty for viewers who may not see photos. */
  photos: z.array(inspectionPhotoSchema),
})

/** One version of an inspection. */
export type InspectionVersion = z.infer<typeof inspectionVersionSchema>

/** An appeal against a household's score in a published round. */
export const appealSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  household: z.object({
    id: z.string(),
    headName: z.string(),
    houseNo: z.string(),
    villageName: z.string(),
    groupName: z.string(),
  }),
  appellantName: z.string(),
  text: z.string(),
  photos: z.array(inspectionPhotoSchema),
  status: z.enum(['pending', 'reinspected', 'rejected']),
  /** Score when appealed, and after a re-inspection. */
  scoreBefore: z.number(),
  scoreAfter: z.number().nullable(),
  reason: z.string().nullable(),
  createdAt: isoSchema,
  decidedAt: isoSchema.nullable(),
})

/** An appeal. */
export type Appeal = z.infer<typeof appealSchema>

/** A household of the caller's grids in the inspection walk list. */
export const inspectableSchema = z.object({
  householdId: z.string(),
  headName: z.string(),
  houseNo: z.string(),
  villageName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  /** Inspected in this round. */
  done: z.boolean(),
  score: z.number().nullable(),
  version: z.number().nullable(),
})

/** A household in the inspection walk list. */
export type Inspectable = z.infer<typeof inspectableSchema>

/** A household's line in one round, for its history chart. */
export const historyPointSchema = z.object({
  roundId: z.string(),
  month: z.string(),
  title: z.string(),
  score: z.number(),
  list: z.enum(['red', 'black']).nullable(),
  rectified: z.boolean(),
})

/** A list as printed for the bulletin board: masked as for the public. */
const printEntrySchema = z.object({
  rank: z.number(),
  name: z.string(),
  groupName: z.string(),
  unitName: z.string(),
  score: z.number(),
  rectified: z.boolean(),
})

/** A household's consent to its head's full name on the red list. */
export const consentSchema = z.object({
  householdId: z.string(),
  showNameOnRed: z.boolean(),
  /** Only the member bound as 户主 may change it; the others see it read-only. */
  canChange: z.boolean(),
  /** The nickname of who last set it, and when; null when it was never set in the app. */
  setByName: z.string().nullable(),
  setAt: isoSchema.nullable(),
})

/** A household's consent to its head's full name on the red list. */
export type Consent = z.infer<typeof consentSchema>

const roundRefInput = z.object({ roundId: idSchema })

const publicityDaysSchema = z.number().int().min(1, '公示至少 1 天').max(30, '公示最多 30 天')

/** The figures of a publish preview that the publication must still match. */
export const publishExpectSchema = z.object({
  inspected: z.number().int().min(0),
  red: z.number().int().min(0),
  black: z.number().int().min(0),
})

/** What publishing a round would make public now. */
export const publishPreviewSchema = z.object({
  round: roundSchema,
  villages: z.array(
    z.object({
      village: villageRefSchema,
      households: z.number(),
      inspected: z.number(),
      /** Not inspected: not on any list of this round. */
      uninspected: z.number(),
    }),
  ),
  households: z.number(),
  /** Echo these in board.publish's `expect`. */
  expect: publishExpectSchema,
  publishedAt: isoSchema,
  publicityEndsAt: isoSchema,
})

/** What publishing a round would make public now. */
export type PublishPreview = z.infer<typeof publishPreviewSchema>
const villageFilter = z.object({ villageId: idSchema.optional() })

/** Actions of the living-environment red and black list (人居环境红黑榜). */
export const boardActions = defineActions({
  'rubrics.current': {
    summary: 'The newest rubric version (null before any is saved).',
    input: emptyInputSchema,
    output: rubricSchema.nullable(),
    access: staff,
    write: false,
  },
  'rubrics.list': {
    summary: 'Every rubric version, newest first.',
    input: pageInputSchema,
    output: pageOf(rubricSchema),
    access: admins,
    write: false,
  },
  'rubrics.save': {
    summary: 'Saves the rubric as a new version; its criteria must sum to 100 points.',
    input: z.object({
      name: z.string().trim().min(2, '名称至少 2 个字').max(30, '名称最多 30 个字'),
      criteria: z.array(criterionInputSchema).min(1, '至少一个检查项').max(20, '最多 20 个检查项'),
    }),
    output: rubricSchema,
    access: admins,
    write: true,
    audit: ['name'],
  },
  'board.rounds': {
    summary: 'Inspection rounds, newest first; residents and visitors see published ones only.',
    input: pageInputSchema,
    output: pageOf(roundSchema),
    access: 'public',
    write: false,
  },
  'board.openRound': {
    summary:
      'Opens a month’s round with the current rubric, its inspection window and ranking rules.',
    input: listRulesSchema
      .extend({
        month: monthSchema,
        /** Default: 'YYYY年M月人居环境检查'. */
        title: z.string().trim().min(2, '标题至少 2 个字').max(30, '标题最多 30 个字').optional(),
        /** Default: the whole month (Asia/Shanghai). */
        windowStart: isoSchema.optional(),
        windowEnd: isoSchema.optional(),
        publicityDays: z
          .number()
          .int()
          .min(1, '公示至少 1 天')
          .max(30, '公示最多 30 天')
          .default(7),
        rectificationDays: z
          .number()
          .int()
          .min(1, '整改期限至少 1 天')
          .max(90, '整改期限最多 90 天')
          .default(15),
      })
      .partial({
        scope: true,
        redThreshold: true,
        redTopN: true,
        blackThreshold: true,
        blackBottomN: true,
      }),
    output: roundSchema,
    access: admins,
    write: true,
    audit: ['scope', 'month', 'title', 'windowStart', 'windowEnd'],
  },
  'board.round': {
    summary: 'One round with the criteria of the rubric it was opened with.',
    input: z.object({ id: idSchema }),
    output: roundSchema.extend({ rubric: rubricSchema }),
    access: 'public',
    write: false,
  },
  'board.ranking': {
    summary:
      "A round's overview for one village or the township, with the first page of each list.",
    input: roundRefInput.extend(villageFilter.shape),
    output: z.object({
      round: roundSchema,
      village: villageRefSchema.nullable(),
      /** Households in view (the village, or the township) and how many were inspected. */
      households: z.number(),
      inspected: z.number(),
      coverage: z.number(),
      average: z.number().nullable(),
      /** Published lists are frozen: later inspections change them only via appeals. */
      frozen: z.boolean(),
      red: z.array(rankEntrySchema),
      redNext: z.string().nullable(),
      /** Null when this viewer may not see the black list; `blackHiddenReason` says why. */
      black: z.array(rankEntrySchema).nullable(),
      blackNext: z.string().nullable(),
      blackHiddenReason: z.string().nullable(),
      /** 进步榜: most improved against the previous round, first page. */
      progress: z.array(rankEntrySchema),
      progressNext: z.string().nullable(),
    }),
    access: 'public',
    write: false,
  },
  'board.list': {
    summary: 'The following pages of one list of a round (red, black or 进步榜).',
    input: pageInputSchema.extend({
      roundId: idSchema,
      villageId: idSchema.optional(),
      list: listKindSchema,
    }),
    output: pageOf(rankEntrySchema),
    access: 'public',
    write: false,
  },
  'board.villages': {
    summary: "Each village's average score and inspection coverage in a round.",
    input: roundRefInput,
    output: z.array(villageStatSchema),
    access: 'public',
    write: false,
  },
  'board.inspectables': {
    summary:
      "Households of the caller's grids (admins: all) with done/not-done in a round, by 门牌号.",
    input: pageInputSchema.extend({
      roundId: idSchema,
      keyword: z.string().trim().max(30, '关键词最多 30 个字').optional(),
      groupId: idSchema.optional(),
      done: z.boolean().optional(),
    }),
    output: pageOf(inspectableSchema).extend({
      /** Groups of the caller's grids, for the filter. */
      groups: z.array(z.object({ id: z.string(), name: z.string(), villageName: z.string() })),
      /** In the caller's grids (ignoring keyword/group/done): households and inspected ones. */
      total: z.number(),
      doneCount: z.number(),
    }),
    access: staff,
    write: false,
  },
  'board.inspect': {
    summary:
      'Scores a household of the caller’s grid in a round (a second time: a new version); idempotent by clientId.',
    input: inspectionBodySchema.extend({ roundId: idSchema, householdId: idSchema }),
    output: z.object({
      inspection: inspectionVersionSchema,
      /** True when this clientId was already saved: nothing new was written. */
      duplicate: z.boolean(),
      /** A black-listed household reached the threshold after publication (已整改). */
      rectified: z.boolean(),
    }),
    access: staff,
    write: true,
    audit: ['roundId', 'householdId', 'clientId'],
  },
  'board.inspection': {
    summary:
      "One household's inspection in a round: latest and earlier versions, rectification and appeals.",
    input: roundRefInput.extend({ householdId: idSchema }),
    output: z.object({
      round: roundSchema,
      household: z.object({
        id: z.string(),
        name: z.string(),
        houseNo: z.string(),
        villageName: z.string(),
        groupName: z.string(),
      }),
      /** Household, its grid workers, admins: notes, photos, all versions. */
      fullDetail: z.boolean(),
      latest: inspectionVersionSchema.nullable(),
      /** Older versions, newest first (empty without full detail). */
      earlier: z.array(inspectionVersionSchema),
      list: z.enum(['red', 'black']).nullable(),
      rectification: z
        .object({ deadline: isoSchema, rectified: z.boolean(), threshold: z.number() })
        .nullable(),
      /** The household's appeals in this round (empty without full detail). */
      appeals: z.array(appealSchema),
      /** The caller is bound to this household and may appeal now. */
      canAppeal: z.boolean(),
    }),
    access: 'public',
    write: false,
  },
  'board.publishPreview': {
    summary:
      'What publishing would make public now: per village inspected of all, the 红榜 and 黑榜 counts and the 公示 dates.',
    input: roundRefInput.extend({ publicityDays: publicityDaysSchema.optional() }),
    output: publishPreviewSchema,
    access: admins,
    write: false,
  },
  'board.publish': {
    summary:
      'Freezes the round’s lists and opens its 公示 window, only as the confirmed preview said (`expect`).',
    input: roundRefInput.extend({
      publicityDays: publicityDaysSchema.optional(),
      /** The preview the admin confirmed: publishing is refused when the lists changed since. */
      expect: publishExpectSchema,
    }),
    output: roundSchema,
    access: admins,
    write: true,
    audit: ['roundId', 'publicityDays', 'expect'],
  },
  'board.withdraw': {
    summary:
      'Withdraws a publication during 公示 with a written reason: the lists disappear, notified households get a correction, the round can be published again.',
    input: roundRefInput.extend({
      reason: z
        .string()
        .trim()
        .min(5, '请写明撤回理由（至少 5 个字）')
        .max(200, '撤回理由最多 200 字'),
    }),
    output: roundSchema,
    access: admins,
    write: true,
    audit: ['roundId', 'reason'],
  },
  'board.appeal': {
    summary: "A bound resident appeals their household's score during 公示.",
    input: roundRefInput.extend({
      text: z.string().trim().min(5, '请写明申诉理由（至少 5 个字）').max(500, '最多 500 字'),
      photos: z.array(inspectionPhotoSchema).max(9, '最多 9 张照片').default([]),
    }),
    output: appealSchema,
    access: signedIn,
    write: true,
    audit: ['roundId'],
  },
  'board.appeals': {
    summary: "Appeals of the caller's grids (admins: all), pending first then newest.",
    input: pageInputSchema.extend({
      status: z.enum(['pending', 'decided']).optional(),
      roundId: idSchema.optional(),
    }),
    output: pageOf(appealSchema),
    access: staff,
    write: false,
  },
  'board.myAppeals': {
    summary: "The appeals of the caller's own household, newest first (none when unbound).",
    input: pageInputSchema,
    output: pageOf(appealSchema),
    access: signedIn,
    write: false,
  },
  'board.decideAppeal': {
    summary: 'Re-inspects (a new version; the lists are recomputed) or rejects with a reason.',
    input: z.discriminatedUnion('decision', [
      inspectionBodySchema.extend({ id: idSchema, decision: z.literal('reinspect') }),
      z.object({
        id: idSchema,
        decision: z.literal('reject'),
        reason: z.string().trim().min(2, '请填写驳回理由（至少 2 个字）').max(200, '最多 200 字'),
      }),
    ]),
    output: appealSchema,
    access: staff,
    write: true,
    audit: ['id', 'decision'],
  },
  'board.history': {
    summary:
      "A household's scores across published rounds, oldest first (own household, its grid workers, admins).",
    input: pageInputSchema.extend({ householdId: idSchema.optional() }),
    output: pageOf(historyPointSchema).extend({
      household: z.object({ id: z.string(), name: z.string(), houseNo: z.string() }),
    }),
    access: signedIn,
    write: false,
  },
  'board.export': {
    summary: "A round's results as .xlsx (base64): per village, and per household with items.",
    input: roundRefInput,
    output: z.object({ fileName: z.string(), content: z.string() }),
    access: admins,
    write: false,
  },
  'board.printable': {
    summary: "A village's red and black lists for the A4 print page, masked as for the public.",
    input: roundRefInput.extend({ villageId: idSchema }),
    output: z.object({
      round: roundSchema,
      village: villageRefSchema,
      red: z.array(printEntrySchema),
      black: z.array(printEntrySchema),
      printedAt: isoSchema,
    }),
    access: staff,
    write: false,
  },
  'board.consent': {
    summary:
      "Whether the caller's household lets the red list show its head's full name, who set it and when.",
    input: emptyInputSchema,
    output: consentSchema,
    access: signedIn,
    write: false,
  },
  'board.setConsent': {
    summary:
      'The member bound as 户主 gives or withdraws consent to the full name on the red list.',
    input: z.object({ showNameOnRed: z.boolean() }),
    output: consentSchema,
    access: signedIn,
    write: true,
    audit: ['showNameOnRed'],
  },
})
