// 我的家庭: what a household earned in 评选 (the board's scores come from board.history).
import type { Award } from '../../contract/doorplates'
import { phaseOf } from '../campaigns/campaign-access'
import { rank } from '../campaigns/campaigns.rules'
import { signedInCaller, type ActionContext, type HandlersFor } from '../context'
import { AppError } from '../errors'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import { pageRows } from '../store/cloud/docs'
import type { Keyset } from '../store/store'

/** Nominations read per page while collecting a household's awards. */
const SCAN = 50

/** Every award of a household: approved nominations that won a campaign now in 公示 or closed. */
async function awardsOf(ctx: ActionContext, householdId: string): Promise<Award[]> {
  const awards: Award[] = []
  let after: Keyset | undefined
  do {
    // Nominations made by nobody ('') or of the household: the household's own.
    const page = await ctx.store.campaigns.nominationsOf({
      userId: '',
      householdId,
      after,
      limit: SCAN,
    })
    for (const n of page.items) {
      if (n.householdId !== householdId || n.status !== 'approved') continue
      const c = await ctx.store.campaigns.get(n.campaignId)
      if (!c) continue
      const phase = phaseOf(c, ctx.now)
      if (phase !== 'publicity' && phase !== 'closed') continue
      const tally = await ctx.store.campaigns.tally(c.id)
      const ranked = rank(
        tally.candidates.map((x) => ({ ...x, id: x.nominationId })),
        c.rules.winners,
      ).find((r) => r.row.nominationId === n.id)
      if (ranked?.winner) {
        awards.push({
          campaignId: c.id,
          title: c.title,
          rank: ranked.rank,
          publishedAt: toIso(c.votingEndsAt),
        })
      }
    }
    after = page.next ?? undefined
  } while (after)
  return awards
}

export const familyHandlers: HandlersFor<'me.awards'> = {
  async 'me.awards'(ctx, input) {
    const household = signedInCaller(ctx).household
    if (!household) throw new AppError('CONFLICT', '您还没有绑定家庭，请先在“我的”绑定家庭')
    const page = pageRows(
      await awardsOf(ctx, household.id),
      (a) => a.publishedAt,
      (a) => a.campaignId,
      'desc',
      decodeCursor(input.cursor),
      input.limit,
    )
    return { items: page.items, nextCursor: encodeCursor(page.next) }
  },
}
