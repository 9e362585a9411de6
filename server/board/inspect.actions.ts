// Inspecting: the grid worker's walk list, scoring a household (idempotent by clientId, a
// re-inspection adds a version), and one household's inspection as each viewer may see it.
import { requireCleanText } from '../content/clean-text'
import type { HandlersFor } from '../context'
import { signedInCaller } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { checkMediaUrls } from '../media/media-urls'
import { gridScope, inGridScope, inVillageScope } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { newId } from '../shared/ids'
import { toIso } from '../shared/time'
import { UniqueViolation, type InspectionView } from '../store/store'
import { inPublicity, rectificationDeadline, rectificationThreshold } from './round.rules'
import {
  parsePhotos,
  seesBlackOf,
  scored,
  toAppeal,
  toRound,
  toVersion,
  visibleRound,
} from './board.view'
import { householdSight } from './household-sight'
import { readRowId, rowIds } from './row-ids'

export const inspectHandlers: HandlersFor<
  'board.inspectables' | 'board.inspect' | 'board.inspection'
> = {
  async 'board.inspectables'(ctx, input) {
    const caller = signedInCaller(ctx)
    const round = await ctx.store.board.round(input.roundId)
    if (!round) throw notFound('这一期检查')
    if (input.groupId) {
      const group = await ctx.store.places.get('group', input.groupId)
      if (group && !inVillageScope(caller, group.villageId))
        throw forbidden('这个村民小组不在您负责的村')
    }
    const page = await ctx.store.board.inspectables({
      roundId: round.id,
      gridIds: gridScope(caller),
      keyword: input.keyword || undefined,
      groupId: input.groupId,
      done: input.done,
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return {
      items: page.items.map((h) => ({
        householdId: h.householdId,
        headName: h.headName,
        houseNo: h.houseNo,
        villageName: h.villageName,
        groupId: h.groupId,
        groupName: h.groupName,
        done: h.total !== null,
        score: h.total,
        version: h.version,
      })),
      nextCursor: encodeCursor(page.next),
      groups: page.groups,
      total: page.total,
      doneCount: page.doneCount,
    }
  },

  async 'board.inspect'(ctx, input) {
    const caller = signedInCaller(ctx)
    const round = await ctx.store.board.round(input.roundId)
    if (!round) throw notFound('这一期检查')
    const household = await ctx.store.places.household(input.householdId)
    if (!household) throw notFound('这户')
    if (!inGridScope(caller, household.gridId)) throw forbidden('只能检查您负责网格内的户')
    await requireCleanText(ctx, ...input.items.map((i) => i.note))

    // A resend from the phone's queue: answer with what was saved the first time.
    const resend = async () => {
      const saved = await ctx.store.board.byClientId(input.clientId)
      if (!saved) return null
      if (saved.roundId !== round.id || saved.householdId !== household.id) {
        throw new AppError('CONFLICT', '提交编号已被另一次检查使用，请重新保存')
      }
      const criteria = (await ctx.store.board.rubric(round.rubricId))?.criteria ?? []
      return { inspection: toVersion(saved, criteria, true), duplicate: true, rectified: false }
    }
    const first = await resend()
    if (first) return first

    if (round.windowStart > ctx.now) throw new AppError('CONFLICT', '本期检查尚未开始')
    // After publication the lists are frozen: only a black-listed household can be
    // re-inspected (rectification); any other change goes through an appeal.
    let blackLine = false
    if (round.status === 'published') {
      const lines = await ctx.store.board.entries({
        roundId: round.id,
        list: 'black',
        householdId: household.id,
      })
      blackLine = lines.length > 0
      if (!blackLine) {
        throw new AppError('CONFLICT', '本期榜单已公布，只能对黑榜户整改复查；其他改动请走申诉')
      }
    }

    const result = await scored(ctx, round, input.items)
    const photos = parsePhotos(input.photos)
    // Cloud photos must be the inspector's own uploads, or ones an earlier version already had.
    const earlier = await ctx.store.board.inspections(round.id, household.id)
    await checkMediaUrls(
      ctx,
      { photos: photos.map((p) => p.url) },
      { kept: earlier.flatMap((v) => v.photos.map((p) => p.url)) },
    )
    let saved: InspectionView
    try {
      saved = await ctx.store.board.addInspection({
        id: newId('ins'),
        roundId: round.id,
        householdId: household.id,
        inspectorId: caller.user.id,
        total: result.total,
        deductedItems: result.deductedItems,
        createdAt: ctx.now,
        items: result.items,
        photos,
        clientId: input.clientId,
      })
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error
      const again = await resend()
      if (again) return again
      throw error
    }

    let rectified = false
    if (blackLine && result.total >= rectificationThreshold(round)) {
      rectified = await ctx.store.board.markRectified(round.id, household.id, ctx.now)
    }
    ctx.audit({
      target: `inspection:${saved.id}`,
      after: {
        roundId: round.id,
        householdId: household.id,
        version: saved.version,
        total: saved.total,
        rectified,
      },
    })
    return { inspection: toVersion(saved, result.criteria, true), duplicate: false, rectified }
  },

  async 'board.inspection'(ctx, input) {
    const { caller } = ctx
    const round = await visibleRound(ctx, input.roundId)
    // A line's id (what the lists give) or, for those who see the household in full, its id.
    const lineOf = await readRowId(ctx.store, round.id, input.householdId)
    const id = lineOf ?? input.householdId
    // The caller's own household was read with the caller.
    const household =
      caller?.household?.id === id ? caller.household : await ctx.store.places.household(id)
    // One answer for an unknown id and for a household the caller may not look up by its id:
    // answering differently would tell which ids are on a list.
    const refused = () => forbidden('只能查看本户或榜单上公示的户')
    if (!household) throw lineOf ? notFound('这户') : refused()
    const facts = { ...household, householdId: household.id }
    const lines = await ctx.store.board.entries({
      roundId: round.id,
      householdId: household.id,
      listsVersion: round.listsVersion,
    })
    const black = lines.find((l) => l.list === 'black')
    const list = black ? 'black' : lines.some((l) => l.list === 'red') ? 'red' : null
    const sight = householdSight(caller, facts, black ? 'black' : (lines[0]?.list ?? null))
    const full = sight.full
    if (!full) {
      // Others reach a household only through a line they may see (never by its id), and see
      // a breakdown without notes or photos.
      const onPublicList = lines.some((l) => l.list !== 'black')
      const visible =
        lineOf !== null &&
        round.status === 'published' &&
        (onPublicList || (black !== undefined && seesBlackOf(caller, household.villageId)))
      if (!visible) throw refused()
    }
    const rubric = await ctx.store.board.rubric(round.rubricId)
    const criteria = rubric?.criteria ?? []
    const versions = await ctx.store.board.inspections(round.id, household.id)
    const latest = versions[0] ?? null
    const appeals = full
      ? (
          await ctx.store.board.appeals({
            gridIds: null,
            roundId: round.id,
            householdId: household.id,
            limit: 20,
          })
        ).items
      : []
    const own = caller?.household?.id === household.id
    return {
      round: toRound(round, ctx.now),
      household: {
        id: full ? household.id : (await rowIds(ctx.store)).encode(round.id, household.id),
        name: sight.name,
        houseNo: sight.houseNo,
        villageName: household.villageName,
        groupName: household.groupName,
      },
      fullDetail: full,
      latest: latest ? toVersion(latest, criteria, full) : null,
      earlier: full ? versions.slice(1).map((v) => toVersion(v, criteria, true)) : [],
      list,
      rectification:
        full && black && round.publishedAt !== null
          ? {
              deadline: toIso(rectificationDeadline(round.publishedAt, round.rectificationDays)),
              rectified: black.rectifiedAt !== null,
              threshold: rectificationThreshold(round),
            }
          : null,
      appeals: appeals.map((a) => toAppeal(a)),
      canAppeal:
        own &&
        latest !== null &&
        inPublicity(round, ctx.now) &&
        !appeals.some((a) => a.status === 'pending'),
    }
  },
}
