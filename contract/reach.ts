import { z } from 'zod'
import { idSchema, pageInputSchema, pageOf } from './common'
import { defineActions, staff } from './define'

/** A household a notice has not reached yet, for the grid worker to call or visit. */
export const unreachedHouseholdSchema = z.object({
  id: z.string(),
  headName: z.string(),
  houseNo: z.string(),
  villageName: z.string(),
  groupName: z.string(),
  phone: z.string().nullable(),
})

/** Reach without busywork: no read confirmations, only who has not opened a notice yet. */
export const reachActions = defineActions({
  'notices.reach': {
    summary:
      "Households of the caller's grids (all, for admins) in a notice's scope that have not opened it.",
    input: pageInputSchema.extend({ noticeId: idSchema }),
    output: pageOf(unreachedHouseholdSchema).extend({
      /** Households in the notice's scope within the caller's grids. */
      inScope: z.number(),
      /** Of those, how many have opened it. */
      reached: z.number(),
    }),
    access: staff,
    write: false,
  },
})
