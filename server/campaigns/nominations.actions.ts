// 评选: nominating a household, the review queue, decisions, and the household declining.
import { requireCleanText } from '../content/clean-text'
import type { ActionContext, Caller, HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { checkMediaUrls } from '../media/media-urls'
import { gridScope, inGridScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { UniqueViolation, type NominationView } from '../store/store'
import {
  badInput,
  conflict,
  householdRef,
  inScope,
  phaseOf,
  toNomination,
  visibleCampaign,
} from './campaign-access'

/** Photos must be pictures the caller uploaded here (checkMediaUrls). */
const checkPhotos = (ctx: ActionContext, photos: readonly string[]) =>
  checkMediaUrls(ctx, { photos }, { message: '图片地址无效，请重新上传' })

/** The nomination, if the caller reviews it (its household's grid worker or an admin). */
async function reviewable(ctx: ActionContext, caller: Caller, id: string): Promise<NominationView> {
  const n = await ctx.store.campaigns.nomination(id)
  if (!n) throw notFound('该提名')
  if (!inGridScope(caller, n.household.gridId)) throw forbidden('只有该户的网格员或管理员可以审核')
  return n
}

/** Before voting closes a nomination may still be declined. */
const declinable = (n: NominationView, phase: string) =>
  (n.status === 'pending' || n.status === 'approved') &&
  (phase === 'nomination' || phase === 'review' || phase === 'voting')

export const nominationHandlers: HandlersFor<
  | 'campaigns.nominees'
  | 'campaigns.nominate'
  | 'campaigns.nominations'
  | 'campaigns.review'
  | 'campaigns.decline'
  | 'me.nominations'
> = {
  async 'campaigns.nominees'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.campaignId)
    // The roster is searched only by those who may nominate here and now (no visitors, no
    // outsiders, not after nominations close), one page for at least two characters of a
    // name: enough to find a neighbour, never a way to list a village.
    if (phaseOf(c, ctx.now) !== 'nomination') throw conflict('现在不在提名时间内，不能查找提名对象')
    if (caller.role === 'resident') {
      if (c.rules.nominators === 'gridWorkers') throw forbidden('本次评选由网格员提名')
      if (!(caller.household && inScope(c, caller.household)))
        throw forbidden('本次评选不在您所在的村')
    }
    // Only the name, village and group: no phone, no house number beyond what neighbours know.
    const page = await ctx.store.households.list({
      // A grid worker finds the households they may nominate: those of their grids.
      gridIds: caller.role === 'gridWorker' ? caller.gridIds : null,
      villageId: c.villageId ?? undefined,
      keyword: input.name,
      limit: input.limit,
    })
    return { items: page.items.filter((h) => inScope(c, h)).map(householdRef), nextCursor: null }
  },

  async 'campaigns.nominate'(ctx, input) {
    const caller = ctx.caller as Caller
    const c = await visibleCampaign(ctx, input.campaignId)
    if (phaseOf(c, ctx.now) !== 'nomination') throw conflict('现在不在提名时间内')
    const isStaff = caller.role === 'gridWorker' || caller.role === 'admin'
    if (!isStaff) {
      if (c.rules.nominators === 'gridWorkers') throw forbidden('本次评选由网格员提名')
      if (!caller.household || !inScope(c, caller.household))
        throw forbidden('本次评选不在您所在的村')
    }
    const nominee = await ctx.store.places.household(input.householdId)
    if (!nominee || !inScope(c, nominee))
      throw badInput('householdId', '请从名单中选择本次评选范围内的户')
    // Staff nominate for the households they serve, as they review them.
    if (isStaff && !inGridScope(caller, nominee.gridId)) throw forbidden('只能提名您负责网格内的户')
    if (!isStaff && !c.rules.selfNomination && caller.household?.id === nominee.id)
      throw badInput('householdId', '本次评选不能提名自己家')
    await checkPhotos(ctx, input.photos)
    const verdict = await ctx.content.checkText(input.story)
    if (!verdict.ok) throw new AppError('CONTENT_REJECTED', verdict.reason)

    const householdId = isStaff ? null : (caller.household?.id ?? null)
    const id = newId('nom')
    const outcome = await ctx.store.campaigns
      .nominate({
        id,
        campaignId: c.id,
        householdId: nominee.id,
        nominatorId: caller.user.id,
        nominatorHouseholdId: householdId,
        nominatorKey: householdId ? `h:${householdId}` : `u:${caller.user.id}`,
        // Staff nominate on the village's behalf: the per-household limit is not theirs.
        slotLimit: householdId ? c.rules.nominationsPerHousehold : 1000,
        story: input.story,
        photos: input.photos,
        status: 'pending',
        number: null,
        createdAt: ctx.now,
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueViolation) return 'duplicate' as const
        throw error
      })
    if (outcome === 'limit')
      throw conflict(`每户最多提名 ${c.rules.nominationsPerHousehold} 户，您家已经提名过了`)
    if (outcome === 'duplicate') throw conflict('这户已经被提名了，不用重复提名')
    const n = (await ctx.store.campaigns.nomination(id)) as NominationView
    ctx.audit({ target: `nomination:${id}`, after: toNomination(n) })
    // The nominee household's bound members are told, and may decline.
    const members = await ctx.store.households.members(nominee.id)
    await ctx.notifier.send({
      event: 'nominated',
      campaignId: c.id,
      recipients: members.map((m) => m.userId),
      key: `nominated|${id}`,
      at: ctx.now,
      title: `您家被提名参加${c.title}`,
      body: '审核通过后将公开为候选。如不愿参加，可在“我的—我的提名”中婉拒。',
    })
    return toNomination(n)
  },

  async 'campaigns.nominations'(ctx, input) {
    const caller = ctx.caller as Caller
    if (input.campaignId) await visibleCampaign(ctx, input.campaignId)
    const page = await ctx.store.campaigns.nominations({
      campaignId: input.campaignId,
      status: input.status,
      gridIds: gridScope(caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toNomination), nextCursor: encodeCursor(page.next) }
  },

  async 'campaigns.review'(ctx, input) {
    const caller = ctx.caller as Caller
    const before = await reviewable(ctx, caller, input.id)
    const c = await visibleCampaign(ctx, before.campaignId)
    const phase = phaseOf(c, ctx.now)
    if (phase !== 'nomination' && phase !== 'review') throw conflict('审核时间已过，投票已经开始')
    if (before.status !== 'pending') throw conflict('这条提名已经处理过了')
    if (input.decision === 'reject') await requireCleanText(ctx, input.reason)
    const decided = await ctx.store.campaigns.decide(before.id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      reason: input.decision === 'reject' ? (input.reason ?? null) : null,
      by: caller.user.id,
      at: ctx.now,
    })
    if (!decided) throw conflict('这条提名已经处理过了')
    const after = (await ctx.store.campaigns.nomination(before.id)) as NominationView
    ctx.audit({
      target: `nomination:${before.id}`,
      before: toNomination(before),
      after: toNomination(after),
    })
    return toNomination(after)
  },

  async 'campaigns.decline'(ctx, input) {
    const caller = ctx.caller as Caller
    const n = await ctx.store.campaigns.nomination(input.id)
    if (!n || caller.household?.id !== n.householdId) throw notFound('该提名')
    const c = await visibleCampaign(ctx, n.campaignId)
    if (!declinable(n, phaseOf(c, ctx.now))) throw conflict('这条提名已经不能撤回了')
    await requireCleanText(ctx, input.reason)
    const done = await ctx.store.campaigns.withdraw(n.id, {
      reason: input.reason || '被提名家庭婉拒',
      by: caller.user.id,
      at: ctx.now,
    })
    if (!done) throw conflict('这条提名已经不能撤回了')
    const after = (await ctx.store.campaigns.nomination(n.id)) as NominationView
    ctx.audit({ target: `nomination:${n.id}`, before: toNomination(n), after: toNomination(after) })
    return toNomination(after)
  },

  async 'me.nominations'(ctx, input) {
    const caller = ctx.caller as Caller
    const householdId = caller.household?.id ?? null
    const page = await ctx.store.campaigns.nominationsOf({
      userId: caller.user.id,
      householdId,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    const items = []
    for (const n of page.items) {
      const mine = n.householdId === householdId
      const c = await ctx.store.campaigns.get(n.campaignId)
      items.push({
        ...toNomination(n),
        relation: mine ? ('myHousehold' as const) : ('mine' as const),
        canDecline: mine && c !== null && declinable(n, phaseOf(c, ctx.now)),
      })
    }
    return { items, nextCursor: encodeCursor(page.next) }
  },
}
