// What the board's handlers share: a round on the wire, the lists of a round (frozen or
// computed live), who sees what of a line, and the checks of an inspection's input.
import type {
  Appeal,
  InspectionVersion,
  ListKind,
  RankEntry,
  Round,
  Rubric,
} from '../../contract/board'
import type { FieldIssue } from '../../contract/envelope'
import { itemScore } from '../../contract/scoring'
import type { ActionContext, Caller } from '../context'
import { AppError, notFound } from '../errors'
import { visibleVillageIds } from '../people/people.rules'
import { toIso, toIsoOrNull } from '../shared/time'
import type {
  AppealView,
  CriterionRecord,
  InspectionPhotoRecord,
  InspectionView,
  RoundView,
  RubricView,
  ScoreRow,
} from '../store/store'
import { computeLists, type ListEntry } from './board.rules'
import { householdSight } from './household-sight'
import { scoreInspection, type ItemInput } from './inspection.rules'
import { inPublicity, rectificationDeadline } from './round.rules'
import type { RowIds } from './row-ids'

export const isStaff = (caller: Caller | null) =>
  caller?.role === 'admin' || caller?.role === 'gridWorker'

export const badInput = (fields: FieldIssue[]) =>
  new AppError('BAD_INPUT', fields[0]?.message ?? '输入格式不正确', { fields })

export function toRubric(r: RubricView): Rubric {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    createdAt: toIso(r.createdAt),
    criteria: r.criteria.map((c) => ({
      id: c.id,
      category: c.category,
      name: c.name,
      maxPoints: c.maxPoints,
      deductionPerItem: c.deductionPerItem,
      hint: c.hint,
    })),
  }
}

export function toRound(r: RoundView, now: number): Round {
  return {
    id: r.id,
    month: r.month,
    title: r.title,
    status: r.status,
    rubricId: r.rubricId,
    rubricVersion: r.rubricVersion,
    windowStart: toIso(r.windowStart),
    windowEnd: toIso(r.windowEnd),
    publishedAt: toIsoOrNull(r.publishedAt),
    publicityEndsAt: toIsoOrNull(r.publicityEndsAt),
    inPublicity: inPublicity(r, now),
    scope: r.scope,
    redThreshold: r.redThreshold,
    redTopN: r.redTopN,
    blackThreshold: r.blackThreshold,
    blackBottomN: r.blackBottomN,
    publicityDays: r.publicityDays,
    rectificationDays: r.rectificationDays,
    ...(r.publishing
      ? {
          publishing: {
            villagesDone: r.publishing.villagesDone,
            villagesTotal: r.publishing.villagesTotal,
            phase: r.publishing.phase,
            failed: r.publishing.failed,
          },
        }
      : {}),
  }
}

/** A round the caller may see: an unpublished one answers like a missing one to residents. */
export async function visibleRound(ctx: ActionContext, id: string): Promise<RoundView> {
  const round = await ctx.store.board.round(id)
  if (!round || (round.status !== 'published' && !isStaff(ctx.caller))) throw notFound('这一期榜单')
  return round
}

/** A list line, frozen or live. */
export interface Line extends ListEntry {
  rectifiedAt: number | null
}

/** A line from a frozen or a computed entry (field by field: spreads are slow at 10,000). */
function lineOf(e: Omit<ListEntry, 'total'>, total: number, rectifiedAt: number | null): Line {
  return {
    householdId: e.householdId,
    headName: e.headName,
    houseNo: e.houseNo,
    villageId: e.villageId,
    villageName: e.villageName,
    groupId: e.groupId,
    groupName: e.groupName,
    gridId: e.gridId,
    villageSort: e.villageSort,
    groupSort: e.groupSort,
    showNameOnRed: e.showNameOnRed,
    total,
    deductedItems: e.deductedItems,
    list: e.list,
    unitKey: e.unitKey,
    unitName: e.unitName,
    rank: e.rank,
    previousScore: e.previousScore,
    rectifiedAt,
  }
}

/** Households' latest totals in the round before this one, for 进步榜. */
export async function previousTotals(
  ctx: ActionContext,
  roundId: string,
): Promise<Map<string, number>> {
  const previous = await ctx.store.board.previousRound(roundId)
  if (!previous) return new Map()
  const rows = await ctx.store.board.scores(previous.id)
  return new Map(rows.map((r) => [r.householdId, r.total]))
}

/** Computes a round's lists from the scores as they are now (every village: scopes span them). */
export async function liveLists(
  ctx: ActionContext,
  round: RoundView,
  scores?: ScoreRow[],
): Promise<Record<ListKind, ListEntry[]>> {
  const rows = scores ?? (await ctx.store.board.scores(round.id))
  return computeLists(rows, round, await previousTotals(ctx, round.id))
}

