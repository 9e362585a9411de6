import type { RankEntry, Round } from '../../contract/board'
import type { Caller, HandlersFor } from '../context'
import { AppError, notFound } from '../errors'
import { maskName, visibleVillageIds } from '../people/people.rules'
import { decodeCursor, encodeCursor } from '../shared/cursor'
import { toIsoOrNull } from '../shared/time'
import type { RoundRecord } from '../store/store'
import { averageScore, rankRound, type Ranked } from './board.rules'

const isStaff = (caller: Caller | null) => caller?.role === 'admin' || caller?.role === 'gridWorker'

function toRound(r: RoundRecord): Round {
  return {
    id: r.id,
    month: r.month,
    title: r.title,
    status: r.status,
    publishedAt: toIsoOrNull(r.publishedAt),
    publicityEndsAt: toIsoOrNull(r.publicityEndsAt),
    redThreshold: r.redThreshold,
    blackThreshold: r.blackThreshold,
  }
}

/** Full names go to admins, the household's grid workers and the household itself. */
function seesFullName(caller: Caller | null, entry: Ranked): boolean {
  if (!caller) return false
  if (caller.role === 'admin') return true
  if (caller.gridVillageIds.includes(entry.villageId)) return true
  return caller.household?.id === entry.householdId
}

function toEntry(caller: Caller | null, entry: Ranked, consented: boolean): RankEntry {
  const full = consented || seesFullName(caller, entry)
  return {
    householdId: entry.householdId,
    rank: entry.rank,
    name: full ? entry.headName : maskName(entry.headName),
    villageName: entry.villageName,
    groupName: entry.groupName,
    score: entry.total,
  }
}

export const boardHandlers: HandlersFor<'board.rounds' | 'board.ranking'> = {
  async 'board.rounds'(ctx, input) {
    const page = await ctx.store.board.rounds({
      publishedOnly: !isStaff(ctx.caller),
      after: decodeCursor(input.cursor),
      limit: input.limit,
    })
    return { items: page.items.map(toRound), nextCursor: encodeCursor(page.next) }
  },

  async 'board.ranking'(ctx, input) {
    const { caller } = ctx
    const round = await ctx.store.board.round(input.roundId)
    // An unpublished round answers like a missing one to residents and visitors.
    if (!round || (round.status !== 'published' && !isStaff(caller))) throw notFound('这一期榜单')

    let village: { id: string; name: string } | null = null
    if (input.villageId) {
      const found = (await ctx.store.places.villages()).find((v) => v.id === input.villageId)
      if (!found) {
        throw new AppError('BAD_INPUT', '所选的村不存在', {
          fields: [{ path: 'villageId', message: '所选的村不存在' }],
        })
      }
      village = { id: found.id, name: found.name }
    }

    const rows = await ctx.store.board.scores(round.id, input.villageId)
    const { red, black } = rankRound(rows, round)

    // The black list is shown only within the household's own village (DESIGN.md, privacy).
    const visible = visibleVillageIds(caller)
    let blackList: RankEntry[] | null = null
    let blackHiddenReason: string | null = null
    if (!caller || (visible !== null && visible.length === 0)) {
      blackHiddenReason = '黑榜仅向本村已绑定的村民公示，绑定家庭后可查看本村黑榜'
    } else if (village && visible !== null && !visible.includes(village.id)) {
      blackHiddenReason = '黑榜仅在本村公示，您只能查看本村的黑榜'
    } else {
      // Ranks are renumbered within what this viewer sees: gaps would hint at how many
      // households of other villages are on the list.
      blackList = black
        .filter((entry) => visible === null || visible.includes(entry.villageId))
        .map((entry, i) => toEntry(caller, { ...entry, rank: i + 1 }, false))
    }

    return {
      round: toRound(round),
      village,
      inspected: rows.length,
      average: averageScore(rows),
      red: red.map((entry) => toEntry(caller, entry, entry.showNameOnRed)),
      black: blackList,
      blackHiddenReason,
    }
  },
}
