import { z } from 'zod'
import { idSchema, isoSchema, pageInputSchema, pageOf, villageRefSchema } from './common'
import { defineActions } from './define'

/** A monthly inspection round. */
export const roundSchema = z.object({
  id: z.string(),
  month: z.string(),
  title: z.string(),
  status: z.enum(['open', 'published']),
  publishedAt: isoSchema.nullable(),
  publicityEndsAt: isoSchema.nullable(),
  redThreshold: z.number(),
  blackThreshold: z.number(),
})

/** A monthly inspection round. */
export type Round = z.infer<typeof roundSchema>

/** One household's line on the red or black list. */
export const rankEntrySchema = z.object({
  householdId: z.string(),
  rank: z.number(),
  /** Full name only where the viewer may see it (DESIGN.md, privacy); masked otherwise. */
  name: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  score: z.number(),
})

/** One household's line on the red or black list. */
export type RankEntry = z.infer<typeof rankEntrySchema>

/** Actions of the living-environment red and black list (人居环境红黑榜). */
export const boardActions = defineActions({
  'board.rounds': {
    summary: 'Inspection rounds, newest first; residents and visitors see published ones only.',
    input: pageInputSchema,
    output: pageOf(roundSchema),
    access: 'public',
    write: false,
  },
  'board.ranking': {
    summary: "A round's red and black lists for one village or the whole township.",
    input: z.object({ roundId: idSchema, villageId: idSchema.optional() }),
    output: z.object({
      round: roundSchema,
      village: villageRefSchema.nullable(),
      inspected: z.number(),
      average: z.number().nullable(),
      red: z.array(rankEntrySchema),
      /** Null when this viewer may not see the black list; `blackHiddenReason` says why. */
      black: z.array(rankEntrySchema).nullable(),
      blackHiddenReason: z.string().nullable(),
    }),
    access: 'public',
    write: false,
  },
})
