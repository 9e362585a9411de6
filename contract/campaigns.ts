import { z } from 'zod'
import { isoSchema, pageInputSchema, pageOf, villageRefSchema } from './common'
import { defineActions } from './define'

/** Kinds of campaign the township runs. */
export const campaignTypes = [
  'civilizedFamily',
  'goodNeighbor',
  'goodInLaws',
  'beautifulCourtyard',
] as const

/** Phases, in order; derived on the server from the clock in Asia/Shanghai. */
export const campaignPhases = [
  'upcoming',
  'nomination',
  'review',
  'voting',
  'publicity',
  'closed',
] as const

/** A campaign's phase. */
export type CampaignPhase = (typeof campaignPhases)[number]

/** A campaign as listed on 评选. */
export const campaignSummarySchema = z.object({
  id: z.string(),
  type: z.enum(campaignTypes),
  title: z.string(),
  description: z.string(),
  /** Null for a township-wide campaign. */
  village: villageRefSchema.nullable(),
  phase: z.enum(campaignPhases),
  /** When the current phase ends; null once closed. */
  phaseEndsAt: isoSchema.nullable(),
  votingStartsAt: isoSchema,
  votingEndsAt: isoSchema,
  candidateCount: z.number(),
})

/** A campaign as listed on 评选. */
export type CampaignSummary = z.infer<typeof campaignSummarySchema>

/** Actions of the selections (评选). */
export const campaignActions = defineActions({
  'campaigns.list': {
    summary: 'Campaigns the caller may see, the running ones first.',
    input: pageInputSchema,
    output: pageOf(campaignSummarySchema),
    access: 'public',
    write: false,
  },
})
