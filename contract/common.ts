import { z } from 'zod'

/** Ids are opaque strings chosen by the server. */
export const idSchema = z.string().trim().min(1, '缺少编号').max(64, '编号过长')

/** Moments on the wire: ISO 8601 in UTC; the client shows them in Asia/Shanghai. */
export const isoSchema = z.string()

/** Input of every paginated list: an opaque cursor from the previous page and a page size. */
export const pageInputSchema = z.object({
  cursor: z.string().max(200, '分页参数无效').optional(),
  limit: z.number().int('每页条数须为整数').min(1).max(50).default(20),
})

/** Output of every paginated list; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

/** An input with no fields: `{}` (the router treats an absent input as `{}`). */
export const emptyInputSchema = z.object({}).strict()

/** A village as shown beside other records. */
export const villageRefSchema = z.object({ id: z.string(), name: z.string() })
