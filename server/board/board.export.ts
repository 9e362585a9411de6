// A round's results for reporting upward (.xlsx) and for the village bulletin board (an A4
// print page of the lists, masked as for the public).
import { itemScore } from '../../contract/scoring'
import { signedInCaller, type HandlersFor } from '../context'
import { forbidden, notFound } from '../errors'
import { loadXlsx } from '../lazy/load'
import { inVillageScope } from '../people/people.rules'
import { toIso } from '../shared/time'
import type { CriterionRecord, ScoreRow } from '../store/store'
import { compareHouseNo, villageStats, visibleEntries, type VillageStatRow } from './board.rules'
import { householdSight } from './household-sight'
import { roundLines, toRound, visibleRound, type Line } from './board.view'

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

async function writeBoardXlsx(
  stats: VillageStatRow[],
  rows: ScoreRow[],
  criteria: CriterionRecord[],
  points: Map<string, Map<string, number>>,
  listOf: Map<string, string>,
  sightOf: (row: ScoreRow) => { name: string; houseNo: string },
): Promise<Buffer> {
  const { newWorkbook, tableSheet, writeXlsx } = await loadXlsx()
  const workbook = newWorkbook()

  const villages = tableSheet(workbook, '各村汇总', [
    { header: '村', key: 'village', width: 16 },
    { header: '户数', key: 'households', width: 8 },
    { header: '已检查', key: 'inspected', width: 8 },
    { header: '覆盖率', key: 'coverage', width: 10 },
    { header: '平均分', key: 'average', width: 10 },
    { header: '红榜户数', key: 'red', width: 10 },
    { header: '黑榜户数', key: 'black', width: 10 },
  ])
  for (const s of stats) {
    villages.addRow({
      village: s.villageName,
      households: s.households,
      inspected: s.inspected,
      coverage: percent(s.coverage),
      average: s.average ?? '',
      red: s.redCount,
      black: s.blackCount,
    })
  }

  const households = tableSheet(workbook, '分户得分', [
    { header: '村', key: 'village', width: 14 },
    { header: '村民小组', key: 'group', width: 10 },
    { header: '门牌号', key: 'houseNo', width: 14 },
    { header: '户主', key: 'head', width: 10 },
    ...criteria.map((c) => ({ header: `${c.name}（${c.maxPoints}）`, key: c.id, width: 12 })),
    { header: '总分', key: 'total', width: 8 },
    { header: '榜单', key: 'list', width: 8 },
  ])
  const sorted = [...rows].sort(
    (a, b) =>
      a.villageSort - b.villageSort ||
      a.groupSort - b.groupSort ||
      compareHouseNo(a.houseNo, b.houseNo),
  )
  for (const r of sorted) {
    const own = points.get(r.householdId)
    const sight = sightOf(r)
    households.addRow({
      village: r.villageName,
      group: r.groupName,
      houseNo: sight.houseNo,
      head: sight.name,
      ...Object.fromEntries(criteria.map((c) => [c.id, own?.get(c.id) ?? ''])),
      total: r.total,
      list: listOf.get(r.householdId) ?? '',
    })
  }
  return writeXlsx(workbook)
}

/** A printed line: as the public sees it (black names always masked, red ones by consent). */
const printed = (line: Line) => ({
  rank: line.rank,
  name: householdSight(null, line, line.list).name,
  groupName: line.groupName,
  unitName: line.unitName,
  score: line.total,
  rectified: line.rectifiedAt !== null,
})

export const boardExportHandlers: HandlersFor<'board.export' | 'board.printable'> = {
  async 'board.export'(ctx, input) {
    const round = await ctx.store.board.round(input.roundId)
    if (!round) throw notFound('这一期检查')
    const rubric = await ctx.store.board.rubric(round.rubricId)
    const rows = await ctx.store.board.scores(round.id)
    const lines = await roundLines(ctx, round)
    const villages = (await ctx.store.places.villages()).filter((v) => v.archivedAt === null)
    const criteria = new Map((rubric?.criteria ?? []).map((c) => [c.id, c]))
    const points = new Map<string, Map<string, number>>()
    for (const item of await ctx.store.board.roundItems(round.id)) {
      const c = criteria.get(item.criterionId)
      if (!c) continue
      const own = points.get(item.householdId) ?? new Map<string, number>()
      own.set(item.criterionId, itemScore(c, item))
      points.set(item.householdId, own)
    }
    const onBlack = new Set(lines.black.map((l) => l.householdId))
    const listOf = new Map<string, string>([
      ...lines.red.map((l) => [l.householdId, '红榜'] as const),
      ...lines.black.map(
        (l) => [l.householdId, l.rectifiedAt ? '黑榜（已整改）' : '黑榜'] as const,
      ),
    ])
    const content = await writeBoardXlsx(
      villageStats(villages, rows, lines),
      rows,
      rubric?.criteria ?? [],
      points,
      listOf,
      // Admins only, so in full; through the one rule all the same.
      (r) => householdSight(ctx.caller, r, onBlack.has(r.householdId) ? 'black' : null),
    )
    return { fileName: `红黑榜-${round.title}.xlsx`, content: content.toString('base64') }
  },

  async 'board.printable'(ctx, input) {
    const round = await visibleRound(ctx, input.roundId)
    const village = (await ctx.store.places.villages()).find((v) => v.id === input.villageId)
    if (!village) throw notFound('这个村')
    if (!inVillageScope(signedInCaller(ctx), village.id))
      throw forbidden('只能打印您负责的村的榜单')
    const lines = await roundLines(ctx, round, village.id)
    return {
      round: toRound(round, ctx.now),
      village: { id: village.id, name: village.name },
      red: lines.red.map(printed),
      // Renumbered within the village, as residents see it on their phones.
      black: visibleEntries(lines.black, () => true).map(printed),
      printedAt: toIso(ctx.now),
    }
  },
}