/** The lines of a round's lists: frozen once published, computed live before. */
export async function roundLines(
  ctx: ActionContext,
  round: RoundView,
  villageId?: string,
): Promise<Record<ListKind, Line[]>> {
  if (round.status === 'published') {
    const out: Record<ListKind, Line[]> = { red: [], black: [], progress: [] }
    const q = { roundId: round.id, villageId, listsVersion: round.listsVersion }
    for (const e of await ctx.store.board.entries(q)) {
      out[e.list].push(lineOf(e, e.score, e.rectifiedAt))
    }
    return out
  }
  const lists = await liveLists(ctx, round)
  const pick = (list: ListKind) =>
    lists[list]
      .filter((e) => !villageId || e.villageId === villageId)
      .map((e) => lineOf(e, e.total, null))
  return { red: pick('red'), black: pick('black'), progress: pick('progress') }
}

/** Why this caller may not see the black list of `villageId` (or of their view), or null. */
export function blackHiddenReason(caller: Caller | null, villageId?: string): string | null {
  const visible = visibleVillageIds(caller)
  if (!caller || (visible !== null && visible.length === 0)) {
    return '黑榜仅向本村已绑定的村民公示，绑定家庭后可查看本村黑榜'
  }
  if (villageId && visible !== null && !visible.includes(villageId)) {
    return '黑榜仅在本村公示，您只能查看本村的黑榜'
  }
  return null
}

/** Whether the caller may see a black-list line of this village. */
export function seesBlackOf(caller: Caller | null, villageId: string): boolean {
  const visible = visibleVillageIds(caller)
  return visible === null || visible.includes(villageId)
}

/**
 * A line as this caller sees it: name and details per householdSight, and an id that means
 * something only in this round's lists unless the caller sees the household in full.
 */
export function toEntry(
  caller: Caller | null,
  line: Line,
  round: RoundView,
  ids: Pick<RowIds, 'encode'>,
): RankEntry {
  const sight = householdSight(caller, line, line.list)
  return {
    householdId: sight.full ? line.householdId : ids.encode(round.id, line.householdId),
    rank: line.rank,
    name: sight.name,
    villageName: line.villageName,
    groupName: line.groupName,
    unitName: line.unitName,
    score: line.total,
    deductedItems: line.deductedItems,
    previousScore: line.previousScore,
    delta: line.previousScore === null ? null : line.total - line.previousScore,
    rectified: line.rectifiedAt !== null,
    rectifyBy:
      sight.full && line.list === 'black' && round.publishedAt !== null
        ? toIso(rectificationDeadline(round.publishedAt, round.rectificationDays))
        : null,
    fullDetail: sight.full,
  }
}

/** Photos as the phone sent them: each capture time must be a real moment. */
export function parsePhotos(
  photos: readonly { url: string; takenAt: string }[],
  path = 'photos',
): InspectionPhotoRecord[] {
  return photos.map((p, i) => {
    const takenAt = Date.parse(p.takenAt)
    if (Number.isNaN(takenAt)) {
      throw badInput([{ path: `${path}.${i}.takenAt`, message: '照片的拍摄时间无效' }])
    }
    return { url: p.url, takenAt }
  })
}

export const photosOut = (photos: readonly InspectionPhotoRecord[]) =>
  photos.map((p) => ({ url: p.url, takenAt: toIso(p.takenAt) }))

/** A saved version as a viewer sees it: notes, photos and inspector only with full detail. */
export function toVersion(
  v: InspectionView,
  criteria: readonly CriterionRecord[],
  full: boolean,
): InspectionVersion {
  const byId = new Map(criteria.map((c) => [c.id, c]))
  return {
    id: v.id,
    version: v.version,
    total: v.total,
    reason: v.reason,
    createdAt: toIso(v.createdAt),
    inspectorName: full ? v.inspectorName : null,
    items: v.items.map((item) => {
      const c = byId.get(item.criterionId)
      return {
        criterionId: item.criterionId,
        category: c?.category ?? '',
        name: c?.name ?? '',
        maxPoints: c?.maxPoints ?? 0,
        deductionPerItem: c?.deductionPerItem ?? 0,
        points: item.points,
        deductions: item.deductions,
        score: c ? itemScore(c, item) : 0,
        note: full ? item.note : '',
      }
    }),
    photos: full ? photosOut(v.photos) : [],
  }
}

/** Scores `items` against the round's rubric version, or BAD_INPUT naming the fields. */
export async function scored(ctx: ActionContext, round: RoundView, items: readonly ItemInput[]) {
  const rubric = await ctx.store.board.rubric(round.rubricId)
  if (!rubric) throw notFound('评分标准')
  const result = scoreInspection(rubric.criteria, items)
  if (!result.ok) throw badInput(result.fields)
  return { ...result, criteria: rubric.criteria }
}

/** An appeal as its household and the staff deciding it see it. */
export function toAppeal(a: AppealView): Appeal {
  return {
    id: a.id,
    roundId: a.roundId,
    roundTitle: a.roundTitle,
    household: {
      id: a.household.id,
      headName: a.household.headName,
      houseNo: a.household.houseNo,
      villageName: a.household.villageName,
      groupName: a.household.groupName,
    },
    appellantName: a.appellantName,
    text: a.text,
    photos: photosOut(a.photos),
    status: a.status,
    scoreBefore: a.scoreBefore,
    scoreAfter: a.scoreAfter,
    reason: a.reason,
    createdAt: toIso(a.createdAt),
    decidedAt: toIsoOrNull(a.decidedAt),
  }
}
