import { randomInt } from 'node:crypto'
import { requireCleanText } from '../content/clean-text'
import type { Household } from '../../contract/places'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { loadQr } from '../lazy/load'
import { gridScope, inGridScope, inVillageScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import { UniqueViolation, type HouseholdView, type PlaceKind } from '../store/store'

const INVITE_HOURS = 24
const kindNames: Record<PlaceKind, string> = { village: '村', group: '村民小组', grid: '网格' }

async function toHousehold(ctx: ActionContext, h: HouseholdView): Promise<Household> {
  return asHousehold(h, await ctx.store.households.members(h.id))
}

function asHousehold(h: HouseholdView, members: Household['members']): Household {
  return {
    id: h.id,
    village: { id: h.villageId, name: h.villageName },
    group: { id: h.groupId, name: h.groupName },
    grid: { id: h.gridId, name: h.gridName },
    headName: h.headName,
    houseNo: h.houseNo,
    size: h.size,
    phone: h.phone,
    members,
  }
}

/** A household the caller may act on; outside their grids is FORBIDDEN. */
async function householdInScope(ctx: ActionContext, caller: Caller, id: string) {
  const household = await ctx.store.places.household(id)
  if (!household) throw notFound('这户')
  if (!inGridScope(caller, household.gridId)) throw forbidden('这户不在您负责的网格内')
  return household
}

/** A live place of a kind, in the given village when one is named. */
async function livePlace(ctx: ActionContext, kind: PlaceKind, id: string, villageId?: string) {
  const place = await ctx.store.places.get(kind, id)
  if (!place || place.archived || (villageId && place.villageId !== villageId)) {
    throw new AppError('BAD_INPUT', `所选的${kindNames[kind]}不存在或已归档`, {
      fields: [{ path: `${kind}Id`, message: `所选的${kindNames[kind]}不存在或已归档` }],
    })
  }
  return place
}

const duplicateName = (kind: PlaceKind) =>
  new AppError('CONFLICT', `已有同名的${kindNames[kind]}（或相同的行政区划代码）`)

// No 0/O or 1/I: the code may be read aloud or typed by an elderly villager.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export const placesHandlers: HandlersFor<
  | 'places.tree'
  | 'places.create'
  | 'places.rename'
  | 'places.archive'
  | 'grids.assignWorker'
  | 'grids.removeWorker'
  | 'households.list'
  | 'households.get'
  | 'households.update'
  | 'households.invite'
> = {
  async 'places.tree'(ctx) {
    const tree = await ctx.store.places.tree()
    return tree.map(({ village, groups, grids }) => ({
      id: village.id,
      name: village.name,
      code: village.code,
      archived: village.archivedAt !== null,
      householdCount: village.householdCount,
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        archived: Boolean(g.archivedAt),
        householdCount: g.householdCount,
      })),
      grids: grids.map((g) => ({
        id: g.id,
        name: g.name,
        archived: Boolean(g.archivedAt),
        householdCount: g.householdCount,
        workers: g.workers,
      })),
    }))
  },

  async 'places.create'(ctx, input) {
    const id = newId(input.kind === 'village' ? 'vil' : input.kind === 'group' ? 'grp' : 'grd')
    await requireCleanText(ctx, input.name)
    try {
      if (input.kind === 'village') {
        await ctx.store.places.create('village', {
          id,
          name: input.name,
          code: input.code ?? null,
          sort: 1000,
          archivedAt: null,
        })
      } else {
        await livePlace(ctx, 'village', input.villageId)
        const record = { id, villageId: input.villageId, name: input.name, archivedAt: null }
        if (input.kind === 'group')
          await ctx.store.places.create('group', { ...record, sort: 1000 })
        else await ctx.store.places.create('grid', record)
      }
    } catch (error) {
      if (error instanceof UniqueViolation) throw duplicateName(input.kind)
      throw error
    }
    ctx.audit({ target: `${input.kind}:${id}`, before: null, after: input })
    return { id }
  },

  async 'places.rename'(ctx, input) {
    const place = await ctx.store.places.get(input.kind, input.id)
    if (!place) throw notFound(`这个${kindNames[input.kind]}`)
    await requireCleanText(ctx, input.name)
    try {
      await ctx.store.places.rename(input.kind, input.id, input.name, input.code)
    } catch (error) {
      if (error instanceof UniqueViolation) throw duplicateName(input.kind)
      throw error
    }
    ctx.audit({
      target: `${input.kind}:${input.id}`,
      after: { name: input.name, code: input.code },
    })
    return { id: input.id }
  },

  async 'places.archive'(ctx, input) {
    const place = await ctx.store.places.get(input.kind, input.id)
    if (!place) throw notFound(`这个${kindNames[input.kind]}`)
    await ctx.store.places.archive(input.kind, input.id, input.archived ? ctx.now : null)
    ctx.audit({
      target: `${input.kind}:${input.id}`,
      before: { archived: place.archived },
      after: { archived: input.archived },
    })
    return { id: input.id }
  },

  async 'grids.assignWorker'(ctx, input) {
    await livePlace(ctx, 'grid', input.gridId)
    const user = await ctx.store.users.get(input.userId)
    if (!user) throw notFound('该用户')
    if (user.staffRole !== 'gridWorker') throw new AppError('CONFLICT', '请先任命该用户为网格员')
    await ctx.store.places.assignWorker(input.gridId, input.userId)
    ctx.audit({ target: `grid:${input.gridId}`, after: { assigned: input.userId } })
    return input
  },

  async 'grids.removeWorker'(ctx, input) {
    await ctx.store.places.removeWorker(input.gridId, input.userId)
    ctx.audit({ target: `grid:${input.gridId}`, after: { removed: input.userId } })
    return input
  },

  async 'households.list'(ctx, input) {
    const caller = signedInCaller(ctx)
    if (input.gridId && !inGridScope(caller, input.gridId)) throw forbidden('这个网格不归您负责')
    if (input.villageId && !inVillageScope(caller, input.villageId))
      throw forbidden('这个村不归您负责')
    const page = await ctx.store.households.list({
      gridIds: gridScope(caller),
      villageId: input.villageId,
      gridId: input.gridId,
      keyword: input.keyword || undefined,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    // The page's members in one batch, not one query per household.
    const members = await ctx.store.households.membersOf(page.items.map((h) => h.id))
    const items = page.items.map((h) => asHousehold(h, members.get(h.id) ?? []))
    return { items, nextCursor: encodeCursor(page.next) }
  },

  async 'households.get'(ctx, input) {
    const caller = signedInCaller(ctx)
    return toHousehold(ctx, await householdInScope(ctx, caller, input.id))
  },

  async 'households.update'(ctx, input) {
    const caller = signedInCaller(ctx)
    const before = await householdInScope(ctx, caller, input.id)
    const { id, ...patch } = input
    if (patch.groupId) await livePlace(ctx, 'group', patch.groupId, before.villageId)
    if (patch.gridId) {
      // Scope first: a grid the caller does not serve is refused whatever village it is in.
      if (!inGridScope(caller, patch.gridId)) throw forbidden('不能把这户移到您不负责的网格')
      await livePlace(ctx, 'grid', patch.gridId, before.villageId)
    }
    await ctx.store.households.update(id, patch)
    const after = (await ctx.store.places.household(id)) as HouseholdView
    ctx.audit({
      target: `household:${id}`,
      before: {
        headName: before.headName,
        size: before.size,
        phone: before.phone,
        groupId: before.groupId,
        gridId: before.gridId,
      },
      after: {
        headName: after.headName,
        size: after.size,
        phone: after.phone,
        groupId: after.groupId,
        gridId: after.gridId,
      },
    })
    return toHousehold(ctx, after)
  },

  async 'households.invite'(ctx, input) {
    const caller = signedInCaller(ctx)
    const household = await householdInScope(ctx, caller, input.householdId)
    const code = Array.from(
      { length: 8 },
      () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
    ).join('')
    const expiresAt = ctx.now + INVITE_HOURS * 3_600_000
    await ctx.store.households.createInvite({
      code,
      householdId: household.id,
      createdBy: caller.user.id,
      createdAt: ctx.now,
      expiresAt,
    })
    ctx.audit({ target: `household:${household.id}`, after: { invite: code, expiresAt } })
    const rows = (await loadQr()).qrRows(`hemei-invite:${code}`)
    return { code, expiresAt: toIso(expiresAt), qr: rows }
  },
}
