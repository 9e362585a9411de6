import { z } from 'zod'
import { idSchema, isoSchema, pageInputSchema, pageOf, villageRefSchema } from './common'
import { defineActions, staff } from './define'
import { monthSchema } from './filing'

const admins = ['admin'] as const

/** A day in Asia/Shanghai, 'YYYY-MM-DD'. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD')

/** A notice's 广播稿: the script read over the loudspeaker. */
export const scriptSchema = z.object({
  noticeId: z.string(),
  title: z.string(),
  script: z.string(),
  /** Saved by staff (true) or derived from the notice as it stands (false). */
  edited: z.boolean(),
  /** Reading time at about 220 字 a minute. */
  seconds: z.number(),
  updatedAt: isoSchema.nullable(),
})

/** A notice's 广播稿. */
export type BroadcastScript = z.infer<typeof scriptSchema>

/** One scheduled broadcast: a notice's script on a village's loudspeaker on a day. */
export const playSchema = z.object({
  id: z.string(),
  village: villageRefSchema,
  day: z.string(),
  noticeId: z.string(),
  title: z.string(),
  playedAt: isoSchema.nullable(),
})

/** One scheduled broadcast. */
export type Play = z.infer<typeof playSchema>

/** 大喇叭: scripts for the village loudspeaker and each village's 广播安排. */
export const broadcastActions = defineActions({
  'broadcast.script': {
    summary: "A published notice's 广播稿: the saved script, or one derived from the notice.",
    input: z.object({ noticeId: idSchema }),
    output: scriptSchema,
    access: staff,
    write: false,
  },
  'broadcast.saveScript': {
    summary:
      'Saves an edited 广播稿 of a published notice (an empty script goes back to the derived one).',
    input: z.object({
      noticeId: idSchema,
      script: z.string().trim().max(5_000, '广播稿最多 5000 字'),
    }),
    output: scriptSchema,
    access: staff,
    write: true,
    audit: ['noticeId'],
  },
  'broadcast.schedule': {
    summary: "Puts a published notice's script on a village's loudspeaker on the given days.",
    input: z.object({
      villageId: idSchema,
      noticeId: idSchema,
      days: z.array(daySchema).min(1, '请至少选一天').max(14, '一次最多安排 14 天'),
    }),
    output: z.object({ added: z.number() }),
    access: admins,
    write: true,
    audit: ['villageId', 'noticeId', 'days'],
  },
  'broadcast.unschedule': {
    summary: 'Takes a scheduled broadcast off the plan (one already played stays).',
    input: z.object({ id: idSchema }),
    output: z.object({ id: z.string() }),
    access: admins,
    write: true,
    audit: ['id'],
  },
  'broadcast.plays': {
    summary:
      "A village's 广播安排 from a day on (default today), by day (admins; grid workers their villages).",
    input: pageInputSchema.extend({
      villageId: idSchema,
      from: daySchema.optional(),
      to: daySchema.optional(),
    }),
    output: pageOf(playSchema),
    access: staff,
    write: false,
  },
  'broadcast.markPlayed': {
    summary: "Marks today's scheduled broadcast as played (the village's grid worker; optional).",
    input: z.object({ id: idSchema }),
    output: playSchema,
    access: staff,
    write: true,
    audit: ['id'],
  },
  'broadcast.month': {
    summary: "Each village's scheduled and played broadcasts in a month, beside 信息报送.",
    input: z.object({ month: monthSchema }),
    output: z.array(
      z.object({ village: villageRefSchema, scheduled: z.number(), played: z.number() }),
    ),
    access: admins,
    write: false,
  },
})
