import { z } from 'zod'
import { idSchema, isoSchema, pageInputSchema, pageOf, villageRefSchema } from './common'
import { noticeScopeSchema } from './bulletin'
import { defineActions, signedIn, staff } from './define'
import { monthSchema } from './filing'
import { activityStates, activityTypes, signupStatuses } from './activities.labels'

export {
  activityStateLabels,
  activityStates,
  activityTypeLabels,
  activityTypes,
  codeFromScan,
  signupStatusLabels,
  signupStatuses,
  VOLUNTEER_QR_PREFIX,
  type ActivityState,
  type ActivityType,
  type SignupStatus,
} from './activities.labels'

const residents = ['resident'] as const

const pictureSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^(\/media\/[\w.-]+|https:\/\/\S+|cloud:\/\/\S+)$/, '图片地址无效，请重新上传')

const text = (label: string, min: number, max: number) =>
  z.string().trim().min(min, `${label}至少 ${min} 个字`).max(max, `${label}最多 ${max} 个字`)

/** What staff fill in for an activity. */
export const activityFieldsSchema = z.object({
  /** The 文明实践站 (or 所) that runs it. */
  station: text('实践站名称', 2, 30),
  type: z.enum(activityTypes, { message: '请选择活动类型' }),
  title: text('标题', 2, 30),
  description: text('活动内容', 1, 2_000),
  pictures: z.array(pictureSchema).max(9, '最多 9 张图片').default([]),
  place: text('地点', 2, 50),
  startsAt: isoSchema,
  endsAt: isoSchema,
  signupDeadline: isoSchema,
  capacity: z
    .number({ message: '请填写名额' })
    .int('名额须为整数')
    .min(1, '名额至少为 1')
    .max(500, '名额最多为 500'),
  scope: noticeScopeSchema,
})

/** What staff fill in for an activity. */
export type ActivityFields = z.input<typeof activityFieldsSchema>

/** An activity as listed. */
export const activitySummarySchema = z.object({
  id: z.string(),
  station: z.string(),
  type: z.enum(activityTypes),
  typeLabel: z.string(),
  title: z.string(),
  place: z.string(),
  startsAt: isoSchema,
  endsAt: isoSchema,
  signupDeadline: isoSchema,
  capacity: z.number(),
  signedCount: z.number(),
  waitingCount: z.number(),
  /** Empty for the whole township. */
  villages: z.array(villageRefSchema),
  state: z.enum(activityStates),
  /** The first picture, for the list. */
  cover: z.string().nullable(),
})

/** An activity as listed. */
export type ActivitySummary = z.infer<typeof activitySummarySchema>

/** The caller's own place on an activity, and what they may do now. */
export const activityMeSchema = z.object({
  /** null: never signed up. */
  status: z.enum(signupStatuses).nullable(),
  /** 1 for the first on the waiting list; null unless waiting. */
  waitingPosition: z.number().nullable(),
  checkedIn: z.boolean(),
  /** Credited hours, once the activity has ended. */
  hours: z.number().nullable(),
  canSignUp: z.boolean(),
  /** Why not, in plain words (null when allowed or already signed up). */
  signUpBlockedReason: z.string().nullable(),
  canCancel: z.boolean(),
})

/** An activity with its description, pictures and the caller's place on it. */
export const activityDetailSchema = activitySummarySchema.extend({
  description: z.string(),
  pictures: z.array(z.string()),
  cancelReason: z.string().nullable(),
  /** Hours credited to each person checked in (the activity's duration, rounded). */
  hours: z.number(),
  me: activityMeSchema,
  /** Staff who may edit, cancel and check people in. */
  canManage: z.boolean(),
  /** Check-in is open now (from 2 hours before the start to a day after the end). */
  checkInOpen: z.boolean(),
  /** The notice draft made from it, if any. */
  noticeId: z.string().nullable(),
})

/** An activity with the caller's place on it. */
export type ActivityDetail = z.infer<typeof activityDetailSchema>

/** One person on an activity's list, as staff see it. */
export const signupRowSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  householdName: z.string(),
  villageName: z.string(),
  status: z.enum(signupStatuses),
  /** Order of sign-up (the waiting list moves up in this order). */
  seq: z.number(),
  signedUpAt: isoSchema,
  checkedIn: z.boolean(),
  checkedInAt: isoSchema.nullable(),
  hours: z.number().nullable(),
  adjustReason: z.string().nullable(),
})

/** One person on an activity's list. */
export type SignupRow = z.infer<typeof signupRowSchema>

/** One of my activities (我的志愿). */
export const myActivitySchema = z.object({
  signupId: z.string(),
  activity: activitySummarySchema,
  status: z.enum(signupStatuses),
  waitingPosition: z.number().nullable(),
  checkedIn: z.boolean(),
  hours: z.number().nullable(),
  signedUpAt: isoSchema,
})

/** One of my activities. */
export type MyActivity = z.infer<typeof myActivitySchema>

/** A household's volunteer record (我的家庭, 户码 page). */
export const householdHoursSchema = z.object({
  householdId: z.string(),
  totalHours: z.number(),
  /** Activities with credited hours. */
  activityCount: z.number(),
  /** Members of the household with credited hours. */
  people: z.number(),
  /** The latest credited activities, newest first. */
  recent: z.array(
    z.object({
      activityId: z.string(),
      title: z.string(),
      startsAt: isoSchema,
      name: z.string(),
      hours: z.number(),
    }),
  ),
})

/** A household's volunteer record. */
export type HouseholdHours = z.infer<typeof householdHoursSchema>

/** One participant's line of a village's month (in 门牌号 order: a record, not a ranking). */
export const monthlyRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  householdName: z.string(),
  houseNo: z.string(),
  activities: z.number(),
  hours: z.number(),
})

