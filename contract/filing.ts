import { z } from 'zod'
import { emptyInputSchema, idSchema, isoSchema, villageRefSchema } from './common'
import { defineActions } from './define'
export { monthLabel, recentMonths } from './months'

const admins = ['admin'] as const

/** A calendar month in Asia/Shanghai, 'YYYY-MM'. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

/** 信息报送考核's rule: the monthly minimum per village and the score's weights. */
export const filingSettingsSchema = z.object({
  minimum: z
    .number()
    .int('每月最少篇数须为整数')
    .min(0, '每月最少篇数不能小于 0')
    .max(31, '每月最少篇数最多 31'),
  countWeight: z.number().min(0, '分值不能小于 0').max(100, '分值最多 100'),
  adoptedWeight: z.number().min(0, '分值不能小于 0').max(100, '分值最多 100'),
})

/** 信息报送考核's rule. */
export type FilingSettings = z.infer<typeof filingSettingsSchema>

/** One village's line of the monthly table. */
export const filingRowSchema = z.object({
  village: villageRefSchema,
  /** Notices published that month for the village (a multi-village notice counts for each). */
  count: z.number(),
  /** Of those, the ones marked 被上级采用. */
  adopted: z.number(),
  score: z.number(),
  belowMinimum: z.boolean(),
})

/** One village's line of the monthly table. */
export type FilingRow = z.infer<typeof filingRowSchema>

export const filingTableSchema = filingSettingsSchema.extend({
  month: z.string(),
  rows: z.array(filingRowSchema),
})

/** The monthly table of 信息报送考核. */
export type FilingTable = z.infer<typeof filingTableSchema>

/** A published notice counted for a village, with its adoption. */
export const filedNoticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  publishAt: isoSchema,
  adopted: z.boolean(),
})

/** A published notice counted for a village. */
export type FiledNotice = z.infer<typeof filedNoticeSchema>

/** 信息报送考核: each village's monthly notices, adoption by higher-level media and score. */
export const filingActions = defineActions({
  'filing.table': {
    summary:
      "Each village's published notices, adopted pieces and score for a month (default: this month).",
    input: z.object({ month: monthSchema.optional() }),
    output: filingTableSchema,
    access: admins,
    write: false,
  },
  'filing.notices': {
    summary: "A village's notices published in a month, oldest first, with their adoption.",
    input: z.object({ month: monthSchema, villageId: idSchema }),
    output: z.array(filedNoticeSchema),
    access: admins,
    write: false,
  },
  'filing.settings': {
    summary: 'The monthly minimum per village and the score weights.',
    input: emptyInputSchema,
    output: filingSettingsSchema,
    access: admins,
    write: false,
  },
  'filing.setSettings': {
    summary: 'Sets the monthly minimum per village and the score weights.',
    input: filingSettingsSchema,
    output: filingSettingsSchema,
    access: admins,
    write: true,
    audit: ['minimum', 'countWeight', 'adoptedWeight'],
  },
  'filing.export': {
    summary: 'The monthly table as an .xlsx file (base64).',
    input: z.object({ month: monthSchema }),
    output: z.object({ fileName: z.string(), content: z.string() }),
    access: admins,
    write: false,
  },
  'notices.setAdopted': {
    summary: 'Marks a published notice 被上级采用, or unmarks it.',
    input: z.object({ id: idSchema, adopted: z.boolean() }),
    output: z.object({ id: z.string(), adopted: z.boolean() }),
    access: admins,
    write: true,
    audit: ['id', 'adopted'],
  },
})
