// 户码: resolving a scanned code, printing a group's plates and reissuing a lost one.
import type { Plate } from '../../contract/doorplates'
import { signedInCaller, type ActionContext, type Caller, type HandlersFor } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { loadQr } from '../lazy/load'
import { gridScope, inGridScope, inVillageScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIso } from '../shared/time'
import { UniqueViolation, type DoorplateRecord, type HouseholdView } from '../store/store'
import { doorFor } from './doorplate.rules'
import { newPlateCode, plateCodePattern } from './plate-code'

/** The page a plate opens, in both builds: its `code` (H5 query) or `scene` (小程序码). */
export const DOOR_PAGE = 'pages/door/index'

/** A wrong code counts against the caller's wrong codes, like a wrong invite code. */
const wrongCode = () =>
  new AppError('NOT_FOUND', '户码无效或已作废，请向网格员索取新的门牌', undefined, true)

/** The newest round open for inspection now, if any. */
async function openRoundId(ctx: ActionContext): Promise<string | null> {
  const { items } = await ctx.store.board.rounds({ publishedOnly: false, limit: 12 })
  return items.find((r) => r.status === 'open' && r.windowStart <= ctx.now)?.id ?? null
}

/** Gives each household without a plate a new one; retried once should a code collide. */
export async function issuePlates(ctx: Pick<ActionContext, 'store'>, ids: string[], at: number) {
  const fresh = (): DoorplateRecord[] =>
    ids.map((householdId) => ({
      householdId,
      code: newPlateCode(),
      issuedAt: at,
      printedAt: null,
      imageFileId: null,
    }))
  try {
    return await ctx.store.doorplates.issue(fresh())
  } catch (error) {
    if (!(error instanceof UniqueViolation)) throw error
    return ctx.store.doorplates.issue(fresh())
  }
}

/** QR modules, row by row, for the H5 page that opens this code. */
async function qrRows(origin: string, code: string): Promise<string[]> {
  return (await loadQr()).qrRows(`${origin}/#/${DOOR_PAGE}?code=${code}`)
}

/** The plate as printed: a cached 小程序码 on WeChat, a QR code of the H5 URL locally. */
async function platePicture(
  ctx: ActionContext,
  plate: DoorplateRecord,
  origin: string | undefined,
): Promise<Pick<Plate, 'qr' | 'image'>> {
  const cloud = ctx.media.cloud
  if (cloud?.miniProgramCode) {
    let fileId = plate.imageFileId
    if (!fileId) {
      fileId = await cloud.miniProgramCode({ scene: plate.code, page: DOOR_PAGE })
      await ctx.store.doorplates.setImage(plate.householdId, plate.code, fileId)
    }
    return { qr: null, image: await cloud.tempUrl(fileId) }
  }
  if (!origin) {
    throw new AppError('BAD_INPUT', '缺少页面地址，请在浏览器中打开打印页', {
      fields: [{ path: 'origin', message: '缺少页面地址' }],
    })
  }
  return { qr: await qrRows(origin, plate.code), image: null }
}

async function servedHousehold(ctx: ActionContext, caller: Caller, id: string) {
  const household = await ctx.store.places.household(id)
  if (!household) throw notFound('这户')
  if (!inGridScope(caller, household.gridId)) throw forbidden('这户不在您负责的网格内')
  return household
}

async function groupNames(ctx: ActionContext, groupId: string, first: HouseholdView | undefined) {
  if (first) {
    return {
      village: { id: first.villageId, name: first.villageName },
      group: { id: first.groupId, name: first.groupName },
    }
  }
  for (const { village, groups } of await ctx.store.places.tree()) {
    const group = groups.find((g) => g.id === groupId)
    if (group) return { village: { id: village.id, name: village.name }, group }
  }
  throw notFound('这个村民小组')
}

export const doorplateHandlers: HandlersFor<
  'doorplates.open' | 'doorplates.print' | 'doorplates.reissue'
> = {
  async 'doorplates.open'(ctx, input) {
    const code = input.code
    const plate = plateCodePattern.test(code) ? await ctx.store.doorplates.byCode(code) : null
    const household = plate ? await ctx.store.places.household(plate.householdId) : null
    if (!household) throw wrongCode()
    const caller = ctx.caller
    const serves = caller?.role === 'gridWorker' && caller.gridIds.includes(household.gridId)
    return doorFor(
      caller,
      { ...household, householdId: household.id },
      serves ? await openRoundId(ctx) : null,
    )
  },

  async 'doorplates.print'(ctx, input) {
    const caller = signedInCaller(ctx)
    const group = await ctx.store.places.get('group', input.groupId)
    if (!group) throw notFound('这个村民小组')
    if (!inVillageScope(caller, group.villageId)) throw forbidden('这个村民小组不在您负责的村')
    const page = await ctx.store.households.list({
      gridIds: gridScope(caller),
      groupId: group.id,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    const ids = page.items.map((h) => h.id)
    const have = new Set((await ctx.store.doorplates.of(ids)).map((p) => p.householdId))
    await issuePlates(
      ctx,
      ids.filter((id) => !have.has(id)),
      ctx.now,
    )
    const plates = new Map((await ctx.store.doorplates.of(ids)).map((p) => [p.householdId, p]))
    await ctx.store.doorplates.markPrinted(ids, ctx.now)
    const items: Plate[] = []
    for (const h of page.items) {
      const plate = plates.get(h.id)
      if (!plate) continue
      const picture = await platePicture(ctx, plate, input.origin)
      items.push({ householdId: h.id, houseNo: h.houseNo, code: plate.code, ...picture })
    }
    ctx.audit({
      target: `group:${group.id}`,
      after: { printed: ids.length, cursor: input.cursor ?? null },
    })
    return {
      ...(await groupNames(ctx, group.id, page.items[0])),
      items,
      nextCursor: encodeCursor(page.next),
    }
  },

  async 'doorplates.reissue'(ctx, input) {
    const caller = signedInCaller(ctx)
    const household = await servedHousehold(ctx, caller, input.householdId)
    const [before] = await ctx.store.doorplates.of([household.id])
    let done = false
    for (let attempt = 0; attempt < 2 && !done; attempt++) {
      try {
        done = before
          ? await ctx.store.doorplates.reissue(household.id, newPlateCode(), ctx.now)
          : (await issuePlates(ctx, [household.id], ctx.now)) > 0
      } catch (error) {
        if (!(error instanceof UniqueViolation)) throw error
      }
    }
    if (!done) throw new AppError('CONFLICT', '换发户码没有成功，请再试一次')
    // The audit keeps when the old plate was issued, never a code (a code opens the door page).
    ctx.audit({
      target: `household:${household.id}`,
      before: before ? { issuedAt: before.issuedAt } : null,
      after: { issuedAt: ctx.now },
    })
    return { householdId: household.id, issuedAt: toIso(ctx.now) }
  },
}