export type MonthlyRow = z.infer<typeof monthlyRowSchema>

export const monthlyTableSchema = z.object({
  month: z.string(),
  village: villageRefSchema,
  totalHours: z.number(),
  participants: z.number(),
  /** Activities of that month in the village's scope (township ones included). */
  activities: z.number(),
  rows: z.array(monthlyRowSchema),
  nextCursor: z.string().nullable(),
})

/** A village's volunteer hours in a month. */
export type MonthlyTable = z.infer<typeof monthlyTableSchema>

/** 新时代文明实践: activities of a 文明实践站, sign-ups, check-in and volunteer hours. */
export const activityActions = defineActions({
  'activities.list': {
    summary:
      'Activities the caller may see: upcoming (soonest first) or past (latest first), paginated.',
    input: pageInputSchema.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
    output: pageOf(activitySummarySchema),
    access: 'public',
    write: false,
  },
  'activities.get': {
    summary: "One activity with its pictures and the caller's sign-up.",
    input: z.object({ id: idSchema }),
    output: activityDetailSchema,
    access: 'public',
    write: false,
  },
  'activities.save': {
    summary:
      'Creates an activity, or edits one (id given); grid workers only for the villages they serve.',
    input: activityFieldsSchema.extend({ id: idSchema.optional() }),
    output: activityDetailSchema,
    access: staff,
    write: true,
    audit: ['id', 'title', 'type', 'startsAt', 'endsAt', 'signupDeadline', 'capacity', 'scope'],
  },
  'activities.cancel': {
    summary: 'Cancels an activity; everyone signed up or waiting is told the reason.',
    input: z.object({ id: idSchema, reason: text('取消原因', 2, 100) }),
    output: activityDetailSchema,
    access: staff,
    write: true,
    audit: ['id', 'reason'],
  },
  'activities.signUp': {
    summary: 'Signs the caller up (or onto the waiting list when it is full).',
    input: z.object({ id: idSchema }),
    output: activityDetailSchema,
    access: residents,
    write: true,
    audit: ['id'],
  },
  'activities.cancelSignup': {
    summary: "Takes the caller off an activity's list; the first waiting moves up.",
    input: z.object({ id: idSchema }),
    output: activityDetailSchema,
    access: residents,
    write: true,
    audit: ['id'],
  },
  'activities.signups': {
    summary: "An activity's list for its staff: signed up first, then waiting, in sign-up order.",
    input: pageInputSchema.extend({ activityId: idSchema }),
    output: pageOf(signupRowSchema),
    access: staff,
    write: false,
  },
  'activities.resolveCode': {
    summary: 'The sign-up on an activity of the person whose personal code was scanned (staff).',
    input: z.object({
      activityId: idSchema,
      code: z.string().trim().min(1, '请扫描或输入志愿码').max(64, '志愿码无效'),
    }),
    output: signupRowSchema,
    access: staff,
    write: false,
  },
  'activities.checkIn': {
    summary: 'Marks a person signed up as present (or, before hours are credited, not present).',
    input: z.object({
      activityId: idSchema,
      signupId: idSchema,
      present: z.boolean().default(true),
    }),
    output: signupRowSchema,
    access: staff,
    write: true,
    audit: ['activityId', 'signupId', 'present'],
  },
  'activities.adjustHours': {
    summary: "Sets a checked-in person's hours after the activity, with a reason.",
    input: z.object({
      activityId: idSchema,
      signupId: idSchema,
      hours: z
        .number({ message: '请填写时长' })
        .min(0, '时长不能小于 0')
        .max(24, '时长最多 24 小时')
        .refine((h) => Number.isInteger(h * 2), '时长以半小时为单位'),
      reason: text('调整原因', 2, 100),
    }),
    output: signupRowSchema,
    access: staff,
    write: true,
    audit: ['activityId', 'signupId', 'hours', 'reason'],
  },
  'activities.toNotice': {
    summary:
      'Turns an activity that has ended into a notice draft with its pictures (影像新闻 or 文明实践 column).',
    input: z.object({ id: idSchema }),
    output: z.object({ noticeId: z.string() }),
    access: staff,
    write: true,
    audit: ['id'],
  },
  'activities.me': {
    summary: "The caller's volunteer hours in all, and their personal code for check-in.",
    input: z.object({}).strict(),
    output: z.object({
      /** Shown on 我的 for staff to scan; null until the first sign-up. */
      code: z.string().nullable(),
      /** The code as a QR code (rows of '1' dark / '0' light modules), for staff to scan. */
      qr: z.array(z.string()).nullable(),
      totalHours: z.number(),
      activityCount: z.number(),
    }),
    access: signedIn,
    write: false,
  },
  'activities.mine': {
    summary: "The caller's sign-ups, newest first, with hours (我的志愿).",
    input: pageInputSchema,
    output: pageOf(myActivitySchema),
    access: signedIn,
    write: false,
  },
  'activities.householdHours': {
    summary:
      "A household's volunteer hours: for the household itself, its grid workers and admins.",
    input: z.object({ householdId: idSchema }),
    output: householdHoursSchema,
    access: signedIn,
    write: false,
  },
  'activities.monthly': {
    summary:
      "A village's volunteer hours and participants in a month, in 门牌号 order (staff of the village).",
    input: pageInputSchema.extend({ month: monthSchema, villageId: idSchema }),
    output: monthlyTableSchema,
    access: staff,
    write: false,
  },
  'activities.export': {
    summary: "A village's month of volunteer hours as an .xlsx file (base64).",
    input: z.object({ month: monthSchema, villageId: idSchema }),
    output: z.object({ fileName: z.string(), content: z.string() }),
    access: staff,
    write: false,
  },
})
