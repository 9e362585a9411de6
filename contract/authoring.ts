import { z } from 'zod'
import { emptyInputSchema, idSchema, isoSchema, pageInputSchema, pageOf } from './common'
import { noticeSchema, noticeScopeSchema } from './bulletin'
import { defineActions, staff } from './define'

const admins = ['admin'] as const

/** Where an uploaded file is served from: our /media/ path (local) or a cloud fileID/https URL. */
export const mediaUrlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^(\/media\/[\w.-]+|https:\/\/\S+|cloud:\/\/\S+)$/, '图片或视频地址无效，请重新上传')

/** A notice as its author or an admin edits it, in any state. */
export const editableNoticeSchema = noticeSchema.extend({
  status: z.enum(['draft', 'scheduled', 'published', 'expired', 'withdrawn']),
  /** When it goes (or went) public; for a draft, null. */
  publishAt: isoSchema.nullable(),
  expireAt: isoSchema.nullable(),
  /** Marked 被上级采用 by an admin (信息报送考核). */
  adopted: z.boolean(),
})

/** A notice as its author or an admin edits it. */
export type EditableNotice = z.infer<typeof editableNoticeSchema>

const titleSchema = z.string().trim().min(2, '标题至少 2 个字').max(30, '标题最多 30 个字')
/** Rich-text subset (HTML), or plain paragraphs; anything else is removed on the server. */
const bodySchema = z.string().trim().min(1, '请填写正文').max(20_000, '正文过长')

const noticeFields = {
  columnId: idSchema,
  title: titleSchema,
  body: bodySchema,
  cover: mediaUrlSchema.nullable().optional(),
  images: z.array(mediaUrlSchema).max(9, '最多 9 张图片').optional(),
  video: mediaUrlSchema.nullable().optional(),
  scope: noticeScopeSchema,
  pinned: z.boolean().optional(),
  /** Optional expiry: after it the notice leaves the lists. */
  expireAt: isoSchema.nullable().optional(),
}

/** Writing notices: drafts, scheduling, publishing, editing (history in the audit log). */
export const authoringActions = defineActions({
  'notices.create': {
    summary:
      'Saves a notice as a draft, or publishes it now or at a set time (grid workers only to their villages).',
    input: z.object({
      ...noticeFields,
      /** draft: keep it; now: publish at once; schedule: publish at publishAt. */
      publish: z.enum(['draft', 'now', 'schedule']).default('now'),
      publishAt: isoSchema.optional(),
    }),
    output: editableNoticeSchema,
    access: staff,
    write: true,
    audit: ['columnId', 'title', 'scope', 'pinned', 'publish', 'publishAt', 'expireAt'],
  },
  'notices.update': {
    summary: 'Edits a notice in any state; before and after go to the audit log (edit history).',
    input: z.object({ id: idSchema }).extend(
      Object.fromEntries(Object.entries(noticeFields).map(([k, v]) => [k, v.optional()])) as {
        [K in keyof typeof noticeFields]: z.ZodOptional<(typeof noticeFields)[K]>
      },
    ),
    output: editableNoticeSchema,
    access: staff,
    write: true,
    audit: ['id', 'columnId', 'title', 'scope', 'pinned', 'expireAt'],
  },
  'notices.publish': {
    summary: 'Publishes a draft (or a withdrawn notice) now, or schedules it for publishAt.',
    input: z.object({ id: idSchema, publishAt: isoSchema.optional() }),
    output: editableNoticeSchema,
    access: staff,
    write: true,
    audit: ['id', 'publishAt'],
  },
  'notices.withdraw': {
    summary: 'Takes a notice off the lists; it can be published again.',
    input: z.object({ id: idSchema }),
    output: editableNoticeSchema,
    access: staff,
    write: true,
    audit: ['id'],
  },
  'notices.mine': {
    summary: "The caller's notices in every state, newest first (admins: everyone's).",
    input: pageInputSchema.extend({
      status: z.enum(['draft', 'scheduled', 'published', 'expired', 'withdrawn']).optional(),
    }),
    output: pageOf(editableNoticeSchema),
    access: staff,
    write: false,
  },
  'notices.getEditable': {
    summary: 'One notice for editing: its author (a grid worker in scope) or an admin.',
    input: z.object({ id: idSchema }),
    output: editableNoticeSchema,
    access: staff,
    write: false,
  },
  'content.words': {
    summary: 'The sensitive-word list of the local content check (admins).',
    input: emptyInputSchema,
    output: z.object({ words: z.array(z.string()) }),
    access: admins,
    write: false,
  },
  'content.setWords': {
    summary: 'Replaces the sensitive-word list (one word or phrase each, up to 2,000).',
    input: z.object({
      words: z.array(z.string().trim().min(1).max(20, '每个词最多 20 个字')).max(2000),
    }),
    output: z.object({ words: z.array(z.string()) }),
    access: admins,
    write: true,
    audit: [],
  },
})
