import { z } from 'zod'
import { emptyInputSchema, idSchema, isoSchema, pageInputSchema, pageOf } from './common'
import { defineActions } from './define'

/** A column (栏目) of the bulletin. */
export const columnSchema = z.object({ id: z.string(), name: z.string(), sort: z.number() })

/** A column as an admin manages it: hidden ones too, with how many notices it holds. */
export const managedColumnSchema = columnSchema.extend({
  hidden: z.boolean(),
  /** Published notices filed under it (expired ones included). */
  noticeCount: z.number(),
})

/** A column as an admin manages it. */
export type ManagedColumn = z.infer<typeof managedColumnSchema>

const admins = ['admin'] as const

const columnNameSchema = z
  .string()
  .trim()
  .min(1, '栏目名称不能为空')
  .max(12, '栏目名称最多 12 个字')

/** A notice as listed. */
export const noticeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  column: z.object({ id: z.string(), name: z.string() }),
  /** Empty for a township-wide notice, else the villages it is for. */
  villages: z.array(z.object({ id: z.string(), name: z.string() })),
  pinned: z.boolean(),
  publishedAt: isoSchema,
  viewCount: z.number(),
  authorName: z.string(),
  /** Cover picture (a media URL), if any. */
  cover: z.string().nullable(),
})

/** A notice as listed. */
export type NoticeSummary = z.infer<typeof noticeSummarySchema>

/**
 * A notice as read: its summary plus the body in the bulletin's rich-text subset (HTML with
 * paragraphs, headings, bold, lists, links and images only; sanitised on the server).
 */
export const noticeSchema = noticeSummarySchema.extend({
  body: z.string(),
  /** Gallery pictures (media URLs), shown below the body and previewed full screen. */
  images: z.array(z.string()),
  /** An optional video file (media URL). */
  video: z.string().nullable(),
})

/** A notice as read. */
export type Notice = z.infer<typeof noticeSchema>

/** Where a new notice is published. */
export const noticeScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('township') }),
  z.object({
    kind: z.literal('villages'),
    villageIds: z.array(idSchema).min(1, '请至少选择一个村').max(50),
  }),
])

/** Actions of the bulletin (宣传专栏). */
export const bulletinActions = defineActions({
  'columns.list': {
    summary: 'The visible columns in display order.',
    input: emptyInputSchema,
    output: z.array(columnSchema),
    access: 'public',
    write: false,
  },
  'columns.manage': {
    summary: 'Every column in display order, hidden ones too, with notice counts (admins).',
    input: emptyInputSchema,
    output: z.array(managedColumnSchema),
    access: admins,
    write: false,
  },
  'columns.create': {
    summary: 'Adds a visible column at the end of the order.',
    input: z.object({ name: columnNameSchema }),
    output: managedColumnSchema,
    access: admins,
    write: true,
    audit: ['name'],
  },
  'columns.rename': {
    summary: 'Renames a column; names are unique, hidden columns included.',
    input: z.object({ id: idSchema, name: columnNameSchema }),
    output: managedColumnSchema,
    access: admins,
    write: true,
    audit: ['id', 'name'],
  },
  'columns.reorder': {
    summary: 'Sets the display order: `ids` lists every column (hidden ones too) exactly once.',
    input: z.object({ ids: z.array(idSchema).min(1, '请给出全部栏目的顺序').max(200) }),
    output: z.array(managedColumnSchema),
    access: admins,
    write: true,
    audit: ['ids'],
  },
  'columns.setHidden': {
    summary: "Hides a column (and its notices) from everyone's lists, or shows it again.",
    input: z.object({ id: idSchema, hidden: z.boolean() }),
    output: managedColumnSchema,
    access: admins,
    write: true,
    audit: ['id', 'hidden'],
  },
  'notices.list': {
    summary: 'Published notices the caller may see, newest first, with keyset pagination.',
    input: pageInputSchema.extend({
      columnId: idSchema.optional(),
      keyword: z.string().trim().max(30, '关键词最多 30 个字').optional(),
      pinned: z.boolean().optional(),
    }),
    output: pageOf(noticeSummarySchema),
    access: 'public',
    write: false,
  },
  'notices.get': {
    summary: 'One published notice the caller may see (a read: it counts nothing).',
    input: z.object({ id: idSchema }),
    output: noticeSchema,
    access: 'public',
    write: false,
  },
  'notices.open': {
    summary:
      'Counts a view of a notice the caller may see, and for a resident marks the household reached.',
    input: z.object({ id: idSchema }),
    output: z.object({ viewCount: z.number().int() }),
    access: 'public',
    write: true,
    // A view is a statistic, not an act anyone answers for: no audit entry.
    audit: false,
  },
})
